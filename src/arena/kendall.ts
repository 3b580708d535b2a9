import { MedirError } from '../core/errors.js';

/**
 * Kendall's τ-b between two scorings of the same items (ties corrected, as scipy's default):
 * (concordant − discordant) / √((n0 − tiesX)(n0 − tiesY)). O(n²), fine for leaderboards.
 */
export function kendallTauB(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length) throw new MedirError('BAD_INPUT', `Kendall τ: ${x.length} vs ${y.length} values`);
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const dx = Math.sign(x[i] - x[j]);
      const dy = Math.sign(y[i] - y[j]);
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) tiesX++;
      else if (dy === 0) tiesY++;
      else if (dx === dy) concordant++;
      else discordant++;
    }
  }
  const denom = Math.sqrt((concordant + discordant + tiesX) * (concordant + discordant + tiesY));
  return denom === 0 ? NaN : (concordant - discordant) / denom;
}

/** τ-b between two leaderboards over the models both rank; fewer than two shared models is an error. */
export function leaderboardTau(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): { tau: number; models: number } {
  const shared = [...a.keys()].filter((m) => b.has(m));
  if (shared.length < 2) throw new MedirError('BAD_INPUT', `Kendall τ needs at least two models ranked by both leaderboards; shared: ${shared.length}`);
  return { tau: kendallTauB(shared.map((m) => a.get(m)!), shared.map((m) => b.get(m)!)), models: shared.length };
}
