import { MedirError } from '../core/errors.js';
import { Progress } from '../core/progress.js';
import type { Qrels, Run } from '../core/types.js';
import { evaluate } from '../evaluate/evaluate.js';
import type { EvalPolicy } from '../evaluate/policy.js';
import { seededRandom } from '../evaluate/stats/random.js';
import { fuseRuns, type FuseOptions } from './fuse.js';

export interface SweepRow {
  weights: number[];
  /** The optimised measure on the tune and test queries. */
  tune: number;
  test: number;
  /** Every measure asked for, on the test queries (output name → mean). */
  testAll: Map<string, number>;
}

export interface SweepResult {
  /** The measure optimised (the first asked for, its canonical output name). */
  measure: string;
  /** Every measure's output name, in request order. */
  names: string[];
  rows: SweepRow[];
  /** The row with the best tune score (the first one in grid order on ties). */
  best: SweepRow;
}

/** Every weight vector of n non-negative weights on a grid of `step` that sums to 1. */
export function weightGrid(n: number, step: number): number[][] {
  const units = Math.round(1 / step);
  // Infinite for a step of 0 (a grid without end), NaN for no number: both refused with the rest.
  if (!Number.isInteger(units) || units < 1 || Math.abs(units * step - 1) > 1e-9) throw new MedirError('BAD_OPTION', `--sweep-step: 1 must be a multiple of the step, got ${step}`);
  const out: number[][] = [];
  const walk = (prefix: number[], left: number) => {
    if (prefix.length === n - 1) {
      out.push([...prefix, left].map((u) => Number((u / units).toFixed(10))));
      return;
    }
    for (let u = left; u >= 0; u--) walk([...prefix, u], left - u);
  };
  walk([], units);
  return out;
}

/**
 * Tries every weight vector of the grid: fuses the tune runs and scores them on the tune qrels,
 * fuses the test runs and scores them on the test qrels, and picks the best by the first measure's
 * tune score only (the test columns are reported, never used to choose).
 */
export function sweepWeights(
  runs: { tune: readonly Run[]; test: readonly Run[] },
  qrels: { tune: Qrels; test: Qrels },
  opts: Omit<FuseOptions, 'weights'> & { measures: string | readonly string[]; step: number; policy: Partial<EvalPolicy> },
): SweepResult {
  const grid = weightGrid(runs.test.length, opts.step);
  const progress = new Progress('weight sweep', grid.length);
  // Stryker disable next-line ArrayDeclaration: every score() call sets names before anything reads it
  let names: string[] = [];
  const score = (q: Qrels, rs: readonly Run[], weights: number[]) => {
    const result = evaluate(q, fuseRuns(rs, { ...opts, weights }), opts.measures, opts.policy);
    names = result.names;
    return result.mean;
  };
  const rows = grid.map((weights) => {
    const tune = score(qrels.tune, runs.tune, weights);
    const test = score(qrels.test, runs.test, weights);
    progress.tick();
    return { weights, tune: tune.get(names[0])!, test: test.get(names[0])!, testAll: test };
  });
  progress.finish();
  const best = rows.reduce((b, r) => (r.tune > b.tune ? r : b));
  return { measure: names[0], names, rows, best };
}

/** A seeded random half of the queries of a qrels (tuning where a dataset has no dev split). */
export function seededHalf(qrels: Qrels, seed: number): Qrels {
  const random = seededRandom(seed);
  const qids = [...qrels.keys()].sort();
  // Stryker disable next-line EqualityOperator: at i = 0 the swap could only be with itself (j = 0), so i >= 0 shuffles the same
  for (let i = qids.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [qids[i], qids[j]] = [qids[j], qids[i]];
  }
  return new Map(qids.slice(0, Math.max(1, Math.floor(qids.length / 2))).map((q) => [q, qrels.get(q)!]));
}
