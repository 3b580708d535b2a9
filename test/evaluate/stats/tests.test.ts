import { describe, expect, it } from 'vitest';
import { MedirError } from '../../../src/core/errors.js';
import { normalSf, tQuantile, tTwoSided } from '../../../src/evaluate/stats/distributions.js';
import { bootstrapCi, correct, pairedTest } from '../../../src/evaluate/stats/registry.js';

/*
 * Reference values from scipy 1.17.1 (the python3 in this environment):
 *   import scipy.stats as st, numpy as np
 *   st.ttest_rel(A, B)                       -> statistic, pvalue; .confidence_interval(0.95)
 *   st.wilcoxon(A, B)                        -> statistic, pvalue   (exact, n = 12)
 *   st.wilcoxon(C, D)                        -> statistic, pvalue   (zeros dropped, tied ranks, exact)
 *   st.wilcoxon(X, Y)                        -> statistic, pvalue   (n = 80: normal approximation)
 *   st.ttest_rel(X, Y)
 *   st.permutation_test((A, B), lambda x, y, axis: np.mean(x - y, axis=axis),
 *       permutation_type='samples', n_resamples=100000)  -> exact over 2^12 sign flips
 *   same on (E, F), n = 20, n_resamples=2**21 -> exact p = 0.33940696716308594
 *   2 * st.t.sf(2.1, 7); st.t.ppf(0.975, 11); st.norm.sf(1.96)
 */
const A = [0.52, 0.31, 0.77, 0.12, 0.45, 0.66, 0.38, 0.91, 0.25, 0.58, 0.49, 0.7];
const B = [0.47, 0.35, 0.61, 0.1, 0.4, 0.59, 0.41, 0.8, 0.22, 0.5, 0.52, 0.63];
const C = [0.5, 0.4, 0.3, 0.6, 0.2, 0.5, 0.7, 0.1, 0.4, 0.3];
const D = [0.4, 0.4, 0.2, 0.5, 0.3, 0.3, 0.5, 0.1, 0.2, 0.2];
const X = [0.637, 0.27, 0.041, 0.017, 0.813, 0.913, 0.607, 0.729, 0.544, 0.935, 0.816, 0.003, 0.857, 0.034, 0.73, 0.176, 0.863, 0.541, 0.3, 0.423, 0.028, 0.124, 0.671, 0.647, 0.615, 0.384, 0.997, 0.981, 0.686, 0.65, 0.688, 0.389, 0.135, 0.721, 0.525, 0.31, 0.486, 0.889, 0.934, 0.358, 0.572, 0.322, 0.594, 0.338, 0.392, 0.89, 0.227, 0.623, 0.084, 0.833, 0.787, 0.239, 0.876, 0.059, 0.336, 0.15, 0.45, 0.796, 0.231, 0.052, 0.405, 0.199, 0.091, 0.58, 0.299, 0.672, 0.2, 0.942, 0.365, 0.105, 0.629, 0.927, 0.44, 0.955, 0.5, 0.425, 0.62, 0.995, 0.949, 0.46];
const Y = [0.672, 0.5, 0.09, -0.017, 0.806, 0.834, 0.509, 0.823, 0.632, 1.095, 0.77, 0.202, 0.859, 0.221, 0.716, 0.132, 0.918, 0.675, 0.346, 0.394, -0.076, 0.014, 0.751, 0.776, 0.629, 0.306, 1.115, 0.883, 0.644, 0.743, 0.493, 0.458, 0.107, 0.762, 0.548, 0.36, 0.585, 0.844, 1.106, 0.46, 0.686, 0.468, 0.703, 0.452, 0.429, 0.778, 0.244, 0.576, -0.028, 0.888, 0.76, 0.166, 0.802, 0.115, 0.402, 0.313, 0.479, 0.931, 0.401, 0.197, 0.198, 0.351, 0.155, 0.653, 0.366, 0.74, 0.261, 0.936, 0.205, 0.125, 0.579, 1.065, 0.442, 0.993, 0.445, 0.404, 0.649, 0.877, 1.009, 0.479];
const E = [0.61, 0.42, 0.55, 0.7, 0.33, 0.48, 0.52, 0.66, 0.39, 0.58, 0.45, 0.62, 0.51, 0.47, 0.68, 0.36, 0.57, 0.44, 0.6, 0.53];
const F = [0.55, 0.44, 0.58, 0.61, 0.35, 0.51, 0.49, 0.7, 0.4, 0.5, 0.47, 0.65, 0.46, 0.48, 0.6, 0.4, 0.55, 0.41, 0.62, 0.5];

describe('distributions (scipy)', () => {
  it('Student t and normal tails', () => {
    expect(tTwoSided(2.1, 7)).toBeCloseTo(0.07387119621292265, 10);
    expect(tQuantile(0.975, 11)).toBeCloseTo(2.200985160091639, 8);
    expect(normalSf(1.96)).toBeCloseTo(0.024997895148220435, 10);
  });
});

describe('paired tests against scipy', () => {
  it('paired-t = scipy.stats.ttest_rel, with its 95% interval', () => {
    const r = pairedTest('paired-t', A, B);
    expect(r.statistic).toBeCloseTo(2.6079736803804696, 10);
    expect(r.p).toBeCloseTo(0.024345335918435126, 10);
    expect(r.ci![0]).toBeCloseTo(0.007022495491720432, 8);
    expect(r.ci![1]).toBeCloseTo(0.08297750450827958, 8);
    const big = pairedTest('paired-t', X, Y);
    expect(big.statistic).toBeCloseTo(-2.728196782859568, 10);
    expect(big.p).toBeCloseTo(0.007845230139467413, 10);
  });

  it('wilcoxon = scipy.stats.wilcoxon: exact, exact with zeros and ties, and normal approximation', () => {
    const exact = pairedTest('wilcoxon', A, B);
    expect([exact.statistic, exact.p]).toEqual([11, 0.02685546875]);
    const tied = pairedTest('wilcoxon', C, D);
    expect(tied.statistic).toBe(3);
    expect(tied.p).toBeCloseTo(0.046875, 12);
    const approx = pairedTest('wilcoxon', X, Y);
    expect(approx.statistic).toBe(1060.5);
    expect(approx.p).toBeCloseTo(0.0072845989300099855, 10);
  });

  it('randomization is exact when 2^n <= permutations (scipy permutation_test), seeded Monte Carlo otherwise', () => {
    const exact = pairedTest('randomization', A, B, { permutations: 10_000 });
    expect(exact.p).toBeCloseTo(0.02783203125, 12);
    const sampled = pairedTest('randomization', E, F);
    expect(Math.abs(sampled.p - 0.33940696716308594)).toBeLessThan(0.015); // 3 standard errors at 10,000 flips
    expect(pairedTest('randomization', E, F).p).toBe(sampled.p);
    expect(pairedTest('randomization', E, F, { seed: 7 }).p).not.toBe(sampled.p);
  });

  it('bootstrap p and interval approach the exact bootstrap distribution (all 4^4 resamples enumerated)', () => {
    // d = [0.3, -0.1, 0.2, 0.4]; numpy over itertools.product(d, repeat=4):
    // P(|mean* - 0.2| >= 0.2) = 0.0390625; 2.5% / 97.5% quantiles 0.0 / 0.35.
    const d = [0.3, -0.1, 0.2, 0.4];
    const r = pairedTest('bootstrap', d, [0, 0, 0, 0], { samples: 20_000 });
    expect(Math.abs(r.p - 0.0390625)).toBeLessThan(0.006);
    expect(r.ci![0]).toBeCloseTo(0, 1);
    expect(r.ci![1]).toBeCloseTo(0.35, 1);
    const ci = bootstrapCi(d, { samples: 20_000 });
    expect(ci.mean).toBeCloseTo(0.2, 12);
    expect(ci.low).toBeCloseTo(0, 1);
    expect(ci.high).toBeCloseTo(0.35, 1);
  });

  it('reports the mean difference and Cohen d_z (by hand: d = [1, 2, 3] → 2 / 1)', () => {
    const r = pairedTest('paired-t', [2, 4, 6], [1, 2, 3]);
    expect(r.meanDiff).toBe(2);
    expect(r.effectSize).toBe(2);
  });

  it('names the valid tests for an unknown one, and refuses unpaired input', () => {
    expect(() => pairedTest('sign', A, B)).toThrow(/unknown test 'sign'; valid: paired-t, randomization, bootstrap, wilcoxon/);
    expect(() => pairedTest('paired-t', [1, 2], [1])).toThrow(MedirError);
  });
});

describe('corrections (by hand)', () => {
  const p = [0.01, 0.04, 0.03, 0.2];
  it('bonferroni multiplies by the family size, capped at 1', () => {
    expect(correct('bonferroni', p)).toEqual([0.04, 0.16, 0.12, 0.8]);
  });
  it('holm: sorted 0.01·4, 0.03·3, 0.04·2, 0.2·1, made monotone', () => {
    const adjusted = correct('holm', p);
    [0.04, 0.09, 0.09, 0.2].forEach((v, i) => expect(adjusted[i]).toBeCloseTo(v, 12));
  });
  it('none leaves p-values as they are', () => {
    expect(correct('none', p)).toEqual(p);
  });
});
