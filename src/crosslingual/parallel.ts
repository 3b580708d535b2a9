import { MedirError } from '../core/errors.js';
import type { Query } from '../core/types.js';

/**
 * Parallel query sets: the same question in several languages, tied by `group` (the
 * language-independent id). Built once from query metadata; every statistic here reads it.
 */
export interface ParallelQueries {
  /** Languages in first-seen order. */
  languages: string[];
  /** group → language → query id. */
  groups: Map<string, Map<string, string>>;
  /** query id → language. */
  langOf: Map<string, string>;
}

function field(q: Query, key: string, source: string): string {
  const value = q.meta[key];
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new MedirError('BAD_INPUT', `${source}: query '${q.id}' has no '${key}' field`, 'a parallel query set gives every query a `lang` and a `group`');
  }
  return String(value);
}

export function parallelQueries(queries: readonly Query[], source: string): ParallelQueries {
  const languages: string[] = [];
  const groups = new Map<string, Map<string, string>>();
  const langOf = new Map<string, string>();
  for (const q of queries) {
    const lang = field(q, 'lang', source);
    const group = field(q, 'group', source);
    if (!languages.includes(lang)) languages.push(lang);
    let byLang = groups.get(group);
    if (!byLang) groups.set(group, (byLang = new Map()));
    if (byLang.has(lang)) throw new MedirError('BAD_INPUT', `${source}: group '${group}' has two ${lang} queries ('${byLang.get(lang)}', '${q.id}')`);
    byLang.set(lang, q.id);
    langOf.set(q.id, lang);
  }
  return { languages, groups, langOf };
}

/** Groups asked in both languages, with the two query ids: the pairs a paired test runs over. */
export function pairs(parallel: ParallelQueries, a: string, b: string): { group: string; a: string; b: string }[] {
  const out: { group: string; a: string; b: string }[] = [];
  for (const [group, byLang] of parallel.groups) {
    const qa = byLang.get(a);
    const qb = byLang.get(b);
    if (qa !== undefined && qb !== undefined) out.push({ group, a: qa, b: qb });
  }
  return out;
}
