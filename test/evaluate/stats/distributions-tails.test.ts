import { describe, expect, it } from 'vitest';
import { incompleteBeta, tTwoSided } from '../../../src/evaluate/stats/distributions.js';

/** |got / want - 1| below tol: tails far below 1 are compared to their own size. */
const relClose = (got: number, want: number, tol = 1e-11) => expect(Math.abs(got / want - 1)).toBeLessThan(tol);

describe('incomplete beta far in the lower tail, where only the direct continued fraction keeps the digits (scipy 1.17.1)', () => {
  it('I_x(1/2, 1/2) for x near 0: 1 - I_{1-x}(1/2, 1/2) would cancel to a few digits', () => {
    // scipy.special.betainc(0.5, 0.5, 1e-14), betainc(0.5, 0.5, 1e-10)
    relClose(incompleteBeta(1e-14, 0.5, 0.5), 6.366197723675824e-8);
    relClose(incompleteBeta(1e-10, 0.5, 0.5), 6.366197723781918e-6);
    // scipy.special.betainc(1.5, 0.5, 1e-12)
    relClose(incompleteBeta(1e-12, 1.5, 0.5), 4.244131815785148e-19);
  });

  it('and the other side of the switch point still gives the upper values (betainc)', () => {
    // scipy.special.betainc(0.5, 0.5, 1 - 1e-10), betainc(3, 0.5, 0.6), betainc(0.5, 3, 0.2)
    expect(incompleteBeta(1 - 1e-10, 0.5, 0.5)).toBeCloseTo(0.9999936338020129, 12);
    expect(incompleteBeta(0.6, 3, 0.5)).toBeCloseTo(0.09242631153167512, 12);
    expect(incompleteBeta(0.2, 0.5, 3)).toBeCloseTo(0.733430296619931, 12);
  });

  it('a two-sided t p-value on 1 df (Cauchy) for a huge t keeps its digits', () => {
    // scipy: 2 * scipy.stats.t.sf(1e7, 1); by hand 1 - 2·atan(1e7)/π ≈ 2/(π·1e7)
    relClose(tTwoSided(1e7, 1), 6.366197723675794e-8);
  });
});
