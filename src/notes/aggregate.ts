import { MedirError } from '../core/errors.js';
import type { Run, ScoredDoc } from '../core/types.js';

/** How passage scores become a note's (or patient's) score, for document-level judgments. */
export const AGGREGATIONS = {
  /** MaxP: the best passage speaks for the note. */
  max: (scores: number[]) => Math.max(...scores),
  /** The sum of the note's `k` best passage scores (rewards several matching passages). */
  'sum-top-k': (scores: number[], k: number) => scores.sort((a, b) => b - a).slice(0, k).reduce((s, x) => s + x, 0),
} as const;

export type Aggregation = keyof typeof AGGREGATIONS;

/**
 * Turns a passage run into a group-level run: each group (note or patient, via `groupOf`) scored from
 * its retrieved passages. Passages without a group are an error: the run and corpus do not match.
 */
export function aggregateRun(run: Run, groupOf: ReadonlyMap<string, string>, method: Aggregation, k = 3): Run {
  const out: Run = new Map();
  for (const [qid, ranking] of run) {
    const scores = new Map<string, number[]>();
    for (const { docId, score } of ranking) {
      const group = groupOf.get(docId);
      if (group === undefined) throw new MedirError('BAD_INPUT', `run for query '${qid}': passage '${docId}' is not in the notes corpus`);
      const list = scores.get(group);
      if (list) list.push(score);
      else scores.set(group, [score]);
    }
    const docs: ScoredDoc[] = [...scores].map(([docId, s]) => ({ docId, score: AGGREGATIONS[method](s, k) }));
    out.set(qid, docs);
  }
  return out;
}
