import { cpuSeconds } from '../core/timed.js';
import { seededRandom } from '../evaluate/stats/random.js';
import { tieAgreement } from './agreement.js';
import { exactSearch } from './exact.js';
import type { VectorMatrix } from './matrix.js';

/** Calibration queries drawn from the corpus, and the seed that picks them. */
export const CALIBRATION_SAMPLE = 400;
export const CALIBRATION_SEED = 20;
/** The recall a default HNSW build calibrates for: the parity promise (issue 20). */
export const DEFAULT_TARGET_RECALL = 0.99;
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

/**
 * One short query per text: 1, 2 or 3 consecutive words (in turn) from a seeded position.
 * Search queries are short ('Alli', 'breast cancer cells'), and short spans are the hard case for a
 * graph over whole-document vectors: on NFCorpus (glove, efC 1000) full texts get 99.7% identical
 * top-10 sets at efSearch 80, one-word spans 98.9% only at 320 and the test queries 99.1% at 640
 * (bench/vector-search/calibration-queries.ts). Calibrating on full texts would promise too much.
 */
export function shortSpans(texts: readonly string[], seed: number): string[] {
  const random = seededRandom(seed);
  return texts.map((text, i) => {
    const words = text.split(/\s+/).filter(Boolean);
    const n = 1 + (i % 3);
    const start = Math.floor(random() * Math.max(1, words.length - n + 1));
    return words.slice(start, start + n).join(' ');
  });
}

/**
 * The identical-set fraction the sample must reach for a promise of `target` on other queries: half
 * the allowed misses, since 400 sample queries estimate a 1% miss rate only to about ±0.5%
 * (NFCorpus: a sample held to 0.99 chose efSearch 500, where its test queries got 98.4% identical
 * sets; held to 0.995, 920 and 99.4%: bench/vector-search/hnsw-defaults.ts).
 */
export function sampleTarget(target: number): number {
  return 1 - (1 - target) / 2;
}

export interface Calibration {
  /** The identical-set fraction (and so recall@10) promised, and the stricter one the sample had to reach. */
  targetRecall: number;
  sampleTarget: number;
  efSearch: number;
  /** False when even efSearch = the corpus size missed `sampleTarget` (a graph too sparse to reach every row). */
  reached: boolean;
  /** recall@10 (ties counted as hits) and identical top-10 sets measured at `efSearch` on the sample. */
  recall: number;
  identical: number;
  /** Sample queries compared and left out (zero vectors: no known word). */
  evaluated: number;
  leftOut: number;
  /** What the store searches with by default, and why (absent in indexes built before it was measured: HNSW). */
  choice?: SearchChoice;
  /** Which queries: short spans of the texts at these rows embedded as queries, or (with no embedder) the rows' own vectors. */
  sample: { source: 'short spans of corpus texts embedded as queries' | 'corpus vectors'; seed: number; size: number; docIds: string[]; spans?: string[] };
}

/**
 * The smallest efSearch at which at least `target` of the sample queries get an identical top-10
 * set against exact search (ties counted; so recall@10 ≥ target too): doubling from 10 until
 * reached (or the whole corpus), then bisection between the last miss and the first hit, to 1/16.
 * `search(queries, ef)` returns each query's top-10 rows.
 */
export function calibrateEfSearch(
  matrix: VectorMatrix,
  queries: readonly Float32Array[],
  target: number,
  search: (queries: readonly Float32Array[], ef: number) => number[][],
): Pick<Calibration, 'efSearch' | 'reached' | 'recall' | 'identical' | 'evaluated' | 'leftOut'> {
  const truth = exactSearch(matrix, queries, Math.min(K, matrix.count));
  const measure = (ef: number) => tieAgreement(matrix, queries, truth, search(queries, ef));
  let low = K - 1;
  let high = K;
  let best = measure(high);
  while (best.identical < target && high < matrix.count) {
    low = high;
    high = Math.min(high * 2, matrix.count);
    best = measure(high);
  }
  while (high - low > Math.max(1, Math.floor(high / 16))) {
    const mid = Math.floor((low + high) / 2);
    const at = measure(mid);
    if (at.identical >= target) [high, best] = [mid, at];
    else low = mid;
  }
  return { efSearch: high, reached: best.identical >= target, ...best };
}

/** Passes over the sample per timed search: the fastest is kept, since load on a shared machine only adds time. */
export const TIMING_REPEATS = 3;
/**
 * How much faster than exact search HNSW must be on the sample to be used. Approximate results have
 * to buy a real speed-up, and the margin must cover how far one timing of the sample can be from
 * the real queries' speed: on the 100k passages at efSearch 2880 two runs of
 * bench/vector-search/default-speed.ts gave the graph 0.61× and 0.64× exact search on the sample,
 * 0.47× and 0.68× on the test queries (exact timed against itself: 1.02×, 1.07×), off by 1.3×.
 */
export const MIN_SPEEDUP = 1.5;

export interface SearchChoice {
  /** CPU seconds per sample query (top-10, the fastest of `repeats` passes) of the exact store and of HNSW at the calibrated efSearch. */
  exactSeconds: number;
  hnswSeconds: number;
  repeats: number;
  /** What the store searches with when no --ef-search is given. */
  search: 'hnsw' | 'exact';
  reason: string;
}

/**
 * CPU seconds per query of exact search and of HNSW over the same `queries` sample, each the
 * fastest of `repeats` passes. The passes alternate, exact then HNSW, so that a change of load hits
 * both; `clock` (CPU seconds) is read once before and once after each pass.
 */
export async function timeSearches(
  queries: number,
  exact: () => Promise<unknown>,
  hnsw: () => Promise<unknown>,
  clock: () => number = cpuSeconds,
  repeats = TIMING_REPEATS,
): Promise<Pick<SearchChoice, 'exactSeconds' | 'hnswSeconds' | 'repeats'>> {
  const best = [Infinity, Infinity];
  for (let r = 0; r < repeats; r++) {
    for (const [i, search] of [exact, hnsw].entries()) {
      const start = clock();
      await search();
      best[i] = Math.min(best[i], clock() - start);
    }
  }
  const n = Math.max(queries, 1);
  return { exactSeconds: best[0] / n, hnswSeconds: best[1] / n, repeats };
}

const ms = (seconds: number) => `${(seconds * 1e3).toPrecision(3)} ms`;

/** HNSW only where it is at least MIN_SPEEDUP× faster than exact search on the sample; else exact search (same results as --vector-store exact). */
export function chooseSearch(efSearch: number, costs: Pick<SearchChoice, 'exactSeconds' | 'hnswSeconds' | 'repeats'>): SearchChoice {
  const search = costs.hnswSeconds * MIN_SPEEDUP < costs.exactSeconds ? 'hnsw' : 'exact';
  const measured = `HNSW at the calibrated efSearch ${efSearch} costs ${ms(costs.hnswSeconds)} of CPU per sample query, exact search ${ms(costs.exactSeconds)}`;
  const verdict = search === 'hnsw' ? `at least ${MIN_SPEEDUP}× faster: HNSW` : `not ${MIN_SPEEDUP}× faster: exact search`;
  return { ...costs, search, reason: `${measured} (${verdict})` };
}
