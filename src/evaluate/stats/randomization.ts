import { differences, effectSize, mean, type PairedTest } from './paired.js';
import { seededRandom } from './random.js';

/** Relative slack so that flips equal to the observed difference count as "as extreme" despite rounding. */
const SLACK = 1e-12;

/**
 * Paired randomization (sign-flip permutation) test of the mean difference, two-sided. Exact when
 * 2^n sign assignments are no more than the permutations asked for (p = extreme / 2^n, as
 * scipy.stats.permutation_test); otherwise seeded random flips with p = (extreme + 1) / (N + 1).
 */
export const randomization: PairedTest = (a, b, opts) => {
  const d = differences(a, b);
  const n = d.length;
  const observed = Math.abs(mean(d)) * n;
  const threshold = observed - SLACK * Math.max(1, observed);
  const permutations = opts.permutations ?? 10_000;
  const base = { statistic: mean(d), meanDiff: mean(d), effectSize: effectSize(d), n };
  let extreme = 0;
  // 1 << i reads bits 0..30 only: past 2^30 sign assignments it samples
  if (2 ** n <= Math.min(permutations, 2 ** 30)) {
    for (let mask = 0; mask < 2 ** n; mask++) {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        // Stryker disable next-line AssignmentOperator: -= negates every assignment's sum, and only |sum| is read
        sum += mask & (1 << i) ? -d[i] : d[i];
      }
      if (Math.abs(sum) >= threshold) extreme++;
    }
    return { ...base, p: extreme / 2 ** n };
  }
  const random = seededRandom(opts.seed ?? 42);
  for (let k = 0; k < permutations; k++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      // Stryker disable next-line EqualityOperator,AssignmentOperator: random() is never exactly 0.5 here, and >= or -= negates every flip's sum, of which only |sum| is read
      sum += random() < 0.5 ? -d[i] : d[i];
    }
    if (Math.abs(sum) >= threshold) extreme++;
  }
  return { ...base, p: (extreme + 1) / (permutations + 1) };
};
