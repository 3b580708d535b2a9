import type { VectorMatrix } from './matrix.js';

/** Scores within this of the exact k-th best tie with it (float32 sums differ in the last bits). */
const TIE_EPSILON = 1e-6;

export interface Agreement {
  /** Mean fraction of the exact top-k that the approximate search found (ties counted as hits). */
  recall: number;
  /** Fraction of queries whose approximate top-k is as good as the exact one (every result a hit). */
  identical: number;
  /** Queries compared: those with at least one non-zero exact score. */
  evaluated: number;
  /** Queries left out because every exact score is 0 (a zero vector: no known word). */
  leftOut: number;
}

/**
 * How far an approximate top-k agrees with the exact one. A returned row is a hit when its exact
 * score reaches the exact k-th best: where several documents tie there, any of them is as good as
 * the one exact search happened to keep. Queries whose vector is zero are left out, since every
 * document ties at 0 and any answer is exact.
 */
export function tieAgreement(
  matrix: VectorMatrix,
  queries: readonly Float32Array[],
  exact: readonly { row: number; score: number }[][],
  found: readonly (readonly number[])[],
): Agreement {
  let hits = 0;
  let slots = 0;
  let identical = 0;
  let evaluated = 0;
  queries.forEach((q, i) => {
    if (q.every((x) => x === 0) || exact[i].length === 0) return;
    evaluated++;
    const k = exact[i].length;
    const kth = exact[i][k - 1].score;
    let queryHits = 0;
    for (const row of found[i].slice(0, k)) {
      let score = 0;
      const offset = row * matrix.dim;
      for (let d = 0; d < matrix.dim; d++) score += matrix.data[offset + d] * q[d];
      if (score >= kth - TIE_EPSILON) queryHits++;
    }
    // Whole counts, so that a recall of exactly 0.999 is not summed to 0.99899….
    hits += queryHits;
    slots += k;
    if (queryHits === k) identical++;
  });
  return { recall: slots ? hits / slots : 1, identical: evaluated ? identical / evaluated : 1, evaluated, leftOut: queries.length - evaluated };
}
