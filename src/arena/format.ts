import { MedirError } from '../core/errors.js';
import { renderRows, type TableFormat } from '../evaluate/format/render.js';
import type { Leaderboard, SliceLeaderboard } from './leaderboard.js';
import type { PositionBias } from './position-bias.js';
import type { SurrogateReport } from './surrogate.js';
import type { WinRateMatrix } from './win-rate.js';

export const ARENA_FORMATS = ['table', 'markdown', 'csv', 'json'] as const;
export type ArenaFormat = (typeof ARENA_FORMATS)[number];
export const ARENA_SECTIONS = ['leaderboard', 'matrix', 'bias'] as const;
export type ArenaSection = (typeof ARENA_SECTIONS)[number];

export interface ArenaReport {
  leaderboard: Leaderboard;
  winRate: WinRateMatrix;
  positionBias: PositionBias;
  slices?: { by: string; boards: SliceLeaderboard[] };
  tau?: { other: string; tau: number; models: number };
}

const f = (x: number | undefined, digits: number) => (x === undefined || !Number.isFinite(x) ? '' : x.toFixed(digits));

function leaderboardRows(b: Leaderboard): string[][] {
  return b.rows.map((r, i) => [String(i + 1), r.model, f(r.elo, 1), f(r.eloCi?.low, 1), f(r.eloCi?.high, 1), f(r.theta, 4), String(r.wins), String(r.losses), String(r.ties)]);
}
const LEADERBOARD_HEADER = ['rank', 'model', 'elo', 'elo 2.5%', 'elo 97.5%', 'theta', 'wins', 'losses', 'ties'];

/** What the numbers are: the fit, the tie policy and the bootstrap (with any tournament left out and why). */
export function leaderboardNote(b: Leaderboard): string {
  const ties = b.ties === 'drop' ? `${b.tieCount} ties dropped (MIRAGE-Bench)` : `${b.tieCount} ties counted as half a win each (Chatbot Arena)`;
  const fit = `Bradley–Terry MLE over ${b.judgments} judgments of ${b.queries} queries; ${ties}; θ natural-log, mean-centred; Elo = 1000 + 400/ln10·θ`;
  if (!b.bootstrap) return `${fit}; no bootstrap`;
  const s = b.bootstrap;
  const flagged = s.flagged
    ? `; ${s.flagged} tournament(s) flagged and left out (no MLE: ${Object.entries(s.reasons).map(([r, n]) => `${r} ×${n}`).join('; ')})`
    : '';
  return `${fit}; bootstrap: ${s.tournaments} tournaments × ${s.queries} queries drawn with replacement, seed ${s.seed}, 2.5/97.5 percentiles of ${s.fitted} fits${flagged}`;
}

function matrixRows(m: WinRateMatrix): { header: string[]; rows: string[][] } {
  return {
    header: ['model', ...m.models.map((_, i) => String(i + 1))],
    rows: m.models.map((model, i) => [`${i + 1} ${model}`, ...m.rate[i].map((r, k) => (i === k ? '' : f(r ?? undefined, 3)))]),
  };
}

function biasRows(p: PositionBias): string[][] {
  return [
    ['non-tie verdicts', String(p.nonTies)],
    ['first-shown (A) wins', String(p.firstWins)],
    ['share of A wins', f(p.firstShare, 4)],
    ['95% CI (Wilson)', `${f(p.low, 4)}–${f(p.high, 4)}`],
    ['ties', String(p.ties)],
    ['pairs judged in both orders', String(p.bothOrders.pairs)],
    ['  same answer won (consistent)', String(p.bothOrders.consistent)],
    ['  same position won (flipped)', String(p.bothOrders.flipped)],
    ['  one order tied', String(p.bothOrders.halfTie)],
    ['flip rate', f(p.bothOrders.flipRate, 4)],
  ];
}

function heading(format: TableFormat, text: string): string {
  return format === 'markdown' ? `### ${text}\n\n` : format === 'table' ? `${text}\n` : '';
}

/** The arena report in one format: text sections for table/markdown, one table for CSV, everything as JSON. */
export function formatArena(r: ArenaReport, format: ArenaFormat, sections: readonly ArenaSection[]): string {
  if (format === 'json') return JSON.stringify(r, null, 2) + '\n';
  if (format === 'csv' && sections.length !== 1) throw new MedirError('BAD_OPTION', `--format csv holds one table: pick one of --show ${ARENA_SECTIONS.join('|')}`);
  if (format === 'csv' && sections[0] === 'leaderboard' && r.slices) {
    const boards = [{ slice: 'all', leaderboard: r.leaderboard }, ...r.slices.boards.filter((b) => b.leaderboard)];
    return renderRows('csv', [r.slices.by, ...LEADERBOARD_HEADER], boards.flatMap((b) => leaderboardRows(b.leaderboard!).map((row) => [b.slice, ...row])));
  }
  const note = (text: string) => (format === 'markdown' ? `\n_${text}_\n` : format === 'table' ? `${text}\n` : '');
  const out: string[] = [];
  if (sections.includes('leaderboard')) {
    out.push(heading(format, 'Leaderboard') + renderRows(format, LEADERBOARD_HEADER, leaderboardRows(r.leaderboard)) + note(leaderboardNote(r.leaderboard)));
    for (const s of r.slices?.boards ?? []) {
      const title = `Leaderboard ${r.slices!.by}=${s.slice}`;
      out.push(heading(format, title) + (s.leaderboard ? renderRows(format, LEADERBOARD_HEADER, leaderboardRows(s.leaderboard)) + note(leaderboardNote(s.leaderboard)) : note(`skipped: ${s.skipped}`)));
    }
    if (r.tau) out.push(note(`Kendall τ-b with ${r.tau.other}: ${f(r.tau.tau, 4)} over ${r.tau.models} shared models`));
  }
  if (sections.includes('matrix')) {
    const m = matrixRows(r.winRate);
    out.push(heading(format, 'Win rate (row beats column)') + renderRows(format, m.header, m.rows) + note(`ties ${r.leaderboard.ties === 'drop' ? 'left out' : 'count half'}; columns numbered as the rows`));
  }
  if (sections.includes('bias')) out.push(heading(format, 'Position bias') + renderRows(format, ['statistic', 'value'], biasRows(r.positionBias)));
  return out.join('\n');
}

/** The surrogate judge's report: weights with intervals, held-out agreement with its chance control, both leaderboards and τ. */
export function formatSurrogate(r: SurrogateReport, format: ArenaFormat): string {
  if (format === 'json') return JSON.stringify(r, null, 2) + '\n';
  const weights = renderRows(
    format,
    ['feature', 'weight per SD', 'SE', '95% low', '95% high', 'weight per unit'],
    r.features.map((w) => [w.name, f(w.weight, 4), f(w.se, 4), f(w.low, 4), f(w.high, 4), f(w.perUnit, 6)]),
  );
  if (format === 'csv') return weights;
  const judgeRank = new Map(r.judgeLeaderboard.map((x, i) => [x.model, i + 1]));
  const boards = renderRows(
    format,
    ['rank', 'surrogate', 'elo', 'judge rank'],
    r.surrogateLeaderboard.map((x, i) => [String(i + 1), x.model, f(x.elo, 1), String(judgeRank.get(x.model) ?? '')]),
  );
  const note = (text: string) => (format === 'markdown' ? `\n_${text}_\n` : `${text}\n`);
  return [
    heading(format, 'Surrogate judge (logistic regression on feature differences A − B, no intercept)') + weights,
    note(
      `${r.trainingPairs} non-tie judgments; held-out agreement with the judge ${f(r.heldOut.agreement, 4)} over ${r.heldOut.n} verdicts (${r.heldOut.folds} query folds); ` +
        `with features shuffled across answers ${f(r.heldOut.shuffledAgreement, 4)} (chance ≈ 0.5)`,
    ),
    heading(format, 'Surrogate leaderboard') + boards,
    note(`Kendall τ-b between the surrogate's and the judge's leaderboards: ${f(r.tau, 4)} over ${r.surrogateLeaderboard.length} models`),
  ].join('\n');
}
