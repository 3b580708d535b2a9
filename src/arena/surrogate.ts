import { MedirError } from '../core/errors.js';
import { seededRandom } from '../evaluate/stats/random.js';
import { shufflePassages } from '../rag/context.js';
import { elo, emptyWins, fitBradleyTerry } from './bradley-terry.js';
import type { AnswerFeatures, FeatureName } from './features/features.js';
import { judgmentLine, type Judgment } from './judgments.js';
import { leaderboardTau } from './kendall.js';
import { buildLeaderboard, type TiePolicy } from './leaderboard.js';
import { fitLogistic, logisticProbability, type LogisticFit } from './logistic.js';
import { allPairs } from './pairs.js';

/**
 * The surrogate judge: logistic regression of the judge's verdict (A wins = 1, B wins = 0; ties left
 * out) on the difference of the two answers' features, A minus B, each scaled by its standard
 * deviation over the training pairs. No intercept: P(a beats b) = 1 − P(b beats a), as in
 * Bradley–Terry, whichever side a line names first (position bias is reported by `leaderboard`).
 */
export interface Surrogate {
  features: FeatureName[];
  /** Standard deviation of each feature difference in training: weights are per standard deviation. */
  scale: number[];
  fit: LogisticFit;
}

interface TrainingRow {
  queryId: string;
  dx: number[];
  y: number;
}

type FeatureTable = Map<string, AnswerFeatures>;

const key = (queryId: string, system: string) => `${queryId}\0${system}`;

function vector(f: AnswerFeatures, names: readonly FeatureName[]): number[] {
  return names.map((n) => f.values[n] ?? 0);
}

/** Features usable for training: present for some answer and not constant (a constant difference carries nothing). */
export function usableFeatures(table: readonly AnswerFeatures[], names: readonly FeatureName[]): FeatureName[] {
  return names.filter((n) => new Set(table.map((f) => f.values[n]).filter((v) => v !== null)).size > 1);
}

/** The training pairs of a set of judgments; a judged answer without features is an error naming the line. */
export function trainingRows(judgments: readonly Judgment[], table: FeatureTable, names: readonly FeatureName[]): TrainingRow[] {
  const rows: TrainingRow[] = [];
  for (const j of judgments) {
    if (j.verdict === 'Tie') continue;
    const a = table.get(key(j.queryId, j.modelA));
    const b = table.get(key(j.queryId, j.modelB));
    if (!a || !b) throw new MedirError('BAD_INPUT', `${j.file}:${j.line}: no answer of '${a ? j.modelB : j.modelA}' to query '${j.queryId}' among the answers`);
    const va = vector(a, names);
    const vb = vector(b, names);
    rows.push({ queryId: j.queryId, dx: va.map((v, k) => v - vb[k]), y: j.verdict === 'A' ? 1 : 0 });
  }
  return rows;
}

export function trainSurrogate(rows: readonly TrainingRow[], names: readonly FeatureName[]): Surrogate {
  if (rows.length < names.length + 2) throw new MedirError('BAD_INPUT', `${rows.length} non-tie judgments are too few to fit ${names.length} feature weights`);
  const scale = names.map((_, k) => {
    const sd = Math.sqrt(rows.reduce((s, r) => s + r.dx[k] ** 2, 0) / rows.length);
    return sd > 0 ? sd : 1;
  });
  const fit = fitLogistic(rows.map((r) => r.dx.map((v, k) => v / scale[k])), rows.map((r) => r.y), { intercept: false });
  return { features: [...names], scale, fit };
}

/** P(the first answer wins) for two answers' features. */
export function surrogateProbability(s: Surrogate, a: AnswerFeatures, b: AnswerFeatures): number {
  const va = vector(a, s.features);
  const vb = vector(b, s.features);
  return logisticProbability(s.fit, va.map((v, k) => (v - vb[k]) / s.scale[k]));
}

/**
 * Held-out agreement with the judge: queries split into `folds` (seeded); each fold's non-tie
 * verdicts are predicted by a surrogate trained on the other folds.
 */
export function crossValidate(rows: readonly TrainingRow[], names: readonly FeatureName[], folds: number, seed: number): { agreement: number; n: number } {
  const queries = shufflePassages([...new Set(rows.map((r) => r.queryId))], seed, 'folds');
  if (queries.length < folds) throw new MedirError('BAD_INPUT', `${queries.length} judged queries cannot be split into ${folds} folds`, 'lower --folds');
  const fold = new Map(queries.map((q, i) => [q, i % folds]));
  let agree = 0;
  let n = 0;
  for (let f = 0; f < folds; f++) {
    const train = rows.filter((r) => fold.get(r.queryId) !== f);
    const held = rows.filter((r) => fold.get(r.queryId) === f);
    const s = trainSurrogate(train, names);
    for (const r of held) {
      const p = logisticProbability(s.fit, r.dx.map((v, k) => v / s.scale[k]));
      agree += Number((p >= 0.5 ? 1 : 0) === r.y);
      n++;
    }
  }
  return { agreement: n ? agree / n : NaN, n };
}

/** The answers' feature vectors dealt out to random other answers (seeded): a control whose agreement should be chance. */
export function shuffledFeatures(table: readonly AnswerFeatures[], seed: number): AnswerFeatures[] {
  const random = seededRandom(seed);
  const values = table.map((f) => f.values);
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [values[i], values[j]] = [values[j], values[i]];
  }
  return table.map((f, i) => ({ ...f, values: values[i] }));
}

/**
 * The surrogate's leaderboard: every pair of systems on every query with features, each pair
 * counted as expected wins (p, 1 − p) in a Bradley–Terry fit, so it exists even where hard verdicts
 * would let one system never lose.
 */
export function surrogateLeaderboard(s: Surrogate, table: readonly AnswerFeatures[]): { model: string; theta: number; elo: number }[] {
  const byQuery = new Map<string, AnswerFeatures[]>();
  for (const f of table) {
    if (!byQuery.has(f.queryId)) byQuery.set(f.queryId, []);
    byQuery.get(f.queryId)!.push(f);
  }
  const models = [...new Set(table.map((f) => f.system))].sort();
  const idx = new Map(models.map((m, i) => [m, i]));
  const wins = emptyWins(models.length);
  for (const list of byQuery.values()) {
    const by = new Map(list.map((f) => [f.system, f]));
    for (const [x, y] of allPairs([...by.keys()].sort())) {
      const p = surrogateProbability(s, by.get(x)!, by.get(y)!);
      wins[idx.get(x)!][idx.get(y)!] += p;
      wins[idx.get(y)!][idx.get(x)!] += 1 - p;
    }
  }
  const fit = fitBradleyTerry(models, wins);
  if (!fit.ok) throw new MedirError('BAD_INPUT', `no surrogate leaderboard: ${fit.reason}`);
  return models.map((model, i) => ({ model, theta: fit.theta[i], elo: elo(fit.theta[i]) })).sort((a, b) => b.theta - a.theta);
}

export interface SurrogateReport {
  features: { name: FeatureName; weight: number; se: number; low: number; high: number; perUnit: number }[];
  trainingPairs: number;
  heldOut: { folds: number; agreement: number; n: number; shuffledAgreement: number };
  judgeLeaderboard: { model: string; theta: number }[];
  surrogateLeaderboard: { model: string; theta: number; elo: number }[];
  tau: number;
}

/** Trains on all judgments, cross-validates, and compares the surrogate's leaderboard with the judge's (Kendall τ-b). */
export function surrogateReport(judgments: readonly Judgment[], table: readonly AnswerFeatures[], names: readonly FeatureName[], opts: { folds: number; seed: number; ties: TiePolicy }): SurrogateReport {
  const byKey = new Map(table.map((f) => [key(f.queryId, f.system), f]));
  const rows = trainingRows(judgments, byKey, names);
  const s = trainSurrogate(rows, names);
  const z = 1.959963984540054;
  const cv = crossValidate(rows, names, opts.folds, opts.seed);
  const shuffledTable = new Map(shuffledFeatures(table, opts.seed).map((f) => [key(f.queryId, f.system), f]));
  const shuffled = crossValidate(trainingRows(judgments, shuffledTable, names), names, opts.folds, opts.seed);
  const judge = buildLeaderboard(judgments, opts.ties, undefined, 'judgments').rows.map((r) => ({ model: r.model, theta: r.theta }));
  const surrogate = surrogateLeaderboard(s, table);
  const { tau } = leaderboardTau(new Map(judge.map((r) => [r.model, r.theta])), new Map(surrogate.map((r) => [r.model, r.theta])));
  return {
    features: names.map((name, k) => {
      const [w, se] = [s.fit.coefficients[k], s.fit.se[k]];
      return { name, weight: w, se, low: w - z * se, high: w + z * se, perUnit: w / s.scale[k] };
    }),
    trainingPairs: rows.length,
    heldOut: { folds: opts.folds, agreement: cv.agreement, n: cv.n, shuffledAgreement: shuffled.agreement },
    judgeLeaderboard: judge,
    surrogateLeaderboard: surrogate,
    tau,
  };
}

/** Surrogate verdicts for the pairs of each query the judge did not judge, as judgment lines (judge `surrogate`, with its probability). */
export function predictUnjudged(judgments: readonly Judgment[], table: readonly AnswerFeatures[], names: readonly FeatureName[]): string[] {
  const s = trainSurrogate(trainingRows(judgments, new Map(table.map((f) => [key(f.queryId, f.system), f])), names), names);
  const judged = new Set(judgments.map((j) => key(j.queryId, [j.modelA, j.modelB].sort().join('\0'))));
  const byQuery = new Map<string, AnswerFeatures[]>();
  for (const f of table) {
    if (!byQuery.has(f.queryId)) byQuery.set(f.queryId, []);
    byQuery.get(f.queryId)!.push(f);
  }
  const lines: string[] = [];
  for (const [queryId, list] of byQuery) {
    const by = new Map(list.map((f) => [f.system, f]));
    for (const [x, y] of allPairs([...by.keys()].sort())) {
      if (judged.has(key(queryId, `${x}\0${y}`))) continue;
      const p = surrogateProbability(s, by.get(x)!, by.get(y)!);
      lines.push(judgmentLine({ queryId, judge: 'surrogate', modelA: x, modelB: y, verdict: p >= 0.5 ? 'A' : 'B', extra: { probability: Number(p.toFixed(6)) } }));
    }
  }
  return lines;
}
