import { differences, effectSize, mean, type PairedTest } from './paired.js';
import { seededRandom } from './random.js';

export interface BootstrapOptions {
  samples?: number;
  seed?: number;
  /** 1 - confidence level (default 0.05). */
  alpha?: number;
}

/** Means of `samples` seeded resamples (with replacement) of the values. */
function resampleMeans(values: readonly number[], samples: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  const n = values.length;
  return Float64Array.from({ length: samples }, () => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(random() * n)];
    return sum / n;
  }).sort();
}

/** The q-quantile of sorted values, linear between order statistics (numpy's default). */
export function quantile(sorted: Float64Array, q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (at - lo);
}

/** Percentile bootstrap confidence interval of the mean of `values` (seeded, default 10,000 resamples, 95%). */
export function bootstrapCi(values: readonly number[], opts: BootstrapOptions = {}): { mean: number; low: number; high: number } {
  const alpha = opts.alpha ?? 0.05;
  const means = resampleMeans(values, opts.samples ?? 10_000, opts.seed ?? 42);
  return { mean: mean(values), low: quantile(means, alpha / 2), high: quantile(means, 1 - alpha / 2) };
}

/**
 * Paired bootstrap test of the mean difference: the resampled means, shifted to the null of no
 * difference, are compared with the observed mean; p = (extreme + 1) / (B + 1). The interval is
 * the percentile bootstrap CI of the mean difference.
 */
export const bootstrap: PairedTest = (a, b, opts) => {
  const d = differences(a, b);
  const m = mean(d);
  const samples = opts.samples ?? 10_000;
  const means = resampleMeans(d, samples, opts.seed ?? 42);
  let extreme = 0;
  for (const x of means) if (Math.abs(x - m) >= Math.abs(m)) extreme++;
  const alpha = opts.alpha ?? 0.05;
  return { p: (extreme + 1) / (samples + 1), statistic: m, meanDiff: m, effectSize: effectSize(d), ci: [quantile(means, alpha / 2), quantile(means, 1 - alpha / 2)], n: d.length };
};
