import { basename, dirname } from 'node:path';
import { MedirError, inputError } from '../core/errors.js';
import { readJsonl } from '../io/lines.js';
import type { Passage } from '../rag/item.js';

/** One system's answer to one query, as the judge sees it. */
export interface SystemAnswer {
  queryId: string;
  system: string;
  answer: string;
  question?: string;
  /** The passages the system was shown (what its citations point at). */
  passages?: Passage[];
  lang?: string;
  /** A reference answer, where the data set has one. */
  reference?: string;
}

/** `name=path` names the system; a bare path takes the name of its folder (a `medir rag` condition) or file. */
export function parseSystemSpec(spec: string): { system?: string; file: string } {
  const eq = spec.indexOf('=');
  return eq > 0 ? { system: spec.slice(0, eq), file: spec.slice(eq + 1) } : { file: spec };
}

function defaultSystem(file: string): string {
  return basename(file) === 'predictions.jsonl' ? basename(dirname(file)) : basename(file).replace(/\.jsonl(\.gz)?$/, '');
}

function passagesOf(value: unknown, file: string, line: number): Passage[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw inputError(file, line, '"passages": expected an array of {id, text}');
  return value.map((p: unknown) => {
    const o = p as Record<string, unknown>;
    if (!o || typeof o.id !== 'string' || typeof o.text !== 'string') throw inputError(file, line, '"passages": expected an array of {id, text}');
    return { id: o.id, title: typeof o.title === 'string' ? o.title : '', text: o.text };
  });
}

/**
 * Reads answers from `medir rag` predictions (a row with `reply`: the reply is the answer and
 * `answer` the reference) or any JSONL with a query id (`query_id` or `id`), an optional `system`,
 * and `answer`. Two answers of one system to one query are an error naming both lines.
 */
export async function readAnswers(specs: readonly string[]): Promise<SystemAnswer[]> {
  const out: SystemAnswer[] = [];
  const seen = new Map<string, string>();
  for (const spec of specs) {
    const { system: named, file } = parseSystemSpec(spec);
    for await (const { value, line } of readJsonl(file)) {
      const queryId = value.query_id ?? value.id;
      if (typeof queryId !== 'string' && typeof queryId !== 'number') throw inputError(file, line, 'expected "query_id" (or "id")');
      const isPrediction = typeof value.reply === 'string';
      const answer = isPrediction ? value.reply : value.answer;
      if (typeof answer !== 'string') throw inputError(file, line, isPrediction ? '"reply" must be text' : 'expected "answer" text');
      const system = named ?? (typeof value.system === 'string' ? value.system : defaultSystem(file));
      const key = `${queryId}\0${system}`;
      if (seen.has(key)) throw inputError(file, line, `a second answer of system '${system}' to query '${queryId}' (first at ${seen.get(key)})`);
      seen.set(key, `${file}:${line}`);
      const reference = isPrediction ? value.answer : value.reference;
      out.push({
        queryId: String(queryId),
        system,
        answer,
        ...(typeof value.question === 'string' ? { question: value.question } : {}),
        ...(value.passages !== undefined ? { passages: passagesOf(value.passages, file, line) } : {}),
        ...(typeof value.lang === 'string' ? { lang: value.lang } : {}),
        ...(typeof reference === 'string' ? { reference } : {}),
      });
    }
  }
  if (new Set(out.map((a) => a.system)).size < 2) throw new MedirError('BAD_INPUT', `${specs.join(', ')}: answers of at least two systems are needed to judge pairs; found ${[...new Set(out.map((a) => a.system))].join(', ') || 'none'}`, 'name each file: --answers bm25=a.jsonl dense=b.jsonl');
  return out;
}

/** Answers grouped by query, systems in sorted order; queries with a single system are listed apart (a reported skip). */
export function byQuery(answers: readonly SystemAnswer[]): { queries: Map<string, SystemAnswer[]>; single: string[] } {
  const groups = new Map<string, SystemAnswer[]>();
  for (const a of answers) {
    if (!groups.has(a.queryId)) groups.set(a.queryId, []);
    groups.get(a.queryId)!.push(a);
  }
  const queries = new Map<string, SystemAnswer[]>();
  const single: string[] = [];
  for (const [q, list] of groups) {
    if (list.length < 2) single.push(q);
    else queries.set(q, list.sort((x, y) => (x.system < y.system ? -1 : 1)));
  }
  return { queries, single };
}
