import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Run } from '../../src/core/types.js';
import { loadDataset } from '../../src/data/datasets.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import type { Locations } from '../../src/mirror/locations.js';
import { indexAndOpen, retrieverContext, timed } from '../../src/retrieve/open.js';

export interface Expectation {
  condition: string;
  dataset: string;
  measure: string;
  value: number;
  tolerance: number;
  minimum?: number;
  orientation?: Record<string, number>;
}

export interface Matrix {
  conditions: Record<string, { retriever: string; params: Record<string, unknown>; reference: string }>;
  expected: Expectation[];
}

export const MATRIX = JSON.parse(readFileSync(join(import.meta.dirname, 'matrix.json'), 'utf8')) as Matrix;

export interface Measured extends Expectation {
  measured: number;
  indexSeconds: number;
  indexReused: boolean;
  retrieveSeconds: number;
  queries: number;
}

/** Runs one cell of the matrix end to end (index, retrieve top-1000, evaluate) as a user would. */
export async function measureCell(e: Expectation, loc: Locations): Promise<Measured> {
  const condition = MATRIX.conditions[e.condition];
  const dataset = await loadDataset(e.dataset, { split: 'test' }, loc);
  const { def, ctx } = retrieverContext(condition.retriever, dataset, loc, condition.params);
  const { index, retriever } = await indexAndOpen(def, ctx);
  const { value: run, seconds } = await timed<Run>(() => retriever.retrieve(dataset.queries.queries, 1000));
  // A query that retrieves nothing scores 0 (trec_eval -c), as in BEIR and bm25s, which always return k documents.
  const measured = evaluate(dataset.qrels, run, e.measure, { complete: true }).mean.get(e.measure)!;
  return { ...e, measured, indexSeconds: index.seconds, indexReused: index.value.reused, retrieveSeconds: seconds, queries: dataset.queries.queries.length };
}
