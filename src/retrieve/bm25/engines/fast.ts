import type { Analyzer } from '../../../analyze/registry.js';
import type { ScoredDoc } from '../../../core/types.js';
import type { Bm25Engine, Bm25Searcher } from '../engine.js';
import type { FastIndex } from '../fast-index.js';
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
    return fastSearcher(loadFastIndex(dir), analyzer);
  },
};

/** Searches an index from query text, as `medir run` does (bench/bm25 times this for its end-to-end figures). */
export function fastSearcher(index: FastIndex, analyzer: Analyzer): Bm25Searcher {
  const ids = index.data.docIds;
  return {
    search(text, k) {
      const { docs, scores } = index.search(index.termIds(analyzer.analyze(text)), k);
      // a plain loop: Array.from's mapping callback costs about three times as much at 1,000 hits
      const ranked: ScoredDoc[] = [];
      for (let i = 0; i < docs.length; i++) ranked.push({ docId: ids[docs[i]], score: scores[i] });
      return ranked;
    },
  };
}
