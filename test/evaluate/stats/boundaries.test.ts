import { describe, expect, it } from 'vitest';
import type { Qrels, Run } from '../../../src/core/types.js';
import { compareResults } from '../../../src/evaluate/compare.js';
import { evaluate } from '../../../src/evaluate/evaluate.js';
import { quantile } from '../../../src/evaluate/stats/bootstrap.js';
import { incompleteBeta, logGamma, normalSf, upperGamma } from '../../../src/evaluate/stats/distributions.js';
import { pairedTest } from '../../../src/evaluate/stats/registry.js';
import { medirErrorOf } from '../../helpers/errors.js';

/** |got / want - 1| below tol: values far below 1 (1e-198, 1e-70) compared to their own size. */
const relClose = (got: number, want: number, tol = 1e-11) => expect(Math.abs(got / want - 1)).toBeLessThan(tol);

describe('special functions where the wrong branch gives another number (scipy 1.17.1)', () => {
  it('log-gamma of negative arguments needs the reflection (gammaln(-0.5), gammaln(-2.5))', () => {
    expect(logGamma(-0.5)).toBeCloseTo(1.2655121234846454, 12);
    expect(logGamma(-2.5)).toBeCloseTo(-0.05624371649767401, 12);
  });

  it('upper gamma: the continued fraction far in the tail, the series near 0 (norm.sf, gammaincc)', () => {
    // Q(1/2, 450) by the series would be 1 - (1 - 1e-197): all digits lost.
    relClose(normalSf(30), 4.906713927147908e-198);
    // Q(1/2, 5e-5) and Q(1/2, 1e-4) by the continued fraction do not converge in its 10,000 steps.
    expect(normalSf(0.01)).toBeCloseTo(0.4960106436853684, 13);
    expect(upperGamma(0.5, 1e-4)).toBeCloseTo(0.9887165844441503, 13);
  });

  it('incomplete beta: the continued fraction on the side of the switch point where it converges (betainc)', () => {
    expect(incompleteBeta(0.9, 200, 300)).toBeCloseTo(1, 12);
    expect(incompleteBeta(0.3, 1e5, 1e5)).toBeCloseTo(0, 12);
    relClose(incompleteBeta(0.1, 200, 300), 7.563101272151373e-70);
  });
});

describe('paired tests: the smallest input and the effect size (by hand)', () => {
  it('two pairs are enough: d = [1, 1.5], t = 1.25 / (0.5/√2 / √2) = 5 on 1 df (Cauchy): p = 1 - 2·atan(5)/π', () => {
    const r = pairedTest('paired-t', [1, 2], [0, 0.5]);
    expect(r.statistic).toBeCloseTo(5, 12);
    expect(r.p).toBeCloseTo(1 - (2 * Math.atan(5)) / Math.PI, 10);
    expect(r.n).toBe(2);
  });

  it("Cohen's d_z is mean over sd: d = [1, 3] → 2 / √2", () => {
    expect(pairedTest('paired-t', [1, 3], [0, 0]).effectSize).toBeCloseTo(Math.SQRT2, 12);
  });

  it('unpaired or too short input is a BAD_INPUT error', async () => {
    expect((await medirErrorOf(() => pairedTest('paired-t', [1, 2, 3], [1, 2]))).code).toBe('BAD_INPUT');
    expect((await medirErrorOf(() => pairedTest('paired-t', [1], [2]))).code).toBe('BAD_INPUT');
  });
});

describe('wilcoxon: both tails and the exact/approximate switch (scipy.stats.wilcoxon)', () => {
  it('the same p whichever run comes first (W+ below or above its mean): 7 pairs, W = 10, p = 0.578125', () => {
    const a = [0.1, 0.5, 0.3, 0.9, 0.2, 0.65, 0.05];
    const b = [0.4, 0.2, 0.8, 0.1, 0.6, 0.95, 0.3];
    for (const [x, y] of [[a, b], [b, a]]) expect(pairedTest('wilcoxon', x, y)).toMatchObject({ statistic: 10, p: expect.closeTo(0.578125, 12) });
  });

  it('50 untied differences still take the exact distribution (scipy 0.24908489906916564; the normal approximation gives 0.2447)', () => {
    const d = Array.from({ length: 50 }, (_, i) => (((i * 37) % 101) - 45) / 100 + i * 1e-4);
    const r = pairedTest('wilcoxon', d, d.map(() => 0));
    expect(r.statistic).toBe(517);
    expect(r.p).toBeCloseTo(0.24908489906916564, 12);
  });
});

describe('quantile (numpy.percentile, linear)', () => {
  it('interpolates between order statistics and reaches the last one at q = 1', () => {
    const sorted = Float64Array.of(1, 2, 4);
    expect([quantile(sorted, 0), quantile(sorted, 0.25), quantile(sorted, 0.75), quantile(sorted, 1)]).toEqual([1, 1.5, 3, 4]);
  });
});

describe('randomization: what counts as "as extreme" (hand-worked on two differences)', () => {
  it('a flip within a relative 1e-12 of the observed sum counts (rounding slack scales with the sum)', () => {
    // d = [1e6, 2.5e-7]: observed sum 1e6 + 2.5e-7; the flip 1e6 - 2.5e-7 is 5e-7 below it, inside the
    // slack 1e-12 · 1e6 = 1e-6, so all 4 sign assignments count: p = 1 (without the slack, 2 of 4).
    expect(pairedTest('randomization', [1e6, 2.5e-7], [0, 0]).p).toBe(1);
  });

  it('a flip exactly at the threshold (observed - 1e-12 · observed) counts, enumerated and sampled', () => {
    // 0.9999999999995001 - 5e-13 is 0.999999999999 in doubles, the threshold for the observed sum 1.
    const d = [0.9999999999995001, 5e-13];
    expect(pairedTest('randomization', d, [0, 0]).p).toBe(1);
    // 3 random flips (< 2^2, so sampled): each is ±(a + b) or ±(a - b), all as extreme: p = (3 + 1)/(3 + 1).
    expect(pairedTest('randomization', d, [0, 0], { permutations: 3 }).p).toBe(1);
  });
});

describe('compareResults: shared queries and its errors', () => {
  const qrels: Qrels = new Map(['q1', 'q2', 'q3'].map((q) => [q, new Map([[`${q}-rel`, 1]])]));
  /** A run that ranks each listed query's relevant document at the given rank (1 or 2) among 2. */
  const run = (ranks: Record<string, number>): Run =>
    new Map(Object.entries(ranks).map(([q, at]) => [q, [{ docId: at === 1 ? `${q}-rel` : 'x', score: 2 }, { docId: at === 2 ? `${q}-rel` : 'y', score: 1 }]]));
  const opts = { test: 'paired-t', correction: 'none', alpha: 0.05 };

  it('means and tests use only the queries every run has; exactly two are enough', () => {
    const a = evaluate(qrels, run({ q1: 1, q2: 1, q3: 1 }), 'mrr');
    const b = evaluate(qrels, run({ q1: 2, q2: 1 }), 'mrr');
    const c = compareResults([{ name: 'a', result: a }, { name: 'b', result: b }], opts);
    expect(c.qids).toEqual(['q1', 'q2']);
    expect(c.means.map((m) => m.get('recip_rank'))).toEqual([1, 0.75]);
    expect(c.pairs).toHaveLength(1);
    expect(c.pairs[0].diff).toBe(0.25);
  });

  it('too few shared queries is BAD_INPUT with the --complete hint; one run is BAD_OPTION', async () => {
    const a = evaluate(qrels, run({ q1: 1, q2: 1 }), 'mrr');
    const b = evaluate(qrels, run({ q2: 1, q3: 1 }), 'mrr');
    const err = await medirErrorOf(() => compareResults([{ name: 'a', result: a }, { name: 'b', result: b }], opts));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toBe('the runs share 1 evaluated queries; a paired test needs at least 2');
    expect(err.hint).toBe('use --complete to count missing queries as 0');
    expect((await medirErrorOf(() => compareResults([{ name: 'a', result: a }], opts))).code).toBe('BAD_OPTION');
  });

  it('a first run with no evaluated query is the same error, not a crash', async () => {
    const empty = evaluate(qrels, run({ q1: 1 }), 'mrr');
    empty.perQuery.clear();
    const b = evaluate(qrels, run({ q1: 1, q2: 1 }), 'mrr');
    const err = await medirErrorOf(() => compareResults([{ name: 'empty', result: empty }, { name: 'b', result: b }], opts));
    expect(err.message).toBe('the runs share 0 evaluated queries; a paired test needs at least 2');
  });
});
