import type { Qrels, Run } from '../../src/core/types.js';

/** Two queries for the format tests: q1 finds its relevant document at rank 1, q2 at rank 2, two documents retrieved each. */
export const qrels: Qrels = new Map([
  ['q1', new Map([['a', 1]])],
  ['q2', new Map([['b', 1]])],
]);
export const run: Run = new Map([
  ['q1', [{ docId: 'a', score: 2 }, { docId: 'x', score: 1 }]],
  ['q2', [{ docId: 'y', score: 2 }, { docId: 'b', score: 1 }]],
]);
