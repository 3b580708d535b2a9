import type { Qrels, Run } from '../core/types.js';
import { mean } from '../evaluate/stats/paired.js';
import { compareCanonical } from '../formats/run.js';
import type { ParallelQueries } from './parallel.js';

/** The first `depth` document ids of a ranking in trec_eval's canonical order. */
function top(run: Run, qid: string, depth: number): string[] {
  return [...(run.get(qid) ?? [])].sort(compareCanonical).slice(0, depth).map((d) => d.docId);
}

/** |A ∩ B| / depth of two `top` lists: a list shorter than `depth` cannot reach 1, as a shorter answer should not. */
function overlapAt(a: readonly string[], b: readonly string[], depth: number): number {
  const set = new Set(a);
  return b.filter((d) => set.has(d)).length / depth;
}

export interface Consistency {
  /** Per language: mean over its groups of the mean overlap@depth with the other languages' lists. */
  overlapByLanguage: Map<string, number>;
  /** Mean over groups of the mean pairwise overlap@depth (groups with two or more languages). */
  overlap: number;
  /** Fraction of groups in which every language's top `depth` holds a relevant document. */
  allLanguagesHit: number;
  groups: number;
}

/**
 * Do parallel questions retrieve the same evidence? Overlap@depth of the retrieved lists between
 * languages, and the share of groups where every language finds a relevant document by `depth`.
 */
export function consistency(parallel: ParallelQueries, run: Run, qrels: Qrels, depth = 10, relevanceLevel = 1): Consistency {
  const perLang = new Map(parallel.languages.map((l) => [l, [] as number[]]));
  const groupOverlaps: number[] = [];
  let allHit = 0;
  let groups = 0;
  for (const byLang of parallel.groups.values()) {
    // Only the languages the run covers (a condition may skip some).
    const langs = [...byLang.keys()].filter((l) => perLang.has(l));
    if (langs.length === 0) continue;
    const lists = new Map(langs.map((l) => [l, top(run, byLang.get(l)!, depth)]));
    const hit = langs.every((l) => {
      const judged = qrels.get(byLang.get(l)!);
      return lists.get(l)!.some((d) => (judged?.get(d) ?? 0) >= relevanceLevel);
    });
    groups++;
    if (hit) allHit++;
    if (langs.length < 2) continue;
    const pairValues: number[] = [];
    for (const l of langs) {
      const others = langs.filter((o) => o !== l).map((o) => overlapAt(lists.get(l)!, lists.get(o)!, depth));
      perLang.get(l)!.push(mean(others));
      pairValues.push(...others);
    }
    groupOverlaps.push(mean(pairValues));
  }
  return {
    overlapByLanguage: new Map([...perLang].filter(([, v]) => v.length > 0).map(([l, v]) => [l, mean(v)])),
    overlap: mean(groupOverlaps),
    allLanguagesHit: groups ? allHit / groups : NaN,
    groups,
  };
}
