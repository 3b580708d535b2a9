/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface Accuracy {
  n: number;
  correct: number;
  accuracy: number;
  /** √(p(1−p)/n): the binomial standard error MIRAGE prints as "proportion std". */
  se: number;
  /** Wilson score interval: stays inside [0, 1] and is honest for small n or p near 0 or 1. */
  wilson: [number, number];
}

/** With n = 0 every value is NaN (0/0 propagates), never a number. */
export function accuracy(correct: number, n: number, z = Z95): Accuracy {
  const p = correct / n;
  const z2 = z * z;
  const center = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { n, correct, accuracy: p, se: Math.sqrt((p * (1 - p)) / n), wilson: [Math.max(0, center - half), Math.min(1, center + half)] };
}

/** The unweighted mean (over data sets, as MIRAGE averages: a small set weighs as much as a large one). */
export function macroAverage(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}
