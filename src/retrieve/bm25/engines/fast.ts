import type { Bm25Engine } from '../engine.js';
import { loadFastIndex, saveFastIndex } from '../format.js';
import { buildFastIndex } from '../parallel-build.js';

/** The typed-array engine: scores precomputed per term, summed into one reused accumulator (fast-index.ts). */
export const fast: Bm25Engine = {
  libraries: [],
  check() {},
  async build(docs, settings, dir) {
    return { ...saveFastIndex(dir, await buildFastIndex(docs, settings)) };
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
