import { describe, expect, it } from 'vitest';
import { FastIndexBuilder } from '../../../src/retrieve/bm25/fast-index.js';
import { jsKernel, kernel } from '../../../src/retrieve/bm25/kernel.js';
import { expectExact, lcg, randomQueries } from './reference.js';

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
    expect(expectExact(index, randomQueries(index, 80, rand))).toBe(320);
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
      const count = fast.collect(floor);
      expect(count).toBe(plain.collect(floor));
      expect(count).toBeGreaterThan(0);
      expect(Array.from(fast.candDocs.subarray(0, count))).toEqual(Array.from(plain.candDocs.subarray(0, count)));
      expect(Array.from(fast.candScores.subarray(0, count))).toEqual(Array.from(plain.candScores.subarray(0, count)));
    }
  });
});
