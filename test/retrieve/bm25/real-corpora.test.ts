import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analyze/registry.js';
import { readParams } from '../../../src/core/params.js';
import { documentText, type Run } from '../../../src/core/types.js';
import type { IndexableDoc } from '../../../src/retrieve/bm25/engine.js';
import { loadDataset } from '../../../src/data/datasets.js';
import { resolveLocations } from '../../../src/mirror/locations.js';
import { FastIndexBuilder } from '../../../src/retrieve/bm25/fast-index.js';
import { RETRIEVERS } from '../../../src/retrieve/registry.js';
import { tempDir } from '../../helpers/tmp.js';
import { indexFiles } from './index-files.js';
import { expectExact, lcg, randomQueries } from './reference.js';

// The real-corpus checks of BM25 (NFCorpus and SciFact from ../shared): seconds each, so bench/mutation leaves
// this file out of its runs and kills mutants with the small-corpus tests beside it instead.

describe('fast engine exactness on NFCorpus', () => {
  it('equals brute force for its test queries and random ones', async () => {
    const dataset = await loadDataset('nfcorpus', { split: 'test' }, resolveLocations());
    const analyzer = createAnalyzer('en');
    const builder = new FastIndexBuilder();
    for await (const d of dataset.corpus.docs()) builder.addDocument(d.id, analyzer.analyze(documentText(d)));
    const index = builder.finish('lucene', { k1: 1.5, b: 0.75, delta: 0.5 });
    const real = dataset.queries.queries.slice(0, 100).map((q) => index.termIds(analyzer.analyze(q.text)));
    expect(expectExact(index, [...real, ...randomQueries(index, 100, lcg(20))])).toBe(800);
  }, 60_000);
});

describe('fast and wink engines agree on NFCorpus', () => {
  it('same scores (1e-4 relative) and the same top 10 for ≥ 99% of queries', async () => {
    const loc = { ...resolveLocations(), indexes: tempDir(), cache: tempDir() };
    const dataset = await loadDataset('nfcorpus', { split: 'test' }, loc);
    const runs: Run[] = [];
    for (const engine of ['fast', 'wink']) {
      const ctx = { dataset, loc, params: readParams(RETRIEVERS.bm25.params, { engine }) };
      runs.push(await (await RETRIEVERS.bm25.open(ctx, await RETRIEVERS.bm25.index(ctx))).retrieve(dataset.queries.queries, 10));
    }
    const [fast, wink] = runs;
    let sameTop10 = 0;
    for (const q of dataset.queries.queries) {
      const f = fast.get(q.id)!;
      const w = wink.get(q.id)!;
      if (f.map((d) => d.docId).join() === w.map((d) => d.docId).join()) sameTop10++;
      const winkScore = new Map(w.map((d) => [d.docId, d.score]));
      for (const d of f) {
        const ws = winkScore.get(d.docId);
        if (ws !== undefined) expect(Math.abs(ws - d.score) / Math.max(d.score, 1e-9)).toBeLessThan(1e-4);
      }
    }
    expect(dataset.queries.queries.length).toBe(323);
    expect(sameTop10 / 323).toBeGreaterThanOrEqual(0.99);
  });
});

describe('the threaded BM25 build on SciFact', () => {
  it('writes the same index files, byte for byte, with 1 and 2 threads, from text', async () => {
    const dataset = await loadDataset('scifact', { split: 'test' }, resolveLocations());
    const docs: IndexableDoc[] = [];
    for await (const d of dataset.corpus.docs()) docs.push({ id: d.id, text: documentText(d) });
    const one = await indexFiles(docs, 1);
    expect(one.get('post_docs.i32')!.length).toBeGreaterThan(100_000);
    expect(await indexFiles(docs, 2)).toEqual(one);
  }, 120_000);
});
