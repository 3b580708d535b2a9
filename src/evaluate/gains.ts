import type { QueryJudgments } from './judgments.js';

/**
 * Gain of a relevance value for the nDCG family. trec_eval's default gain is the value itself;
 * 'exp' is 2^rel - 1. Negative values (in pool, unjudged) and unretrieved levels gain 0.
 */
export function gainOf(rel: number, kind: 'linear' | 'exp'): number {
  // Stryker disable next-line EqualityOperator: rel 0 gains 0 either way (0 linear, 2^0 - 1 exp)
  if (rel <= 0) return 0;
  return kind === 'linear' ? rel : 2 ** rel - 1;
}

const LOG2: number[] = [];

/** log2(rank + 1) for a 0-based rank i, cached: the DCG discount is gain / log2(i + 2). */
export function discountLog(i: number): number {
  for (let j = LOG2.length; j <= i; j++) LOG2.push(Math.log2(j + 2));
  return LOG2[i];
}

const IDEAL = { linear: new WeakMap<QueryJudgments, Float64Array>(), exp: new WeakMap<QueryJudgments, Float64Array>() };

/**
 * The ideal ranking's gains, best first, positive gains only (trec_eval walks the qrels' levels from
 * the top and stops at gain 0). Cached per query, since every run evaluated against it shares it.
 */
export function idealGains(j: QueryJudgments, kind: 'linear' | 'exp'): Float64Array {
  let ideal = IDEAL[kind].get(j);
  // Stryker disable next-line ConditionalExpression: a cache; computed again, the gains are the same
  if (ideal) return ideal;
  let n = 0;
  // Stryker disable next-line EqualityOperator: levels[length] is undefined, not > 0
  for (let i = 0; i < j.levels.length; i++) if (j.levels[i] > 0) n += j.levelCounts[i];
  ideal = new Float64Array(n);
  let at = 0;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: levels are >= 0 and ascending, so going on past the positive ones reaches only level 0, whose gain 0 is filled past the array's end (no write), then levels[-1] (undefined)
  for (let i = j.levels.length - 1; i >= 0 && j.levels[i] > 0; i--) ideal.fill(gainOf(j.levels[i], kind), at, (at += j.levelCounts[i]));
  IDEAL[kind].set(j, ideal);
  return ideal;
}

/** DCG of the first k ideal gains. */
export function idealDcg(ideal: Float64Array, k: number): number {
  const n = Math.min(k, ideal.length);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += ideal[i] / discountLog(i);
  return sum;
}
