import { describe, expect, it } from 'vitest';
import { FastIndex, FastIndexBuilder } from '../../../src/retrieve/bm25/fast-index.js';
import { jsKernel, kernel } from '../../../src/retrieve/bm25/kernel.js';
import { expectExact, lcg, randomQueries, storedRanking } from './reference.js';

// The fast engine's search (sparse path, WebAssembly sums, sampled floor) against a brute force
// over the same stored scores: same ids, same scores, bit for bit, ties to the lower document.

const rand = lcg(20);

describe('fast engine exactness', () => {
  it('equals brute force on a Zipfian corpus full of tied documents', () => {
    // 3,000 documents over a Zipfian vocabulary; every fifth repeats an earlier one, so ties abound
    // (large enough for the sampled floor at k ≤ 100, and for the whole-accumulator heap at k = 1,000)
    const docs: string[][] = [];
    for (let i = 0; i < 3000; i++) {
      docs.push(i % 5 === 4 ? docs[Math.floor(rand() * i)] : Array.from({ length: 5 + Math.floor(rand() * 60) }, () => `t${Math.floor(1 / (rand() + 1e-4))}`));
    }
    const builder = new FastIndexBuilder();
    docs.forEach((terms, i) => builder.addDocument(String(i), terms));
    const index = builder.finish('lucene', { k1: 1.5, b: 0.75, delta: 0.5 });
    const queries = randomQueries(index, 80, rand);
    expect(expectExact(index, queries)).toBe(320);
    // the same index summed in blocks of documents, as a corpus over 128k documents is: blocks of
    // 97 and 1,000 documents (the last one short), and one block holding them all
    for (const chunkDocs of [97, 1000, 3000]) expect(expectExact(new FastIndex(index.data, { chunkDocs }), queries.slice(0, 30))).toBe(120);
  });

  it('cuts k = 1,000 inside a group of tied documents as brute force does, on either search path', () => {
    // 12,000 documents in random order: 700 copies of 'a a a', then 600 tied copies of 'a x y' across
    // which the 1,000th hit falls, 400 holding 'a' once among random filler, the rest filler alone
    const kinds = [...Array<number>(700).fill(0), ...Array<number>(600).fill(1), ...Array<number>(400).fill(2), ...Array<number>(10300).fill(3)];
    for (let i = kinds.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
    }
    const filler = () => Array.from({ length: 3 + Math.floor(rand() * 30) }, () => `f${Math.floor(rand() * 50)}`);
    const builder = new FastIndexBuilder();
    kinds.forEach((kind, d) => builder.addDocument(String(d), [['a', 'a', 'a'], ['a', 'x', 'y'], ['a', ...filler()], filler()][kind]));
    // tracking the touched documents from below a quarter of the documents' worth of postings (the
    // default is a sixteenth, search-paths.test.ts): then 1,700 hits can take either path
    const index = new FastIndex(builder.finish('lucene', { k1: 1.5, b: 0.75, delta: 0.5 }).data, { denseShare: 4 });
    const { termPtr } = index.data;
    const [a, x, f0] = index.termIds(['a', 'x', 'f0']);
    const postings = (q: number[]) => q.reduce((sum, t) => sum + termPtr[t + 1] - termPtr[t], 0);
    const sparse = [[a], [a, x]];
    const dense = [[a, a], [a, f0], [f0, a, x]];
    for (const q of sparse) expect(postings(q) * 4).toBeLessThan(index.documents);
    for (const q of dense) expect(postings(q) * 4).toBeGreaterThanOrEqual(index.documents);
    const ranked = storedRanking(index, Int32Array.from([a]));
    expect(ranked[999].s).toBe(ranked[700].s); // the cut falls inside the tied group
    expect(ranked[1299].s).toBe(ranked[700].s);
    const ks = [10, 700, 701, 1000, 1300, 1701, 5000];
    expect(expectExact(index, [...sparse, ...dense].map((q) => Int32Array.from(q)), ks)).toBe(35);
    for (const chunkDocs of [500, 4096]) expect(expectExact(new FastIndex(index.data, { chunkDocs, denseShare: 4 }), dense.map((q) => Int32Array.from(q)), ks)).toBe(21);
  });

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
      const count = fast.collect(floor, 0, n, 0);
      expect(count).toBe(plain.collect(floor, 0, n, 0));
      expect(count).toBeGreaterThan(0);
      expect(Array.from(fast.candDocs.subarray(0, count))).toEqual(Array.from(plain.candDocs.subarray(0, count)));
      expect(Array.from(fast.candScores.subarray(0, count))).toEqual(Array.from(plain.candScores.subarray(0, count)));
    }
  });
});
