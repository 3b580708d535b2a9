import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../../src/data/datasets.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { REPORT_POLICY } from '../../src/evaluate/report-spec.js';
import type { Locations } from '../../src/mirror/locations.js';
import { retrieve } from '../../src/pipeline/retrieve.js';

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
  // A reproduction re-measures: the run is retrieved again, never taken from the stage cache.
  const ranked = await retrieve(condition, { dataset, loc, topK: 1000, reuse: false });
  // A query that retrieves nothing scores 0 (trec_eval -c), as in BEIR and bm25s, which always return k documents.
  const measured = evaluate(dataset.qrels, ranked.run, e.measure, REPORT_POLICY).mean.get(e.measure)!;
  const { seconds, index } = ranked.manifest;
  return { ...e, measured, indexSeconds: seconds.index ?? 0, indexReused: Boolean(index?.reused), retrieveSeconds: seconds.retrieve, queries: dataset.queries.queries.length };
}
