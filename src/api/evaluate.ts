/**
 * Evaluation with trec_eval's semantics, and significance tests between runs. Results are plain,
 * JSON-serialisable objects keyed by canonical measure names: trec_eval's output names where
 * trec_eval has the measure (`ndcg_cut_10`, `P_10`, `recall_100`, `map`), medir's otherwise
 * (`RR@10`); each parses back to the same measure.
 *
 * @module medir/evaluate
 */
import { compareResults, type Comparison, type CompareOptions } from '../evaluate/compare.js';
import { evaluate as evaluateRun, type EvalResult } from '../evaluate/evaluate.js';
import type { EvalPolicy } from '../evaluate/policy.js';
import { reportPolicy } from '../evaluate/report-spec.js';
import { toQrels, toRun, type QrelsInput, type RunInput } from './formats.js';

export type { EvalPolicy };

/** The measures the CLI reports when none are named. */
export const DEFAULT_MEASURES = ['ndcg@10', 'recall@100', 'map', 'mrr@10', 'p@10'] as const;

export interface EvaluateOptions {
  /**
   * Measures: `ndcg@10`, `recall@100`, `map`, `mrr@10`, `p@10`, trec_eval names (`ndcg_cut.10,100`,
   * `P.5,10`, `rbp.p=0.8`) or `all_trec`. Default {@link DEFAULT_MEASURES}.
   */
  measures?: string | readonly string[];
  /**
   * Everything besides the measures that changes a number. Defaults are trec_eval's, except that
   * judged queries missing from the run count as 0 (`complete`), as in every medir report; pass
   * `{ complete: false }` for trec_eval's default of skipping them.
   */
  policy?: Partial<EvalPolicy>;
  /** The run's name, kept in the report (default `run`). */
  runId?: string;
}

/** What {@link evaluate} returns: plain data, safe to `JSON.stringify`. */
export interface EvaluationReport {
  runId: string;
  /** Canonical names of the numeric outputs, in request order. */
  measures: string[];
  /** Measure → the value over all queries, as trec_eval's `all` line forms it (a mean, or a sum for `num_*`). */
  aggregate: Record<string, number>;
  /** Query id → measure → value, queries in trec_eval's order; summary-only measures absent (`{}` from `medir eval --format json` without --per-query). */
  perQuery: Record<string, Record<string, number>>;
  numQueries: number;
  /** Queries with judgments, and how many of them the run has no ranking for (counted as 0 or skipped, by the policy). */
  judged: number;
  missing: number;
  /** The policy in full, defaults filled in. */
  policy: EvalPolicy;
}

/** An evaluator result as the plain report {@link evaluate} returns (what `medir eval --format json` prints). */
export function toEvaluationReport(result: EvalResult, perQuery = true): EvaluationReport {
  const queries: Record<string, Record<string, number>> = {};
  if (perQuery) for (const [qid, values] of result.perQuery) queries[qid] = Object.fromEntries(values);
  return {
    runId: result.runId,
    measures: [...result.names],
    aggregate: Object.fromEntries(result.names.map((n) => [n, result.mean.get(n)!])),
    perQuery: queries,
    numQueries: result.numQueries,
    judged: result.judged,
    missing: result.missing,
    policy: { ...result.policy },
  };
}

/**
 * Evaluates a run against qrels, as `trec_eval -q` would (the same numbers, to the last digit).
 * Neither input is modified.
 *
 * @example
 * const report = evaluate(qrels, run, { measures: ['ndcg@10', 'map'] });
 * report.aggregate.ndcg_cut_10;
 */
export function evaluate(qrels: QrelsInput, run: RunInput, opts: EvaluateOptions = {}): EvaluationReport {
  const result = evaluateRun(toQrels(qrels), toRun(run), opts.measures ?? DEFAULT_MEASURES, reportPolicy(opts.policy));
  return toEvaluationReport({ ...result, runId: opts.runId ?? 'run' });
}

export interface CompareRunsOptions {
  /** Paired test: `paired-t` (default), `wilcoxon`, `randomization`, `bootstrap`. */
  test?: string;
  /** Correction over the pairs of each measure: `holm` (default), `bonferroni`, `none`. */
  correction?: string;
  /** Significance level (default 0.05). */
  alpha?: number;
  /** Seed of the randomization and bootstrap tests (default 42). */
  seed?: number;
  /** Permutations (randomization) or resamples (bootstrap), default 10,000. */
  permutations?: number;
}

/** One pair of runs on one measure: `diff` is the mean of a − b over the shared queries. */
export interface PairResult {
  measure: string;
  a: string;
  b: string;
  diff: number;
  p: number;
  /** p after the correction over every pair of runs on this measure. */
  pAdjusted: number;
  /** Cohen's d for paired samples. */
  effectSize: number;
  ci?: [number, number];
  significant: boolean;
}

/** What {@link compare} returns: plain data, safe to `JSON.stringify`. */
export interface ComparisonReport {
  runs: string[];
  measures: string[];
  /** The queries every run was evaluated on; means and tests use exactly these. */
  queries: string[];
  /** Run → measure → mean over `queries`. */
  means: Record<string, Record<string, number>>;
  pairs: PairResult[];
  test: string;
  correction: string;
  alpha: number;
  policy: EvalPolicy;
}

/** The evaluator's result again, from a report (which may have gone through JSON). */
function fromReport(r: EvaluationReport): EvalResult {
  return {
    names: r.measures,
    perQuery: new Map(Object.entries(r.perQuery).map(([qid, values]) => [qid, new Map(Object.entries(values))])),
    mean: new Map(Object.entries(r.aggregate)),
    policy: r.policy,
    outputs: [],
    perQueryText: new Map(),
    runId: r.runId,
    numQueries: r.numQueries,
    judged: r.judged,
    missing: r.missing,
  };
}

/**
 * Compares evaluated runs: every pair on every measure gets a paired test over the queries all
 * runs share, the p-values of one measure corrected together. Runs are named by their keys.
 *
 * @example
 * compare({ bm25: evaluate(qrels, a), dense: evaluate(qrels, b) }, { test: 'randomization' });
 */
export function compare(reports: Record<string, EvaluationReport>, opts: CompareRunsOptions = {}): ComparisonReport {
  const options: CompareOptions = {
    test: opts.test ?? 'paired-t',
    correction: opts.correction ?? 'holm',
    alpha: opts.alpha ?? 0.05,
    seed: opts.seed ?? 42,
    permutations: opts.permutations ?? 10_000,
    samples: opts.permutations ?? 10_000,
  };
  const names = Object.keys(reports);
  return toComparisonReport(compareResults(names.map((name) => ({ name, result: fromReport(reports[name]) })), options));
}

/**
 * A comparison as the plain report {@link compare} returns (what `medir compare --format json` prints).
 *
 * @internal
 */
export function toComparisonReport(c: Comparison): ComparisonReport {
  return {
    runs: c.runs,
    measures: c.measures,
    queries: c.qids,
    means: Object.fromEntries(c.runs.map((name, i) => [name, Object.fromEntries(c.means[i])])),
    pairs: c.pairs.map((p) => ({ ...p, a: c.runs[p.a], b: c.runs[p.b] })),
    test: c.options.test,
    correction: c.options.correction,
    alpha: c.options.alpha,
    policy: c.policy,
  };
}
