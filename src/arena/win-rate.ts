import type { Judgment } from './judgments.js';
import type { TiePolicy } from './leaderboard.js';

export interface WinRateMatrix {
  /** Row/column order (the leaderboard's, best first). */
  models: string[];
  /** `rate[i][j]`: how often model i beat model j; null where they never met (or only tied, ties dropped). */
  rate: (number | null)[][];
  /** `games[i][j]`: judgments of the pair that enter the rate. */
  games: number[][];
}

/** Head-to-head win rates; a tie is left out (`drop`) or counts half a win to each (`half`), as in the fit. */
export function winRateMatrix(judgments: readonly Judgment[], models: readonly string[], ties: TiePolicy): WinRateMatrix {
  const idx = new Map(models.map((m, i) => [m, i]));
  const n = models.length;
  const won = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const tied = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const j of judgments) {
    const a = idx.get(j.modelA);
    const b = idx.get(j.modelB);
    if (a === undefined || b === undefined) continue;
    if (j.verdict === 'A') won[a][b]++;
    else if (j.verdict === 'B') won[b][a]++;
    else tied[a][b]++, tied[b][a]++;
  }
  const games = won.map((row, i) => row.map((w, k) => w + won[k][i] + (ties === 'half' ? tied[i][k] : 0)));
  const rate = won.map((row, i) => row.map((w, k) => (games[i][k] === 0 ? null : (w + (ties === 'half' ? tied[i][k] / 2 : 0)) / games[i][k])));
  return { models: [...models], rate, games };
}
