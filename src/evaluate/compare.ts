import { MedirError } from '../core/errors.js';
import type { EvalResult } from './evaluator.js';
import { correct } from './stats/corrections.js';
import { pairedTest, type PairedTestOptions } from './stats/registry.js';

export interface CompareOptions extends PairedTestOptions {
  test: string;
  correction: string;
  alpha: number;
}

/** One run against another on one measure; `diff` = mean of a - b over the common queries. */
export interface PairComparison {
  measure: string;
  a: number;
  b: number;
  diff: number;
  p: number;
  /** p after the correction over every pair of runs on this measure. */
  pAdjusted: number;
  effectSize: number;
  ci?: [number, number];
  significant: boolean;
}

export interface Comparison {
  /** Run labels in the order given; run i is marked with letter i (a, b, c…). */
  runs: string[];
  measures: string[];
  /** Queries every run was evaluated on; means and tests use exactly these. */
  qids: string[];
  /** run index → measure → mean over `qids`. */
  means: Map<string, number>[];
  /** run index → measure → per-query values in `qids` order. */
  values: Map<string, number[]>[];
  pairs: PairComparison[];
  options: CompareOptions;
  policy: EvalResult['policy'];
}

export const letter = (i: number): string => String.fromCharCode(97 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : '');

/**
 * Compares evaluated runs ranx-style: every pair on every measure gets a paired test over the
 * queries all runs share, and the p-values of one measure are corrected together
 * (k(k-1)/2 pairs for k runs). Means are over those shared queries too, so the table and the tests
 * describe the same data.
 */
export function compareResults(runs: readonly { name: string; result: EvalResult }[], opts: CompareOptions): Comparison {
  if (runs.length < 2) throw new MedirError('BAD_OPTION', `--runs: give at least two runs to compare, got ${runs.length}`);
  const first = runs[0].result;
  const measures = first.names.filter((n) => first.perQuery.values().next().value?.has(n));
  const qids = [...first.perQuery.keys()].filter((q) => runs.every((r) => r.result.perQuery.has(q)));
  if (qids.length < 2) throw new MedirError('BAD_INPUT', `the runs share ${qids.length} evaluated queries; a paired test needs at least 2`, 'use --complete to count missing queries as 0');
  const values = runs.map(({ result }) => new Map(measures.map((m) => [m, qids.map((q) => result.perQuery.get(q)!.get(m)!)])));
  const means = values.map((v) => new Map(measures.map((m) => [m, v.get(m)!.reduce((s, x) => s + x, 0) / qids.length])));
  const pairs: PairComparison[] = [];
  for (const measure of measures) {
    const family: Omit<PairComparison, 'pAdjusted' | 'significant'>[] = [];
    runs.forEach((_, a) => {
      for (let b = a + 1; b < runs.length; b++) {
        const t = pairedTest(opts.test, values[a].get(measure)!, values[b].get(measure)!, opts);
        family.push({ measure, a, b, diff: t.meanDiff, p: t.p, effectSize: t.effectSize, ci: t.ci });
      }
    });
    const adjusted = correct(opts.correction, family.map((f) => f.p));
    family.forEach((f, i) => pairs.push({ ...f, pAdjusted: adjusted[i], significant: adjusted[i] < opts.alpha }));
  }
  return { runs: runs.map((r) => r.name), measures, qids, means, values, pairs, options: opts, policy: first.policy };
}

/** Indices of the runs that run i beats significantly on a measure (higher mean, corrected p < alpha). */
export function beats(c: Comparison, i: number, measure: string): number[] {
  return c.pairs
    .filter((p) => p.measure === measure && p.significant && (p.a === i || p.b === i))
    .filter((p) => (p.a === i ? p.diff > 0 : p.diff < 0))
    .map((p) => (p.a === i ? p.b : p.a))
    .sort((x, y) => x - y);
}
