import type { Judgment, Verdict } from './judgments.js';

export interface PositionBias {
  /** Non-tie verdicts by position (the first-shown answer is `A`). */
  nonTies: number;
  firstWins: number;
  /** Share of A wins among non-ties; 0.5 = no position bias. */
  firstShare: number;
  /** Wilson 95% interval of that share. */
  low: number;
  high: number;
  ties: number;
  /** Pairs judged in both orders: how often the verdict followed the position instead of the answer. */
  bothOrders: { pairs: number; consistent: number; flipped: number; halfTie: number; flipRate: number };
}

/** Wilson score interval (95%): stays inside [0, 1] and behaves for small n, unlike the normal one. */
export function wilson(successes: number, n: number, z = 1.959963984540054): [number, number] {
  if (n === 0) return [0, 1];
  const p = successes / n;
  const centre = p + (z * z) / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const denom = 1 + (z * z) / n;
  return [(centre - spread) / denom, (centre + spread) / denom];
}

/**
 * The two verdicts of one pair, by position, compared: consistent when the same answer wins (or both
 * tie), flipped when the same position wins both times, halfTie when one order ties.
 */
function compareOrders(first: Verdict, second: Verdict): 'consistent' | 'flipped' | 'halfTie' {
  if (first === 'Tie' && second === 'Tie') return 'consistent';
  if (first === 'Tie' || second === 'Tie') return 'halfTie';
  return first === second ? 'flipped' : 'consistent';
}

/**
 * Position bias of a set of judgments. A line without `order: both` shows `model_A` first (MIRAGE-Bench's
 * schema); a `both` line carries each order's verdict in `position_verdicts`. Pairs judged in both
 * orders on separate lines (`--order-conflict separate`) are matched by (query, judge, pair).
 */
export function positionBias(judgments: readonly Judgment[]): PositionBias {
  const verdicts: Verdict[] = [];
  const orders: [Verdict, Verdict][] = [];
  const separate = new Map<string, Judgment>();
  for (const j of judgments) {
    if (j.order === 'both') {
      const [first, second] = j.positionVerdicts ?? [null, null];
      for (const v of [first, second]) if (v) verdicts.push(v);
      if (first && second) orders.push([first, second]);
      continue;
    }
    verdicts.push(j.verdict);
    const key = JSON.stringify([j.queryId, j.judge, ...[j.modelA, j.modelB].sort()]);
    const other = separate.get(key);
    if (other && other.modelA === j.modelB) {
      orders.push([other.verdict, j.verdict]);
      separate.delete(key);
    } else separate.set(key, j);
  }
  const nonTies = verdicts.filter((v) => v !== 'Tie').length;
  const firstWins = verdicts.filter((v) => v === 'A').length;
  const [low, high] = wilson(firstWins, nonTies);
  const counts = { consistent: 0, flipped: 0, halfTie: 0 };
  for (const [a, b] of orders) counts[compareOrders(a, b)]++;
  return {
    nonTies,
    firstWins,
    firstShare: nonTies ? firstWins / nonTies : NaN,
    low,
    high,
    ties: verdicts.length - nonTies,
    bothOrders: { pairs: orders.length, ...counts, flipRate: orders.length ? counts.flipped / orders.length : NaN },
  };
}
