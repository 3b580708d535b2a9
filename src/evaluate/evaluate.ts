import { existsSync, statSync } from 'node:fs';
import type { Qrels, Run } from '../core/types.js';
import { Progress } from '../core/progress.js';
import { readRun, streamRunColumns, UnsortedRunError } from '../formats/run.js';
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
 * Evaluates a TREC run file, streaming it one query at a time (bounded memory on runs of any size);
 * a run whose queries are not grouped is read whole instead. The run's tag becomes `runId`.
 */
export async function evaluateRunFile(qrels: Qrels, file: string, measures: string | readonly string[], policy?: Partial<EvalPolicy>): Promise<EvalResult> {
  try {
    return await evaluateStream(qrels, file, measures, policy);
  } catch (err) {
    if (!(err instanceof UnsortedRunError)) throw err;
    const { run, tag } = await readRun(file);
    return { ...evaluate(qrels, run, measures, policy), runId: tag };
  }
}

/** Runs smaller than this evaluate in well under a second: no progress lines for them. */
const PROGRESS_BYTES = 32e6;

async function evaluateStream(qrels: Qrels, file: string, measures: string | readonly string[], policy?: Partial<EvalPolicy>): Promise<EvalResult> {
  const evaluator = new Evaluator(qrels, measures, policy);
  const progress = existsSync(file) && statSync(file).size > PROGRESS_BYTES ? new Progress(`evaluating ${file}`, qrels.size) : undefined;
  let tag = '';
  for await (const { qid, docIds, scores, tag: queryTag } of streamRunColumns(file)) {
    tag = queryTag;
    if (!evaluator.judged(qid)) continue;
    evaluator.addColumns(qid, docIds, scores);
    progress?.tick();
  }
  progress?.finish();
  return evaluator.finish(tag);
}
