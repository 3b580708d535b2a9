import { MedirError } from '../../core/errors.js';

/** Options every paired test takes; each test reads the ones it needs. */
export interface PairedTestOptions {
  /** Seed of the randomization and bootstrap tests (default 42). */
  seed?: number;
  /** Random sign flips of the randomization test (default 10,000; exact enumeration when 2^n is smaller). */
  permutations?: number;
  /** Bootstrap resamples (default 10,000). */
  samples?: number;
  /** 1 - confidence level of the interval reported with the test (default 0.05 → 95% CI). */
  alpha?: number;
}

/** A paired test's outcome over per-query values a and b (differences are a - b). */
export interface PairedTestResult {
  /** Two-sided p-value. */
  p: number;
  /** The test's own statistic (t, W, or the mean difference for resampling tests). */
  statistic: number;
  /** Mean of a - b. */
  meanDiff: number;
  /** Cohen's d for paired samples (d_z): mean difference over the standard deviation of differences. */
  effectSize: number;
  /** Confidence interval of the mean difference, when the test gives one. */
  ci?: [number, number];
  n: number;
}

export type PairedTest = (a: readonly number[], b: readonly number[], opts: PairedTestOptions) => PairedTestResult;

/** Differences a - b, checking the pairing. */
export function differences(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new MedirError('BAD_INPUT', `paired test: ${a.length} values against ${b.length}; both must cover the same queries`);
  if (a.length < 2) throw new MedirError('BAD_INPUT', `paired test: needs at least 2 paired values, got ${a.length}`);
  return a.map((x, i) => x - b[i]);
}

export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample standard deviation (n - 1). */
export function sampleSd(values: readonly number[]): number {
  const m = mean(values);
  let sum = 0;
  for (const v of values) sum += (v - m) ** 2;
  return Math.sqrt(sum / (values.length - 1));
}

/** Cohen's d_z; 0 when nothing differs, ±Infinity when every query differs by the same amount. */
export function effectSize(diffs: readonly number[]): number {
  const m = mean(diffs);
  const sd = sampleSd(diffs);
  if (sd === 0) return m === 0 ? 0 : Math.sign(m) * Infinity;
  return m / sd;
}
