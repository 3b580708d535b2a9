import { describe, expect, it } from 'vitest';
import { FastIndex, FastIndexBuilder } from '../../../src/retrieve/bm25/fast-index.js';
import type { Kernel } from '../../../src/retrieve/bm25/kernel.js';
import { expectExact } from './reference.js';

/**
 * Which way FastIndex.search goes: results are exact either way (exactness.test.ts), so these
 * tests watch the index's kernel to check the choices that make it fast: few postings are summed
 * without the kernel, a dense query's floor is guessed from a sample of 256 documents at rank
 * max(4, ⌈2k·256/n⌉) and only documents reaching it are listed, unless fewer than k do.
 */
function watch(index: FastIndex): { rows: number; floors: number[] } {
  const k = (index as unknown as { kernel: Kernel }).kernel;
  const seen = { rows: 0, floors: [] as number[] };
  const { addRow, collect } = k;
  k.addRow = (start, end) => {
    seen.rows++;
    addRow(start, end);
  };
  k.collect = (floor, from, to, at) => {
    seen.floors.push(floor);
    return collect(floor, from, to, at);
  };
  return seen;
}

/** One term held by every document, each scoring `score(d)`. */
function oneTermIndex(n: number, score: (d: number) => number): FastIndex {
  return new FastIndex({
    docIds: Array.from({ length: n }, (_, d) => `d${d}`),
    terms: ['t'],
    termPtr: Uint32Array.from([0, n]),
    postDocs: Int32Array.from({ length: n }, (_, d) => d),
    postScores: Float32Array.from({ length: n }, (_, d) => score(d)),
    avgLength: 1,
  });
}

/** The rank-th largest of the documents the sample looks at: d = ⌊i·n/256⌋ for i < 256. */
function sampledFloor(index: FastIndex, rank: number): number {
  const n = index.documents;
  const scores = Array.from({ length: 256 }, (_, i) => index.data.postScores[Math.floor((i * n) / 256)]);
  return scores.sort((a, b) => b - a)[rank - 1];
}

describe('fast index search paths', () => {
  it('sums a query with fewer postings than a sixteenth of the documents without the kernel', () => {
    // 160 documents: 'a' in 9 of them (9·16 < 160: tracked), 'b' in 10 (10·16 = 160: the kernel)
    const builder = new FastIndexBuilder();
    for (let d = 0; d < 160; d++) builder.addDocument(`d${d}`, [...(d < 9 ? ['a'] : []), ...(d % 16 === 0 ? ['b'] : []), 'c']);
    const index = builder.finish('lucene', { k1: 1.2, b: 0.75, delta: 0 });
    const seen = watch(index);
    const [a, b] = index.termIds(['a', 'b']);
    expectExact(index, [Int32Array.from([a])], [1, 9, 160]);
    expect(seen.rows).toBe(0);
    expectExact(index, [Int32Array.from([b])], [1]);
    expect(seen.rows).toBe(1);
    expectExact(index, [Int32Array.from([a, a])], [1]); // 18 postings: a repeated term counts twice
    expect(seen.rows).toBe(3);
    // the share is a setting: at 4, 'b' is tracked too
    const quarter = new FastIndex(index.data, { denseShare: 4 });
    const seenQuarter = watch(quarter);
    expectExact(quarter, [Int32Array.from([b]), Int32Array.from([a, b])], [1, 10]);
    expect(seenQuarter.rows).toBe(0);
  });

  it('guesses the floor at rank max(4, ⌈2k·256/n⌉) of the sample, and lists from it once when k documents reach it', () => {
    const index = oneTermIndex(1000, (d) => 1 + ((d * 389) % 1000) / 1000); // distinct scores, no pattern
    const seen = watch(index);
    const expectFloors = (k: number, floors: number[]) => {
      seen.floors.length = 0;
      expectExact(index, [Int32Array.from([0])], [k]);
      expect(seen.floors).toEqual(floors);
    };
    expectFloors(1, [sampledFloor(index, 4)]);
    expectFloors(10, [sampledFloor(index, 6)]); // ⌈5120/1000⌉ = 6
    expectFloors(250, [sampledFloor(index, 128)]);
    // after a search at rank 128 of a term scoring 100 more everywhere, the sample's slots past
    // rank 4 hold those scores: the next rank-4 guess must not read them
    const { postDocs, postScores } = index.data;
    const twoTerms = new FastIndex({
      ...index.data,
      terms: ['t', 'u'],
      termPtr: Uint32Array.from([0, 1000, 2000]),
      postDocs: Int32Array.from([...postDocs, ...postDocs]),
      postScores: Float32Array.from([...postScores, ...Array.from(postScores, (x) => x + 100)]),
    });
    const seenTwo = watch(twoTerms);
    expectExact(twoTerms, [Int32Array.from([1])], [250]);
    expectExact(twoTerms, [Int32Array.from([0])], [1]);
    expect(seenTwo.floors.at(-1)).toBe(sampledFloor(index, 4));
    expectFloors(251, [0]); // rank 129 > 256/2: no guess, every positive document is listed
  });

  it('guesses from the positive samples only: the rank-th of exactly rank positives, else 0', () => {
    // 1,024 documents, sampled at every 4th; each term is held by some sampled documents (scoring
    // 5, 6, …) and by 100 unsampled ones (scoring 2). Term 0: 4 sampled holders, so at k = 1
    // (rank 4) the guess is the lowest of them; term 1: 3 sampled holders, the last three samples,
    // so the guess is 0 (and the search after term 0's must not read its leftover samples).
    const unsampled = Array.from({ length: 100 }, (_, i) => 4 * i + 1);
    const rows = [[0, 4, 8, 12], [1012, 1016, 1020]].map((sampled) => {
      const docs = [...sampled, ...unsampled].sort((a, b) => a - b);
      return { docs, scores: docs.map((d) => (sampled.includes(d) ? 5 + sampled.indexOf(d) : 2)) };
    });
    const index = new FastIndex(
      {
        ...oneTermIndex(1024, () => 0).data,
        terms: ['t0', 't1'],
        termPtr: Uint32Array.from([0, rows[0].docs.length, rows[0].docs.length + rows[1].docs.length]),
        postDocs: Int32Array.from(rows.flatMap((r) => r.docs)),
        postScores: Float32Array.from(rows.flatMap((r) => r.scores)),
      },
      { denseShare: Infinity },
    );
    const seen = watch(index);
    expectExact(index, [Int32Array.from([0])], [1]);
    expect(seen.floors).toEqual([5]);
    seen.floors.length = 0;
    expectExact(index, [Int32Array.from([1])], [1]);
    expect(seen.floors).toEqual([0]);
  });

  it('lists every positive document when fewer than k reach the guessed floor', () => {
    // only the sampled documents (every 4th of 1,024) score high: 6 reach the floor for k = 10
    const index = oneTermIndex(1024, (d) => (d % 4 === 0 ? 10 + d : 1));
    const seen = watch(index);
    expectExact(index, [Int32Array.from([0])], [10]);
    expect(seen.floors).toEqual([sampledFloor(index, 5), 0]);
    expect(Array.from(index.search([0], 10).docs)).toEqual(Array.from({ length: 10 }, (_, i) => 1020 - 4 * i));
    // exactly k = 4 reach the guess (1008, 1012, 1016, 1020): listed once; a corpus of exactly one block sums once
    const oneBlock = new FastIndex(index.data, { chunkDocs: 1024 });
    const seenOne = watch(oneBlock);
    expectExact(oneBlock, [Int32Array.from([0])], [4]);
    expect(seenOne.floors).toEqual([1018]);
    expect(seenOne.rows).toBe(1);
  });

  it('lists every positive document once when the guess is 0, and sums no block again when exactly k are listed', () => {
    // 10 of 2,048 documents hold the term, all in the first block: 3 of them sampled, so the guess
    // (the 4th sampled) is 0; the kernel is made to take even this sparse query
    const data = { ...oneTermIndex(2048, () => 0).data, termPtr: Uint32Array.from([0, 10]), postDocs: Int32Array.from({ length: 10 }, (_, d) => d), postScores: Float32Array.from({ length: 10 }, (_, d) => 1 + d / 16) };
    const few = new FastIndex(data, { denseShare: Infinity, chunkDocs: 1024 });
    const seen = watch(few);
    expectExact(few, [Int32Array.from([0])], [10]);
    // block 0 at the guess 0, block 1 at the 10th best so far (1.0), no second pass
    expect(seen.floors).toEqual([0, 1]);
    expect(seen.rows).toBe(2);
    const whole = new FastIndex(few.data, { denseShare: Infinity });
    const seenWhole = watch(whole);
    expectExact(whole, [Int32Array.from([0])], [10, 20]);
    expect(seenWhole.floors).toEqual([0, 0]); // one listing per search
  });

  it('sums a corpus larger than a block block by block, each listed at its guessed floor or the k-th best so far', () => {
    const n = 4096;
    const index = new FastIndex(oneTermIndex(n, (d) => 1 + ((d * 389) % n) / n).data, { chunkDocs: 1024 });
    const seen = watch(index);
    expectExact(index, [Int32Array.from([0])], [10]);
    // the blocks as the search should see them: each block's sample of 256 at rank max(4, ⌈20·256/4096⌉) = 4
    const score = (d: number) => index.data.postScores[d];
    const listed: number[] = [];
    const floors: number[] = [];
    let barWon = 0;
    for (let from = 0; from < n; from += 1024) {
      const guess = Array.from({ length: 256 }, (_, i) => score(from + 4 * i)).sort((a, b) => b - a)[3];
      const bar = listed.length >= 10 ? [...listed].sort((a, b) => b - a)[9] : 0;
      if (bar > guess) barWon++;
      floors.push(Math.max(guess, bar));
      for (let d = from; d < from + 1024; d++) if (score(d) >= floors.at(-1)!) listed.push(score(d));
    }
    expect(barWon).toBeGreaterThan(0); // the k-th best so far, not the guess, set some block's floor
    expect(seen.floors).toEqual(floors);
    expect(seen.rows).toBe(4); // one row per block, nothing summed again
    expect((index as unknown as { kernel: Kernel }).kernel.acc.every((x) => x === 0)).toBe(true);
  });

  it('guesses the floor of each block from the documents of that block', () => {
    // scores rise block by block, so every block's guess (its 4th of 256 samples, d = from + 4i) beats the k-th best so far
    const n = 4096;
    const index = new FastIndex(oneTermIndex(n, (d) => 1 + Math.floor(d / 1024) + ((d * 389) % 1024) / 1024).data, { chunkDocs: 1024 });
    const seen = watch(index);
    expectExact(index, [Int32Array.from([0])], [10]);
    const score = (d: number) => index.data.postScores[d];
    const guesses = [0, 1024, 2048, 3072].map((from) => Array.from({ length: 256 }, (_, i) => score(from + 4 * i)).sort((a, b) => b - a)[3]);
    expect(seen.floors).toEqual(guesses);
  });

  it('sums the whole query again when a block was listed at a guess above the final k-th best', () => {
    // the first block's sample sees only its high documents (every 4th), and only 4 of them reach
    // its guess (1018); the second block scores 1 throughout, so the 10th best ends at 1, below 1018
    const index = new FastIndex(oneTermIndex(2048, (d) => (d < 1024 && d % 4 === 0 ? 10 + d : 1)).data, { chunkDocs: 1024 });
    const seen = watch(index);
    expectExact(index, [Int32Array.from([0])], [10]);
    expect(seen.floors).toEqual([1018, 1, 1]);
    expect(seen.rows).toBe(3); // a row per block, then the whole row again
    expect(Array.from(index.search([0], 10).docs)).toEqual(Array.from({ length: 10 }, (_, i) => 1020 - 4 * i));
    expect((index as unknown as { kernel: Kernel }).kernel.acc.every((x) => x === 0)).toBe(true);
  });

  it('leaves the accumulator clean after either path', () => {
    const index = oneTermIndex(64, (d) => d % 3);
    const acc = (index as unknown as { kernel: Kernel }).kernel.acc;
    index.search([0], 5);
    expect(acc.every((x) => x === 0)).toBe(true);
    const builder = new FastIndexBuilder();
    for (let d = 0; d < 64; d++) builder.addDocument(`d${d}`, d === 3 ? ['rare', 'x'] : ['x']);
    const sparse = builder.finish('lucene', { k1: 1.2, b: 0.75, delta: 0 });
    sparse.search(sparse.termIds(['rare']), 5);
    expect((sparse as unknown as { kernel: Kernel }).kernel.acc.every((x) => x === 0)).toBe(true);
    expect(Array.from(sparse.search(sparse.termIds(['rare']), 5).docs)).toEqual([3]);
  });
});
