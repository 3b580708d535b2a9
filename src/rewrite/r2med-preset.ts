import type { Dataset } from '../data/datasets.js';
import type { EvalPolicy } from '../evaluate/policy.js';

/**
 * R2MED's code runs BM25 with k1 = 0.9, b = 0.4 (pyserini's Lucene defaults) and evaluates with
 * BEIR's ignore-identical-ids; a dataset in R2MED's layout gets both unless flags say otherwise.
 */
export function r2medPreset(dataset: Dataset): { bm25: Record<string, number>; policy: Partial<EvalPolicy> } {
  return dataset.layout === 'r2med' ? { bm25: { k1: 0.9, b: 0.4 }, policy: { ignoreIdenticalIds: true } } : { bm25: {}, policy: {} };
}
