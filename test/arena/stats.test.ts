import { describe, expect, it } from 'vitest';
import { parseJudgment, type Judgment } from '../../src/arena/judgments.js';
import { kendallTauB, leaderboardTau } from '../../src/arena/kendall.js';
import { positionBias, wilson } from '../../src/arena/position-bias.js';
import { winRateMatrix } from '../../src/arena/win-rate.js';

let n = 0;
const j = (queryId: string, modelA: string, modelB: string, verdict: string, extra: Record<string, unknown> = {}): Judgment =>
  parseJudgment({ query_id: queryId, judge: 'test', model_A: modelA, model_B: modelB, verdict, ...extra }, 'mem.jsonl', ++n);

describe('arena statistics', () => {
  it('win-rate matrix: ties dropped or half, null where two models never met', () => {
    const rows = [j('q1', 'a', 'b', 'A'), j('q2', 'b', 'a', 'A'), j('q3', 'a', 'b', 'A'), j('q4', 'a', 'b', 'Tie')];
    const drop = winRateMatrix(rows, ['a', 'b', 'c'], 'drop');
    expect(drop.rate[0][1]).toBeCloseTo(2 / 3, 12);
    expect(drop.rate[1][0]).toBeCloseTo(1 / 3, 12);
    expect(drop.rate[0][2]).toBeNull();
    const half = winRateMatrix(rows, ['a', 'b'], 'half');
    expect(half.rate[0][1]).toBeCloseTo(2.5 / 4, 12);
    expect(half.games[0][1]).toBe(4);
  });

  it('position bias: share of A wins among non-ties, Wilson interval, flips of pairs judged in both orders', () => {
    const rows = [
      // separate lines, both orders: a wins when shown first, b wins when shown first → flipped
      j('q1', 'a', 'b', 'A', { order: 'AB' }), j('q1', 'b', 'a', 'A', { order: 'BA' }),
      // consistent: a wins both times
      j('q2', 'a', 'b', 'A', { order: 'AB' }), j('q2', 'b', 'a', 'B', { order: 'BA' }),
      // a merged line: first order A, second order Tie
      j('q3', 'a', 'b', 'Tie', { order: 'both', position_verdicts: ['A', 'Tie'] }),
    ];
    const p = positionBias(rows);
    expect(p).toMatchObject({ nonTies: 5, firstWins: 4, ties: 1, firstShare: 0.8 });
    expect(p.bothOrders).toMatchObject({ pairs: 3, consistent: 1, flipped: 1, halfTie: 1 });
    expect(p.bothOrders.flipRate).toBeCloseTo(1 / 3, 12);
    // Wilson 95% for 4/5, by hand: centre (0.8 + 1.92/5)/(1 + 3.84/5) ≈ 0.6696, interval ≈ [0.376, 0.964]
    const [lo, hi] = wilson(4, 5);
    expect(lo).toBeCloseTo(0.3755, 3);
    expect(hi).toBeCloseTo(0.9638, 3);
  });

  it('Kendall τ-b: identical 1, reversed −1, ties corrected (scipy: 0.8165 for [1,2,3] vs [1,2,2])', () => {
    expect(kendallTauB([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(kendallTauB([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    expect(kendallTauB([1, 2, 3], [1, 2, 2])).toBeCloseTo(2 / Math.sqrt(6), 12);
    const { tau, models } = leaderboardTau(new Map([['a', 3], ['b', 2], ['c', 1], ['x', 0]]), new Map([['a', 1], ['b', 2], ['c', 3]]));
    expect(models).toBe(3);
    expect(tau).toBe(-1);
    expect(() => leaderboardTau(new Map([['a', 1]]), new Map([['a', 1]]))).toThrow(/at least two models/);
  });
});
