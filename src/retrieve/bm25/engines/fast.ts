import { analyzeInParallel } from '../../../analyze/parallel.js';
import type { Bm25Engine } from '../engine.js';
import { FastIndexBuilder } from '../fast-index.js';
import { loadFastIndex, saveFastIndex } from '../format.js';

/** The typed-array engine: scores precomputed per term, summed into one reused accumulator (fast-index.ts). */
export const fast: Bm25Engine = {
  libraries: [],
  check() {},
  async build(docs, { analyzer, language, threads, variant, params }, dir) {
    const builder = new FastIndexBuilder();
    // Stryker disable next-line ConditionalExpression: threads change the speed, not the index (retriever.test.ts builds both and compares)
    if (threads > 1) {
      for await (const doc of analyzeInParallel(docs, language, {}, threads)) builder.addDocument(doc.id, doc.terms);
    } else {
      for await (const doc of docs) builder.addDocument(doc.id, doc.terms ?? analyzer.analyze(doc.text));
    }
    return { ...saveFastIndex(dir, builder.finish(variant, params)) };
  },
  open(dir, { analyzer }) {
    const index = loadFastIndex(dir);
    const ids = index.data.docIds;
    return {
      search(text, k) {
        const hits = index.search(index.termIds(analyzer.analyze(text)), k);
        return Array.from(hits.docs, (d, i) => ({ docId: ids[d], score: hits.scores[i] }));
      },
    };
  },
};
