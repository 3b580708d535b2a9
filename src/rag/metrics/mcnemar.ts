export interface McNemar {
  /** Items only the first condition got right, and only the second. */
  onlyA: number;
  onlyB: number;
  /** Exact two-sided p-value: the discordant pairs against Binomial(onlyA + onlyB, 1/2). */
  p: number;
}

function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/** McNemar's exact test on paired right/wrong outcomes (same items, same order). */
export function mcnemar(a: readonly boolean[], b: readonly boolean[]): McNemar {
  if (a.length !== b.length) throw new Error(`mcnemar: ${a.length} vs ${b.length} paired outcomes`);
  let onlyA = 0;
  let onlyB = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] && !b[i]) onlyA++;
    else if (!a[i] && b[i]) onlyB++;
  }
  const n = onlyA + onlyB;
  const k = Math.min(onlyA, onlyB);
  let tail = 0;
  for (let i = 0; i <= k; i++) tail += Math.exp(logChoose(n, i) - n * Math.LN2);
  return { onlyA, onlyB, p: Math.min(1, 2 * tail) };
}
