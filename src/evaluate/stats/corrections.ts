import { lookup } from '../../core/registry.js';

type Correction = (p: readonly number[]) => number[];

/** Holm's step-down: sorted p_(i) times (m - i + 1), made monotone, capped at 1. */
function holm(p: readonly number[]): number[] {
  const m = p.length;
  const order = p.map((v, i) => ({ v, i })).sort((x, y) => x.v - y.v);
  // Stryker disable next-line ArrayDeclaration: every index is assigned below, so a preallocated and a growing array end equal
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ v, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * v));
    adjusted[i] = running;
  });
  return adjusted;
}

/** Multiple-comparison corrections of a family of p-values (adjusted p-values, same order). */
export const CORRECTIONS = {
  holm,
  bonferroni: (p: readonly number[]) => p.map((v) => Math.min(1, v * p.length)),
  none: (p: readonly number[]) => [...p],
} as const satisfies Record<string, Correction>;

export type CorrectionName = keyof typeof CORRECTIONS;

export function correct(name: string, p: readonly number[]): number[] {
  return lookup<Correction>(CORRECTIONS, 'correction', name)(p);
}
