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

/**
 * Docs 0..n-1 in an order that drives sortRange's quicksort to its worst case, found by McIlroy's
 * adversary ("A killer adversary for quicksort", 1999): items are "gas" until compared, and each
 * comparison of two gas items freezes one of them into the next solid value; gas ranks below every
 * solid (`pivotsFirst`, so every partition splits off its first few places) or above (its last few).
 * The comparisons are those of sortRange's partition loop, replayed here on item numbers.
 */
function quicksortKiller(n: number, pivotsFirst: boolean): Int32Array {
  const GAS = -1;
  const key = new Int32Array(n).fill(GAS);
  let next = pivotsFirst ? 0 : n - 1;
  let candidate = 0;
  const freeze = (x: number): void => {
    key[x] = next;
    next += pivotsFirst ? 1 : -1;
  };
  const before = (x: number, y: number): boolean => {
    if (key[x] === GAS && key[y] === GAS) freeze(x === candidate ? x : y);
    if (key[x] === GAS) candidate = x;
    else if (key[y] === GAS) candidate = y;
    if (key[x] === GAS) return !pivotsFirst;
    if (key[y] === GAS) return pivotsFirst;
    return key[x] < key[y];
  };
  const a = Int32Array.from({ length: n }, (_, i) => i);
  const swap = (i: number, j: number): void => void ([a[i], a[j]] = [a[j], a[i]]);
  const ranges = [[0, n - 1]]; // a list, not recursion: the long sides would need n/2 calls
  for (let range = ranges.pop(); range; range = ranges.pop()) {
    const [lo, hi] = range;
    if (hi - lo <= 16) continue; // left to insertion sort: the keys given later need only be consistent
    const mid = (lo + hi) >> 1;
    if (before(a[mid], a[lo])) swap(mid, lo);
    if (before(a[hi], a[lo])) swap(hi, lo);
    if (before(a[hi], a[mid])) swap(hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (before(a[i], pivot)) i++;
      while (before(pivot, a[j])) j--;
      if (i <= j) swap(i++, j--);
    }
    ranges.push([lo, j], [i, hi]);
  }
  for (let x = 0; x < n; x++) if (key[x] === GAS) freeze(x);
  return key;
}

/** Calls f with only about `spare` calls of a small function's stack left (found by filling the stack to overflow). */
function withLittleStack<T>(spare: number, f: () => T): T {
  let call = false;
  let result: T | undefined;
  // one bottom function for the probes and the call, so that dive's compiled form (its frame size) stays the same
  const bottom = (): void => {
    if (call) result = f();
  };
  const dive = (n: number): void => (n > 0 ? dive(n - 1) : bottom());
  const fits = (n: number): boolean => {
    try {
      dive(n);
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = 1;
  while (fits(hi)) [lo, hi] = [hi, 2 * hi];
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  call = true;
  dive(lo - spare);
  return result as T;
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

  it('gives evenly spread scores a bucket each, best first, and places no pair past the k-th', () => {
    // white box: the hits are the same with coarser buckets (one bucket is a full sort), but k = 1000 then costs as much as sorting every pair
    const n = 50;
    const k = 40;
    const scores = Float64Array.from({ length: n }, (_, i) => ((17 * i + 5) % n) + 1); // 1..50 in no order, the lowest at i = 35
    const docs = Int32Array.from({ length: n }, (_, i) => 100 + ((31 * i) % n));
    const top = new TopK();
    expectTop(top, docs, scores, k);
    const { bucketOf, placedDoc } = top as unknown as Record<string, Int32Array>;
    expect(Array.from(bucketOf.subarray(0, n))).toEqual(Array.from(scores, (s) => n - s));
    expect(Array.from(placedDoc.subarray(k, n))).toEqual(new Array(n - k).fill(0));
  });

  it('sorts a bucket ordered against its quicksort in little stack (recursing into the shorter side)', () => {
    const n = 8000;
    const top = new TopK();
    const scores = new Float64Array(n).fill(1.5); // one bucket, ranked by document alone
    for (const pivotsFirst of [true, false]) {
      const docs = quicksortKiller(n, pivotsFirst);
      const got = withLittleStack(1000, () => top.best(docs, scores, n, 1000));
      expect(Array.from(got.docs)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    }
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
    // the same k, the same count again: the arrays already fit
    top.best(big.docs, big.scores, 2000, 10);
    top.best(big.docs, big.scores, 2000, 1000);
    expect(scratch()).toEqual(first);
    for (const [name, array] of Object.entries(first)) expect(scratch()[name], name).toBe(array);
    top.best(big.docs, big.scores, 2000, HEAP_MAX_K);
    expect(scratch().heapDoc.length).toBe(HEAP_MAX_K);
  });
});
