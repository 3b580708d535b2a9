import { join } from 'node:path';
import type { Dataset } from '../data/datasets.js';
import { jsonlCorpus } from '../formats/beir.js';
import type { Locations } from '../mirror/locations.js';
import { sharedPool } from '../pipeline/retrievers.js';
import type { TranslatorContext } from '../translate/translator.js';
import type { ConditionContext } from './condition.js';

/**
 * The context conditions run in: retrievers over the dataset (or another corpus file of its
 * folder) come from the shared pool, built or reused once per configuration for every condition and language.
 */
export function conditionContext(dataset: Dataset, loc: Locations, params: Record<string, unknown>, topK: number, translators: TranslatorContext): ConditionContext {
  return {
    dataset,
    loc,
    params,
    topK,
    translators,
    retriever(name, retrieverParams, corpusFile) {
      const over = corpusFile ? { ...dataset, corpus: jsonlCorpus(dataset.name, join(dataset.dir, corpusFile)) } : dataset;
      return sharedPool.open(name, over, loc, retrieverParams).then((r) => r.retriever);
    },
  };
}
