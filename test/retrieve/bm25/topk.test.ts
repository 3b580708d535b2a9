import { describe, expect, it } from 'vitest';
import { TopK } from '../../../src/retrieve/bm25/topk.js';

/** A seeded generator so a failure can be replayed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('TopK', () => {
  it('equals a full sort of the positive scores (score desc, then lower document first), with ties', () => {
    const rand = lcg(7);
    const top = new TopK();
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(rand() * 300);
      const acc = new Float64Array(n + 5);
      const docs = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        docs[i] = n - 1 - i; // candidates in no particular order
        acc[docs[i]] = Math.floor(rand() * 20) / 4; // few distinct values: many ties, some zeros
      }
      const k = 1 + Math.floor(rand() * (n + 10));
      const expected = Array.from(docs).filter((d) => acc[d] > 0).sort((a, b) => acc[b] - acc[a] || a - b).slice(0, k);
      for (const got of [top.fromCandidates(acc, docs, n, k), top.fromAll(acc, n, k)]) {
        expect(Array.from(got.docs)).toEqual(expected);
        expect(Array.from(got.scores)).toEqual(expected.map((d) => acc[d]));
      }
    }
  });

  it('returns nothing for no candidates', () => {
    expect(new TopK().fromCandidates(new Float64Array(3), new Int32Array(0), 0, 10).docs.length).toBe(0);
    expect(new TopK().fromAll(new Float64Array(3), 3, 10).docs.length).toBe(0);
  });
});
