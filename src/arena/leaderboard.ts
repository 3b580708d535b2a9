import { MedirError } from '../core/errors.js';
import { quantile } from '../evaluate/stats/bootstrap.js';
import { seededRandom } from '../evaluate/stats/random.js';
import { elo, emptyWins, fitBradleyTerry, type WinMatrix } from './bradley-terry.js';
import type { Judgment } from './judgments.js';

/** How a tie enters the fit: `drop` (MIRAGE-Bench) or `half` a win to each side (Chatbot Arena). */
export const TIE_POLICIES = ['drop', 'half'] as const;
export type TiePolicy = (typeof TIE_POLICIES)[number];

export interface BootstrapSpec {
  /** Resampled tournaments (N). */
  tournaments: number;
  /** Queries drawn with replacement per tournament (M); default: as many as there are. */
  queries?: number;
  seed: number;
}

export interface Interval {
  mean: number;
  low: number;
  high: number;
}

export interface ModelRow {
  model: string;
  theta: number;
  elo: number;
  wins: number;
  losses: number;
  ties: number;
  /** Bootstrap mean and 2.5/97.5 percentiles of θ and of Elo, over the tournaments that could be fitted. */
  thetaCi?: Interval;
  eloCi?: Interval;
}

export interface Leaderboard {
  /** Best first. */
  rows: ModelRow[];
  judgments: number;
  queries: number;
  ties: TiePolicy;
  tieCount: number;
  bootstrap?: BootstrapSpec & { queries: number; fitted: number; flagged: number; reasons: Record<string, number> };
}

/** One outcome of a query: `winner` beat `loser` with this weight (0.5 each way for a tie counted as half). */
type Outcome = [winner: number, loser: number, weight: number];

/** The models of a set of judgments, in first-seen order, and each query's outcomes under the tie policy. */
export function tally(judgments: readonly Judgment[], ties: TiePolicy) {
  const index = new Map<string, number>();
  const id = (m: string) => {
    if (!index.has(m)) index.set(m, index.size);
    return index.get(m)!;
  };
  const byQuery = new Map<string, Outcome[]>();
  for (const j of judgments) {
    const a = id(j.modelA);
    const b = id(j.modelB);
    let list = byQuery.get(j.queryId);
    if (!list) byQuery.set(j.queryId, (list = []));
    if (j.verdict === 'A') list.push([a, b, 1]);
    else if (j.verdict === 'B') list.push([b, a, 1]);
    else if (ties === 'half') list.push([a, b, 0.5], [b, a, 0.5]);
  }
  return { models: [...index.keys()], byQuery };
}

function addOutcomes(wins: WinMatrix, outcomes: readonly Outcome[]): void {
  for (const [w, l, weight] of outcomes) wins[w][l] += weight;
}

function interval(values: number[]): Interval {
  const sorted = Float64Array.from(values).sort();
  return { mean: values.reduce((a, b) => a + b, 0) / values.length, low: quantile(sorted, 0.025), high: quantile(sorted, 0.975) };
}

/**
 * Seeded bootstrap over queries: each tournament draws M queries with replacement and refits. A
 * tournament whose MLE does not exist (a model never wins or never loses in it) is counted as flagged
 * with its reason and left out of the intervals — never fitted with made-up strengths.
 */
function bootstrap(models: readonly string[], byQuery: Map<string, Outcome[]>, spec: BootstrapSpec) {
  const queries = [...byQuery.values()];
  const m = spec.queries ?? queries.length;
  const random = seededRandom(spec.seed);
  const thetas: number[][] = models.map(() => []);
  const reasons: Record<string, number> = {};
  let flagged = 0;
  for (let t = 0; t < spec.tournaments; t++) {
    const wins = emptyWins(models.length);
    for (let k = 0; k < m; k++) addOutcomes(wins, queries[Math.floor(random() * queries.length)]);
    const fit = fitBradleyTerry(models, wins);
    if (!fit.ok) {
      flagged++;
      reasons[fit.reason] = (reasons[fit.reason] ?? 0) + 1;
      continue;
    }
    fit.theta.forEach((x, i) => thetas[i].push(x));
  }
  return { thetas, flagged, reasons, queries: m };
}

/** Fits the leaderboard of a set of judgments; an MLE that does not exist is an error naming why. */
export function buildLeaderboard(judgments: readonly Judgment[], ties: TiePolicy, boot?: BootstrapSpec, what = 'judgments'): Leaderboard {
  const { models, byQuery } = tally(judgments, ties);
  const wins = emptyWins(models.length);
  for (const outcomes of byQuery.values()) addOutcomes(wins, outcomes);
  const fit = fitBradleyTerry(models, wins);
  if (!fit.ok) throw new MedirError('BAD_INPUT', `${what}: no Bradley–Terry fit exists: ${fit.reason}`, ties === 'drop' ? 'try --ties half, or judge more pairs' : 'judge more pairs');
  const counts = models.map(() => ({ wins: 0, losses: 0, ties: 0 }));
  let tieCount = 0;
  const idx = new Map(models.map((m, i) => [m, i]));
  for (const j of judgments) {
    const [a, b] = [counts[idx.get(j.modelA)!], counts[idx.get(j.modelB)!]];
    if (j.verdict === 'A') a.wins++, b.losses++;
    else if (j.verdict === 'B') b.wins++, a.losses++;
    else a.ties++, b.ties++, tieCount++;
  }
  const boots = boot && boot.tournaments > 0 ? bootstrap(models, byQuery, boot) : undefined;
  const rows: ModelRow[] = models.map((model, i) => {
    const ci = boots && boots.thetas[i].length > 0 ? interval(boots.thetas[i]) : undefined;
    return {
      model,
      theta: fit.theta[i],
      elo: elo(fit.theta[i]),
      ...counts[i],
      ...(ci ? { thetaCi: ci, eloCi: { mean: elo(ci.mean), low: elo(ci.low), high: elo(ci.high) } } : {}),
    };
  });
  rows.sort((x, y) => y.theta - x.theta || (x.model < y.model ? -1 : 1));
  return {
    rows,
    judgments: judgments.length,
    queries: byQuery.size,
    ties,
    tieCount,
    ...(boots ? { bootstrap: { ...boot!, queries: boots.queries, fitted: boot!.tournaments - boots.flagged, flagged: boots.flagged, reasons: boots.reasons } } : {}),
  };
}

export interface SliceLeaderboard {
  slice: string;
  leaderboard?: Leaderboard;
  /** Why the slice has no leaderboard (reported, not dropped silently). */
  skipped?: string;
}

/** One leaderboard per value of a judgment field (`lang`…); a slice whose fit does not exist is a reported skip. */
export function leaderboardsBy(judgments: readonly Judgment[], field: string, ties: TiePolicy, boot?: BootstrapSpec): SliceLeaderboard[] {
  const groups = new Map<string, Judgment[]>();
  for (const j of judgments) {
    const v = j.fields[field];
    if (v === undefined || v === null || v === '') throw new MedirError('BAD_INPUT', `${j.file}:${j.line}: no "${field}" field to slice by (--by ${field})`);
    const key = String(v);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(j);
  }
  return [...groups.keys()].sort().map((slice) => {
    try {
      return { slice, leaderboard: buildLeaderboard(groups.get(slice)!, ties, boot, `${field}=${slice}`) };
    } catch (err) {
      if (err instanceof MedirError && err.code === 'BAD_INPUT') return { slice, skipped: err.message };
      throw err;
    }
  });
}
