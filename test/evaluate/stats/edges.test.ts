import { describe, expect, it } from 'vitest';
import { incompleteBeta, logGamma, normalSf, tQuantile, tTwoSided, upperGamma } from '../../../src/evaluate/stats/distributions.js';
import { seededRandom } from '../../../src/evaluate/stats/random.js';
import { correct, pairedTest } from '../../../src/evaluate/stats/registry.js';

/*
 * Reference values from scipy 1.17.1 / numpy (python3 here):
 *   scipy.special.gammaln(0.25), (3.5), (0.1); betainc(2, 3, 0.2), (2, 3, 0.9); gammaincc(2.5, 1.0), (2.5, 6.0)
 *   scipy.stats.norm.sf(1.0), (-1.0), (0.3), (-2.5); 2 * t.sf(0.5, 10), (3.0, 2), (0.1, 1); t.ppf(0.9, 4), (0.995, 30)
 *   scipy.stats.wilcoxon(TA, TB) (52 non-zero differences, heavy ties: normal approximation)
 * mulberry32 and the sign-flip test re-implemented in Python (32-bit arithmetic by masks):
 *   mulberry32(42) → 0.6011037519201636, 0.44829055899754167, 0.8524657934904099
 *   d = [0.3, -0.1, 0.2, 0.4, 0.1], 20 seeded flips: seed 42 → 6 as extreme, p = 7/21; seed 5 → 4, p = 5/21
 *   all 32 sign flips: 6 as extreme, p = 6/32
 */
const TA = [1.0, 0.0, 0.0, 0.25, 0.0, 1.0, 1.0, 0.5, 0.0, 0.0, 0.25, 0.5, 0.75, 0.5, 0.25, 0.0, 0.75, 0.75, 0.0, 0.0, 0.5, 0.25, 1.0, 0.5, 0.5, 0.5, 0.75, 0.5, 0.0, 0.75, 0.75, 1.0, 0.75, 0.25, 0.25, 0.75, 0.75, 0.75, 1.0, 0.25, 1.0, 0.0, 0.0, 1.0, 1.0, 0.25, 0.0, 0.25, 0.0, 1.0, 0.75, 0.5, 0.25, 0.5, 0.0, 0.75, 0.5, 0.0, 0.25, 0.75];
const TB = [0.5, 0.25, 0.25, 0.0, 0.75, 0.75, 0.5, 1.0, 1.0, 0.25, 0.75, 0.75, 0.25, 0.25, 0.5, 0.75, 0.25, 0.75, 0.75, 0.25, 0.25, 1.0, 1.0, 0.75, 0.0, 0.75, 0.25, 1.0, 1.0, 0.5, 1.0, 0.75, 0.25, 1.0, 0.25, 0.0, 0.5, 1.0, 0.75, 0.25, 1.0, 0.5, 0.25, 0.0, 0.25, 0.75, 0.75, 0.25, 0.75, 1.0, 0.0, 0.25, 0.5, 0.5, 0.25, 0.25, 0.0, 0.75, 1.0, 0.0];
const D = [0.3, -0.1, 0.2, 0.4, 0.1];
const ZEROS = [0, 0, 0, 0, 0];

describe('special functions in every branch (scipy)', () => {
  it('log-gamma, with the reflection below 1/2', () => {
    expect(logGamma(0.25)).toBeCloseTo(1.2880225246980774, 12);
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 12);
    expect(logGamma(3.5)).toBeCloseTo(1.2009736023470743, 12);
  });

  it('incomplete beta on both sides of its switch point, and at the ends', () => {
    expect(incompleteBeta(0.2, 2, 3)).toBeCloseTo(0.1808, 12);
    expect(incompleteBeta(0.9, 2, 3)).toBeCloseTo(0.9963, 12);
    expect([incompleteBeta(0, 2, 3), incompleteBeta(-1, 2, 3), incompleteBeta(1, 2, 3), incompleteBeta(2, 2, 3)]).toEqual([0, 0, 1, 1]);
  });

  it('upper incomplete gamma by series and by continued fraction', () => {
    expect(upperGamma(2.5, 1.0)).toBeCloseTo(0.8491450360846096, 12);
    expect(upperGamma(2.5, 6.0)).toBeCloseTo(0.03478778050624185, 12);
    expect(upperGamma(2.5, 0)).toBe(1);
  });

  it('normal tail on both sides and at 0', () => {
    expect(normalSf(1.0)).toBeCloseTo(0.15865525393145707, 12);
    expect(normalSf(-1.0)).toBeCloseTo(0.8413447460685429, 12);
    expect(normalSf(0.3)).toBeCloseTo(0.3820885778110474, 12);
    expect(normalSf(-2.5)).toBeCloseTo(0.9937903346742238, 12);
    expect(normalSf(0)).toBe(0.5);
  });

  it('Student t: two-sided tails, infinite and NaN t, quantiles', () => {
    expect(tTwoSided(0.5, 10)).toBeCloseTo(0.627893605742973, 12);
    expect(tTwoSided(-3.0, 2)).toBeCloseTo(0.09546596626670913, 12);
    expect(tTwoSided(0.1, 1)).toBeCloseTo(0.936548965138893, 12);
    expect(tTwoSided(Infinity, 3)).toBe(0);
    expect(tTwoSided(-Infinity, 3)).toBe(0);
    expect(tTwoSided(NaN, 3)).toBeNaN();
    expect(tQuantile(0.9, 4)).toBeCloseTo(1.533206274058944, 9);
    expect(tQuantile(0.995, 30)).toBeCloseTo(2.7499956535672254, 9);
  });
});

describe('paired tests at their edges', () => {
  it('mulberry32 draws as the Python re-implementation', () => {
    const r = seededRandom(42);
    expect([r(), r(), r()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
    expect(seededRandom(7)()).toBe(0.011704753153026104);
  });

  it('randomization: exact when 2^n <= permutations, else seeded flips with p = (extreme + 1)/(N + 1)', () => {
    expect(pairedTest('randomization', D, ZEROS, { permutations: 32 }).p).toBe(6 / 32);
    expect(pairedTest('randomization', D, ZEROS, { permutations: 20 }).p).toBeCloseTo(7 / 21, 15);
    expect(pairedTest('randomization', D, ZEROS, { permutations: 20, seed: 5 }).p).toBeCloseTo(5 / 21, 15);
    expect(pairedTest('randomization', D, ZEROS, { permutations: 32 })).toMatchObject({ statistic: expect.closeTo(0.18, 12), meanDiff: expect.closeTo(0.18, 12), n: 5 });
  });

  it('wilcoxon: normal approximation with tie correction past 50 pairs; all-zero differences give p = 1', () => {
    const r = pairedTest('wilcoxon', TA, TB);
    expect(r.statistic).toBe(592);
    expect(r.p).toBeCloseTo(0.3705231909579011, 10);
    expect(r.n).toBe(60);
    expect(pairedTest('wilcoxon', [1, 2, 3], [1, 2, 3])).toMatchObject({ p: 1, statistic: 0, meanDiff: 0, effectSize: 0, n: 3 });
  });

  it('paired-t with no spread: p = 1 without a difference, 0 with one, t infinite with its sign', () => {
    expect(pairedTest('paired-t', [1, 2, 3], [1, 2, 3])).toMatchObject({ p: 1, statistic: 0, effectSize: 0 });
    expect(pairedTest('paired-t', [2, 3, 4], [1, 2, 3])).toMatchObject({ p: 0, statistic: Infinity, effectSize: Infinity });
    expect(pairedTest('paired-t', [1, 2, 3], [2, 3, 4])).toMatchObject({ p: 0, statistic: -Infinity, effectSize: -Infinity });
  });

  it('paired-t interval at another alpha: mean ± t(1 - alpha/2, n - 1) · sd/√n (d = [1, 2, 3]: sd 1)', () => {
    const r = pairedTest('paired-t', [1, 2, 3], [0, 0, 0], { alpha: 0.2 });
    const half = tQuantile(0.9, 2) / Math.sqrt(3);
    expect(tQuantile(0.9, 2)).toBeCloseTo(1.8856180831641272, 9); // scipy t.ppf(0.9, 2)
    expect(r.ci![0]).toBeCloseTo(2 - half, 9);
    expect(r.ci![1]).toBeCloseTo(2 + half, 9);
  });

  it('pairing errors say both lengths, or how many values there are', () => {
    expect(() => pairedTest('wilcoxon', [1, 2, 3], [1, 2])).toThrow('paired test: 3 values against 2; both must cover the same queries');
    expect(() => pairedTest('bootstrap', [1], [2])).toThrow('paired test: needs at least 2 paired values, got 1');
  });

  it('corrections cap at 1; Holm keeps adjusted p monotone in the order of the raw p; unknown names list the valid ones', () => {
    expect(correct('bonferroni', [0.3, 0.6])).toEqual([0.6, 1]);
    // sorted 0.01·3 = 0.03, 0.02·2 = 0.04, 0.9·1 = 0.9; given in another order
    const holm = correct('holm', [0.9, 0.01, 0.02]);
    [0.9, 0.03, 0.04].forEach((v, i) => expect(holm[i]).toBeCloseTo(v, 12));
    // 0.04·3 = 0.12 > 0.05·2 = 0.1: the second is raised to 0.12
    const raised = correct('holm', [0.05, 0.04, 0.5]);
    [0.12, 0.12, 0.5].forEach((v, i) => expect(raised[i]).toBeCloseTo(v, 12));
    expect(correct('holm', [0.6, 0.5])).toEqual([1, 1]);
    expect(() => correct('fdr', [0.1])).toThrow(/unknown correction 'fdr'; valid: holm, bonferroni, none/);
    // an Object member is no correction: it used to return "[object Undefined]"
    expect(() => correct('toString', [0.1])).toThrow(/unknown correction 'toString'/);
  });
});
