import { differences, effectSize, mean, sampleSd, type PairedTest } from './paired.js';
import { tQuantile, tTwoSided } from './distributions.js';

/** Student's paired t-test (scipy.stats.ttest_rel), with the t interval of the mean difference. */
export const pairedT: PairedTest = (a, b, opts) => {
  const d = differences(a, b);
  const n = d.length;
  const m = mean(d);
  const se = sampleSd(d) / Math.sqrt(n);
  const half = tQuantile(1 - (opts.alpha ?? 0.05) / 2, n - 1) * se;
  // no spread: t is 0 or ±Infinity, whose two-sided p is 1 or 0
  const t = se === 0 ? (m === 0 ? 0 : Math.sign(m) * Infinity) : m / se;
  return { p: tTwoSided(t, n - 1), statistic: t, meanDiff: m, effectSize: effectSize(d), ci: [m - half, m + half], n };
};
