import { describe, expect, it } from 'vitest';
import { bootstrapCi } from '../../../src/evaluate/stats/bootstrap.js';
import { pairedTest } from '../../../src/evaluate/stats/registry.js';

// Exact values at the defaults (10,000 resamples or flips, seed 42, alpha 0.05), computed outside
// medir: a Python re-implementation of mulberry32, the resampling / sign-flip loops summed in the
// same order, numpy.percentile (linear) and p = (extreme + 1) / (N + 1). Twenty irregular values give
// resampled means whose neighbouring order statistics all differ, so a percentile one position off,
// a wrong interpolation weight or another default changes the result.
const K = [0.513, 0.127, -0.291, 0.208, 0.044, 0.389, -0.073, 0.611, -0.157, 0.032, 0.275, -0.019, 0.148, 0.406, -0.238, 0.091, 0.177, -0.062, 0.339, 0.0071];
const ZEROS = K.map(() => 0);

describe('bootstrap at its defaults (Python reference)', () => {
  it('paired test: p from 164 of 10,000 resampled means as far from the mean as 0, 95% interval', () => {
    const r = pairedTest('bootstrap', K, ZEROS);
    expect(r.p).toBe(0.0164983501649835);
    expect(r.ci).toEqual([0.025152625, 0.22905012499999997]);
    expect(r.n).toBe(20);
  });

  it('a negative mean difference is as extreme (|x - m| >= |m|) and the interval mirrors', () => {
    const r = pairedTest('bootstrap', ZEROS, K);
    expect(r.p).toBe(0.0164983501649835);
    expect(r.ci).toEqual([-0.22905012499999997, -0.025152625000000036]);
  });

  it('alpha 0.2 narrows the interval to the 10% and 90% points; the p-value does not move', () => {
    const r = pairedTest('bootstrap', K, ZEROS, { alpha: 0.2 });
    expect(r.ci).toEqual([0.06006000000000002, 0.19356400000000004]);
    expect(r.p).toBe(0.0164983501649835);
  });

  it('bootstrapCi: the same interval at the defaults, the plain mean', () => {
    const ci = bootstrapCi(K);
    expect([ci.low, ci.high]).toEqual([0.025152625, 0.22905012499999997]);
    expect(ci.mean).toBeCloseTo(K.reduce((s, x) => s + x, 0) / 20, 15);
  });

  it('another seed and sample count (seed 3, 500 resamples of six values)', () => {
    const r = pairedTest('bootstrap', [0.5, 0.1, -0.3, 0.2, 0.0, 0.4], [0, 0, 0, 0, 0, 0], { samples: 500, seed: 3 });
    expect(r.p).toBe(0.1996007984031936);
    expect(r.ci).toEqual([-0.08333333333333333, 0.35000000000000003]);
  });
});

describe('randomization at its defaults (Python reference)', () => {
  it('14 differences (2^14 > 10,000): 942 of 10,000 seeded flips as extreme, p = 943 / 10,001', () => {
    const d = [0.3, -0.1, 0.2, 0.4, 0.1, -0.2, 0.05, 0.15, -0.05, 0.25, 0.1, -0.15, 0.2, 0.0];
    expect(pairedTest('randomization', d, d.map(() => 0)).p).toBe(943 / 10001);
  });
});
