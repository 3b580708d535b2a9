import { seededRandom } from '../evaluate/stats/random.js';
import { tieAgreement } from './agreement.js';
import { exactSearch } from './exact.js';
import type { VectorMatrix } from './matrix.js';

/** Corpus texts embedded as calibration queries, and the seed that picks them. */
export const CALIBRATION_SAMPLE = 200;
export const CALIBRATION_SEED = 20;
const K = 10;

/** `size` distinct rows of `0..count-1`, the same for the same seed (a partial Fisher–Yates shuffle). */
export function sampleRows(count: number, size: number, seed: number): number[] {
  const rows = Array.from({ length: count }, (_, i) => i);
  const random = seededRandom(seed);
  const n = Math.min(size, count);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (count - i));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  return rows.slice(0, n).sort((a, b) => a - b);
}

export interface Calibration {
  targetRecall: number;
  efSearch: number;
  /** recall@10 (ties counted as hits) and identical top-10 sets measured at `efSearch` on the sample. */
  recall: number;
  identical: number;
  /** Which queries: corpus texts (title + text) at these rows, embedded as queries. */
  sample: { source: 'corpus texts embedded as queries'; seed: number; size: number; docIds: string[] };
}

/**
 * The smallest efSearch whose recall@10 against exact search reaches `target` on the sample
 * queries: doubling from 10 until reached (or the whole corpus), then bisection between the last
 * miss and the first hit. `search(queries, ef)` returns each query's top-10 rows.
 */
export function calibrateEfSearch(
  matrix: VectorMatrix,
  queries: readonly Float32Array[],
  target: number,
  search: (queries: readonly Float32Array[], ef: number) => number[][],
): { efSearch: number; recall: number; identical: number } {
  const truth = exactSearch(matrix, queries, Math.min(K, matrix.count));
  const measure = (ef: number) => tieAgreement(matrix, queries, truth, search(queries, ef));
  let low = K - 1;
  let high = K;
  let best = measure(high);
  while (best.recall < target && high < matrix.count) {
    low = high;
    high = Math.min(high * 2, matrix.count);
    best = measure(high);
  }
  while (high - low > Math.max(1, Math.floor(high / 16))) {
    const mid = Math.floor((low + high) / 2);
    const at = measure(mid);
    if (at.recall >= target) [high, best] = [mid, at];
    else low = mid;
  }
  return { efSearch: high, recall: best.recall, identical: best.identical };
}
