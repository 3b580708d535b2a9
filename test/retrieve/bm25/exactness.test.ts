import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analyze/registry.js';
import { documentText } from '../../../src/core/types.js';
import { loadDataset } from '../../../src/data/datasets.js';
import { resolveLocations } from '../../../src/mirror/locations.js';
import { FastIndexBuilder, type FastIndex } from '../../../src/retrieve/bm25/fast-index.js';
import { jsKernel, kernel } from '../../../src/retrieve/bm25/kernel.js';

// The fast engine's search (sparse path, WebAssembly sums, sampled floor) against a brute force
// over the same stored scores: same ids, same scores, bit for bit, ties to the lower document.

let seed = 20;
const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);

/** Every document's score summed in ascending term id order (as search adds them), ranked. */
function bruteForce(index: FastIndex, termIds: Int32Array): { d: number; s: number }[] {
  const { termPtr, postDocs, postScores } = index.data;
  const acc = new Float64Array(index.documents);
  for (const t of Int32Array.from(termIds).sort()) for (let p = termPtr[t]; p < termPtr[t + 1]; p++) acc[postDocs[p]] += postScores[p];
  return Array.from(acc, (s, d) => ({ s, d }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || a.d - b.d);
}

/** Random queries of 1–12 terms drawn from the vocabulary, skewed to the common terms, repeats allowed. */
function randomQueries(index: FastIndex, count: number): Int32Array[] {
  const { termPtr } = index.data;
  const byDf = Array.from({ length: termPtr.length - 1 }, (_, t) => t).sort((a, b) => termPtr[b + 1] - termPtr[b] - (termPtr[a + 1] - termPtr[a]));
  return Array.from({ length: count }, () => Int32Array.from({ length: 1 + Math.floor(rand() * 12) }, () => byDf[Math.floor(byDf.length * rand() ** 4)]));
}

function expectExact(index: FastIndex, queries: Int32Array[]): number {
  let compared = 0;
  for (const q of queries) {
    const ranked = bruteForce(index, q);
    for (const k of [1, 10, 100, 1000]) {
      const hits = index.search(q, k);
      const expected = ranked.slice(0, k);
      expect(Array.from(hits.docs)).toEqual(expected.map((x) => x.d));
      expect(Array.from(hits.scores)).toEqual(expected.map((x) => x.s));
      compared++;
    }
  }
  return compared;
}

describe('fast engine exactness', () => {
  it('equals brute force on a Zipfian corpus full of tied documents', () => {
    // 6,000 documents over a Zipfian vocabulary; every fifth repeats an earlier one, so ties abound
    const docs: string[][] = [];
    for (let i = 0; i < 6000; i++) {
      docs.push(i % 5 === 4 ? docs[Math.floor(rand() * i)] : Array.from({ length: 5 + Math.floor(rand() * 60) }, () => `t${Math.floor(1 / (rand() + 1e-4))}`));
    }
    const builder = new FastIndexBuilder();
    docs.forEach((terms, i) => builder.addDocument(String(i), terms));
    const index = builder.finish('lucene', { k1: 1.5, b: 0.75, delta: 0.5 });
    expect(expectExact(index, randomQueries(index, 150))).toBe(600);
  });

  it('equals brute force on NFCorpus, for its test queries and random ones', async () => {
    const dataset = await loadDataset('nfcorpus', { split: 'test' }, resolveLocations());
    const analyzer = createAnalyzer('en');
    const builder = new FastIndexBuilder();
    for await (const d of dataset.corpus.docs()) builder.addDocument(d.id, analyzer.analyze(documentText(d)));
    const index = builder.finish('lucene', { k1: 1.5, b: 0.75, delta: 0.5 });
    const real = dataset.queries.queries.slice(0, 100).map((q) => index.termIds(analyzer.analyze(q.text)));
    expect(expectExact(index, [...real, ...randomQueries(index, 100)])).toBe(800);
  }, 60_000);

  it('sums and lists the same in WebAssembly as in TypeScript', () => {
    const n = 997;
    const postDocs = Int32Array.from({ length: 5000 }, () => Math.floor(rand() * n)).sort();
    const postScores = Float32Array.from({ length: 5000 }, () => rand());
    const fast = kernel(postDocs, postScores, n);
    const plain = jsKernel(postDocs, postScores, n);
    expect([fast.kind, plain.kind]).toEqual(['wasm', 'js']);
    for (const [start, end] of [[0, 5000], [17, 18], [3, 3], [100, 2103]]) {
      fast.addRow(start, end);
      plain.addRow(start, end);
    }
    expect(Array.from(fast.acc)).toEqual(Array.from(plain.acc));
    for (const floor of [0, 1, 2.5, 4]) {
      const count = fast.collect(floor);
      expect(count).toBe(plain.collect(floor));
      expect(count).toBeGreaterThan(0);
      expect(Array.from(fast.candDocs.subarray(0, count))).toEqual(Array.from(plain.candDocs.subarray(0, count)));
      expect(Array.from(fast.candScores.subarray(0, count))).toEqual(Array.from(plain.candScores.subarray(0, count)));
    }
  });
});
