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
      // fromListed takes (document, score) pairs in document order, as the kernel lists them
      const listed = Int32Array.from(docs).sort();
      const listedScores = Float64Array.from(listed, (d) => acc[d]);
      for (const got of [top.fromCandidates(acc, docs, n, k), top.fromAll(acc, n, k), top.fromListed(listed, listedScores, n, k)]) {
        expect(Array.from(got.docs)).toEqual(expected);
        expect(Array.from(got.scores)).toEqual(expected.map((d) => acc[d]));
      }
    }
  });

  it('returns nothing for no candidates', () => {
    expect(new TopK().fromCandidates(new Float64Array(3), new Int32Array(0), 0, 10).docs.length).toBe(0);
    expect(new TopK().fromAll(new Float64Array(3), 3, 10).docs.length).toBe(0);
    expect(new TopK().fromListed(new Int32Array(0), new Float64Array(0), 0, 10).docs.length).toBe(0);
  });

  it('reuses its heap across queries, growing it only for a larger k (no allocation per query)', () => {
    const top = new TopK();
    const heap = () => (top as unknown as { heapDoc: Int32Array; heapScore: Float64Array });
    const acc = Float64Array.from([3, 1, 2]);
    top.fromAll(acc, 3, 5);
    const first = { ...heap() };
    top.fromAll(acc, 3, 5);
    top.fromAll(acc, 3, 2);
    expect(heap().heapDoc).toBe(first.heapDoc);
    expect(heap().heapScore).toBe(first.heapScore);
    top.fromAll(acc, 3, 6);
    expect(heap().heapDoc.length).toBe(6);
    expect(heap().heapScore.length).toBe(6);
  });

  it('cuts at k = 1, k = n and k > n, ties to the lower document at the cut', () => {
    const acc = Float64Array.from([2, 5, 5, 0, 1, 5, -1]);
    const docs = Int32Array.from([6, 5, 4, 3, 2, 1, 0]);
    const top = new TopK();
    const expectTop = (k: number, want: number[]) => {
      for (const got of [top.fromCandidates(acc, docs, 7, k), top.fromAll(acc, 7, k), top.fromListed(Int32Array.from([0, 1, 2, 4, 5]), Float64Array.from([2, 5, 5, 1, 5]), 5, k)]) {
        expect(Array.from(got.docs)).toEqual(want);
        expect(Array.from(got.scores)).toEqual(want.map((d) => acc[d]));
      }
    };
    expectTop(1, [1]);
    expectTop(2, [1, 2]);
    expectTop(3, [1, 2, 5]);
    expectTop(5, [1, 2, 5, 0, 4]); // every positive document; zero and negative scores are no result
    expectTop(50, [1, 2, 5, 0, 4]);
    expectTop(2, [1, 2]); // a smaller k after a larger one reuses the heap
  });
});
