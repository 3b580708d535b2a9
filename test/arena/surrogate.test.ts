import { describe, expect, it } from 'vitest';
import type { FeatureName } from '../../src/arena/features/features.js';
import { fitLogistic } from '../../src/arena/logistic.js';
import { surrogateReport } from '../../src/arena/surrogate.js';
import { syntheticArena } from '../../src/arena/synthetic.js';

const NAMES: FeatureName[] = ['citation_precision', 'reference_f1', 'length', 'citation_support'];
/** True weights per unit of feature difference; citation_support is pure noise (weight 0). */
const W = [1.2, -0.8, 0.5, 0];

describe('logistic regression', () => {
  it('two groups: the weight is the log odds ratio, with its textbook standard error', () => {
    // x=0: 3 of 4 win (logit ln 3); x=1: 1 of 4 (logit −ln 3) → weight −2 ln 3, intercept ln 3
    const x = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const y = [1, 1, 1, 0, 1, 0, 0, 0];
    const fit = fitLogistic(x, y, { ridge: 0 });
    expect(fit.coefficients[0]).toBeCloseTo(-2 * Math.log(3), 8);
    expect(fit.coefficients[1]).toBeCloseTo(Math.log(3), 8);
    // SE of a log odds ratio: √(1/3 + 1/1 + 1/1 + 1/3)
    expect(fit.se[0]).toBeCloseTo(Math.sqrt(8 / 3), 6);
  });
});

describe('surrogate judge on a seeded synthetic set (verdicts ~ logistic(w·Δfeatures))', () => {
  const { table, judgments } = syntheticArena({ seed: 20260126, features: NAMES, weights: W, queries: 150, systems: 6 });
  const report = surrogateReport(judgments, table, NAMES, { folds: 5, seed: 3, ties: 'drop' });

  it('recovers each weight within its 95% interval and gives the noise feature a weight near 0', () => {
    report.features.forEach((f, k) => {
      const scale = f.weight / f.perUnit;
      expect(W[k]).toBeGreaterThanOrEqual(f.low / scale);
      expect(W[k]).toBeLessThanOrEqual(f.high / scale);
    });
    expect(Math.abs(report.features[3].perUnit)).toBeLessThan(0.1);
  });

  it('agrees with the judge on held-out queries well above chance, and at chance with shuffled features', () => {
    // Lines name the stronger system first most of the time (A wins ~2/3): a model with an intercept would score that share when shuffled.
    expect(judgments.filter((j) => j.verdict === 'A').length / judgments.length).toBeGreaterThan(0.6);
    expect(report.heldOut.n).toBe(judgments.length);
    // The Bayes rate of this set is about 0.76; chance is 0.5.
    expect(report.heldOut.agreement).toBeGreaterThan(0.7);
    expect(Math.abs(report.heldOut.shuffledAgreement - 0.5)).toBeLessThan(0.05);
  });

  it("the surrogate's leaderboard ranks the systems as the judge's does (Kendall τ-b)", () => {
    expect(report.surrogateLeaderboard.map((r) => r.model)).toEqual(['s1', 's2', 's3', 's4', 's5', 's6']);
    expect(report.tau).toBeGreaterThan(0.85);
  });
});
