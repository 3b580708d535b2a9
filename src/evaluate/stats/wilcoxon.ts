import { differences, effectSize, mean, type PairedTest } from './paired.js';
import { normalSf } from './distributions.js';

/** Largest n (after dropping zero differences) for the exact distribution, as scipy's method='auto'. */
const EXACT_MAX = 50;

/** Average ranks (1-based) of |d|, ties sharing the mean of their ranks. */
function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((x, y) => x.v - y.v);
  // Stryker disable next-line ArrayDeclaration: every index is assigned below, so a preallocated and a growing array end equal
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].v === order[start].v) end++;
    for (let k = start; k <= end; k++) ranks[order[k].i] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return ranks;
}

/**
 * Exact two-sided p of W+ by enumerating the 2^n sign assignments of the actual (possibly tied) ranks,
 * counted by dynamic programming over doubled ranks (which are integers).
 */
function exactP(ranks: readonly number[], wPlus: number): number {
  const doubled = ranks.map((r) => Math.round(2 * r));
  const total = doubled.reduce((s, r) => s + r, 0);
  const counts = new Float64Array(total + 1);
  counts[0] = 1;
  // in place, from the top down: counts[s - r] is still the count without this rank when it is read
  for (const r of doubled) for (let s = total; s >= r; s--) counts[s] += counts[s - r];
  const w = Math.round(2 * wPlus);
  let below = 0;
  let above = 0;
  for (let s = 0; s <= total; s++) {
    if (s <= w) below += counts[s];
    if (s >= w) above += counts[s];
  }
  const all = 2 ** ranks.length;
  return Math.min(1, (2 * Math.min(below, above)) / all);
}

/**
 * Wilcoxon signed-rank test as scipy.stats.wilcoxon with its defaults: zero differences dropped,
 * exact distribution up to 50 pairs, else the normal approximation with tie correction and no
 * continuity correction. The statistic is min(W+, W-).
 */
export const wilcoxon: PairedTest = (a, b) => {
  const all = differences(a, b);
  const d = all.filter((x) => x !== 0);
  const n = d.length;
  const base = { meanDiff: mean(all), effectSize: effectSize(all), n: all.length };
  const ranks = averageRanks(d.map(Math.abs));
  // Stryker disable next-line EqualityOperator: no difference is 0, and W- for W+ gives the same min(W+, W-) and, by symmetry, the same p
  const wPlus = d.reduce((sum, x, i) => (x > 0 ? sum + ranks[i] : sum), 0);
  const statistic = Math.min(wPlus, (n * (n + 1)) / 2 - wPlus);
  if (n <= EXACT_MAX) return { ...base, p: exactP(ranks, wPlus), statistic };
  const ties = new Map<number, number>();
  for (const r of ranks) ties.set(r, (ties.get(r) ?? 0) + 1);
  let correction = 0;
  for (const t of ties.values()) correction += t ** 3 - t;
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - correction / 48);
  const z = (wPlus - (n * (n + 1)) / 4) / sd;
  return { ...base, p: Math.min(1, 2 * normalSf(Math.abs(z))), statistic };
};
