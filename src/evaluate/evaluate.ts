import { existsSync, statSync } from 'node:fs';
import type { Qrels, Run } from '../core/types.js';
import { Progress } from '../core/progress.js';
import { readRun } from '../formats/run.js';
import { evaluateRunBytes } from './run-file.js';
import { Evaluator, type EvalResult } from './evaluator.js';
import type { EvalPolicy } from './policy.js';

export type { EvalPolicy } from './policy.js';
export type { EvalResult, OutputSpec } from './evaluator.js';
export { evaluateBy, type Breakdown, type GroupRow } from './breakdown.js';

/**
 * Evaluates a run against qrels with trec_eval's semantics (see policy.ts for the defaults).
 * `measures`: `ndcg@10,recall@100,map,mrr@10,p@10`, trec_eval names (`ndcg_cut.10,100`, `P.5,10`)
 * or `all_trec`. Inputs are never modified.
 */
export function evaluate(qrels: Qrels, run: Run, measures: string | readonly string[], policy?: Partial<EvalPolicy>): EvalResult {
  const evaluator = new Evaluator(qrels, measures, policy);
  run.forEach((docs, qid) => evaluator.add(qid, docs));
  return evaluator.finish();
}

/**
 * Evaluates a TREC run file from its bytes, one query at a time while the run is grouped by query
 * (bounded memory on runs of any size); an ungrouped run is held in memory until its end, said on
 * stderr. The run's tag (its last line's) becomes `runId`.
 */
export async function evaluateRunFile(qrels: Qrels, file: string, measures: string | readonly string[], policy?: Partial<EvalPolicy>): Promise<EvalResult> {
  const evaluator = new Evaluator(qrels, measures, policy);
  const progress = existsSync(file) && statSync(file).size > PROGRESS_BYTES ? new Progress(`evaluating ${file}`, qrels.size) : undefined;
  const outcome = await evaluateRunBytes(file, evaluator, () => progress?.tick());
  progress?.finish();
  if (outcome.heldEverything) notice(`${file}: the run is not grouped by query, so every line was held in memory until its end`);
  if (!outcome.tooLate) return evaluator.finish(outcome.tag);
  notice(`${file}: the run is not grouped by query and too large to hold compactly: read again whole`);
  const { run, tag } = await readRun(file);
  return { ...evaluate(qrels, run, measures, policy), runId: tag };
}

/** Runs smaller than this evaluate in well under a second: no progress lines for them. */
const PROGRESS_BYTES = 32e6;

/** A fact about how the run was read that changes its cost (not progress: printed even when quiet). */
function notice(text: string): void {
  process.stderr.write(`note: ${text}\n`);
}
