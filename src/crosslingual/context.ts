import { join } from 'node:path';
import type { Dataset } from '../data/datasets.js';
import { jsonlCorpus } from '../formats/beir.js';
import { canonicalJson } from '../index/manifest.js';
import type { Locations } from '../mirror/locations.js';
import { indexAndOpen, retrieverContext } from '../retrieve/open.js';
import type { Retriever } from '../retrieve/retriever.js';
import type { TranslatorContext } from '../translate/translator.js';
import type { ConditionContext } from './condition.js';

/**
 * The context conditions run in: retrievers over the dataset (or another corpus file of its
 * folder) are built or reused once per configuration and shared by every condition and language.
 */
export function conditionContext(dataset: Dataset, loc: Locations, params: Record<string, unknown>, topK: number, translators: TranslatorContext): ConditionContext {
  const opened = new Map<string, Promise<Retriever>>();
  return {
    dataset,
    loc,
    params,
    topK,
    translators,
    retriever(name, retrieverParams, corpusFile) {
      const over = corpusFile ? { ...dataset, corpus: jsonlCorpus(dataset.name, join(dataset.dir, corpusFile)) } : dataset;
      const { def, ctx } = retrieverContext(name, over, loc, retrieverParams);
      const key = canonicalJson({ name, params: ctx.params, corpusFile });
      let retriever = opened.get(key);
      if (!retriever) opened.set(key, (retriever = indexAndOpen(def, ctx).then((r) => r.retriever)));
      return retriever;
    },
  };
}
