import { describe, expect, it } from 'vitest';
import { HEAP_MAX_K, TopK } from '../../../src/retrieve/bm25/topk.js';

/** A seeded generator so a failure can be replayed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** The expected top k: a full sort, score descending, then the lower document first. */
function sorted(docs: Int32Array, scores: Float64Array, k: number): { docs: number[]; scores: number[] } {
  const order = Array.from(docs.keys()).sort((a, b) => scores[b] - scores[a] || docs[a] - docs[b]).slice(0, k);
  return { docs: order.map((i) => docs[i]), scores: order.map((i) => scores[i]) };
}

function expectTop(top: TopK, docs: Int32Array, scores: Float64Array, ...ks: number[]): void {
  const all = sorted(docs, scores, docs.length);
  for (const k of ks) {
    const got = top.best(docs, scores, docs.length, k);
    expect({ k, docs: Array.from(got.docs), scores: Array.from(got.scores) }).toEqual({ k, docs: all.docs.slice(0, k), scores: all.scores.slice(0, k) });
  }
}

/** `n` distinct documents out of 0..2n, listed in no particular order, each scoring score(i). */
function pairs(n: number, rand: () => number, score: (i: number) => number): { docs: Int32Array; scores: Float64Array } {
  const docs = Int32Array.from({ length: n }, (_, i) => 2 * i + Math.floor(rand() * 2));
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [docs[i], docs[j]] = [docs[j], docs[i]];
  }
  return { docs, scores: Float64Array.from({ length: n }, (_, i) => score(i)) };
}

describe('TopK', () => {
  it('equals a full sort (score desc, then lower document first) for small and large k, with ties', () => {
    const rand = lcg(7);
    const top = new TopK();
    for (let trial = 0; trial < 60; trial++) {
      const n = 1 + Math.floor(rand() * 3000);
      const distinct = 1 + Math.floor(rand() * 40); // few distinct values: ties everywhere, at the cut too
      const { docs, scores } = pairs(n, rand, () => (1 + Math.floor(rand() * distinct)) / 8);
      expectTop(top, docs, scores, 1, HEAP_MAX_K, HEAP_MAX_K + 1, 1 + Math.floor(rand() * (n + 10)), n, 1000);
    }
  });

  it('sorts BM25-like sums exactly, where scores differ in the last bits', () => {
    const rand = lcg(11);
    const top = new TopK();
    // sums of float32 terms, as the accumulator holds them: neighbours one ulp apart, repeats, a long tail
    const terms = Float32Array.from({ length: 8 }, () => rand() * 10);
    const { docs, scores } = pairs(5000, rand, () => {
      let s = 0;
      for (const t of terms) if (rand() < 0.3) s += t;
      return s > 0 ? s : terms[0];
    });
    for (let i = 0; i < 50; i++) scores[Math.floor(rand() * 5000)] += Number.EPSILON * 8;
    expectTop(top, docs, scores, 10, 100, 1000, 4999, 5000);
  });

  it('cuts at k among many equal scores by document number, in every bucket layout', () => {
    const top = new TopK();
    const rand = lcg(3);
    // 3,000 pairs, 2,000 of them at the one score where the 1,000th hit falls
    const { docs, scores } = pairs(3000, rand, (i) => (i % 3 === 0 ? 2 + i / 3000 : 1.5));
    expectTop(top, docs, scores, 1000, 1001);
    // every score equal (no range to bucket), and two values far apart with one outlier
    expectTop(top, docs, new Float64Array(3000).fill(0.25), 1000);
    expectTop(top, docs, Float64Array.from(scores, (_, i) => (i === 17 ? 1e300 : i % 2 ? 1 : 1 + 2 ** -40)), 1000);
    // scores a denormal apart: count/range overflows, so every pair shares one bucket
    expectTop(top, docs, Float64Array.from(scores, (_, i) => (i % 2 ? 5e-324 : 1e-323)), 1000);
  });

  it('returns every pair, sorted, when k exceeds them, and nothing for no pairs', () => {
    const top = new TopK();
    const docs = Int32Array.from([6, 5, 4, 2, 1, 0]);
    const scores = Float64Array.from([5, 5, 1, 2, 5, 2]);
    expectTop(top, docs, scores, 1, 3, 6, 50, 5000);
    for (const k of [10, 1000]) expect(top.best(new Int32Array(0), new Float64Array(0), 0, k).docs.length).toBe(0);
    // only the first `count` pairs are read
    expect(Array.from(top.best(docs, scores, 3, 1000).docs)).toEqual([5, 6, 4]);
    expect(Array.from(top.best(docs, scores, 3, 10).docs)).toEqual([5, 6, 4]);
  });

  it('reuses its scratch arrays across queries, growing them only when needed (no allocation per query)', () => {
    const top = new TopK();
    const scratch = () => ({ ...(top as unknown as Record<string, ArrayLike<number>>) });
    const rand = lcg(5);
    const big = pairs(2000, rand, () => rand());
    const small = pairs(100, rand, () => rand());
    top.best(big.docs, big.scores, 2000, 1000);
    top.best(big.docs, big.scores, 2000, 10);
    const first = scratch();
    top.best(small.docs, small.scores, 100, 50);
    top.best(big.docs, big.scores, 2000, 5);
    expect(scratch()).toEqual(first);
    for (const [name, array] of Object.entries(first)) expect(scratch()[name], name).toBe(array);
    top.best(big.docs, big.scores, 2000, HEAP_MAX_K);
    expect(scratch().heapDoc.length).toBe(HEAP_MAX_K);
  });
});
