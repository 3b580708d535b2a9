import { describe, expect, it } from 'vitest';
import { TopK } from '../../src/vectors/topk.js';

function lcg(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('TopK', () => {
  it.each([1, 5, 10, 100])('keeps the %i best of 1,000 scores, best first', (k) => {
    const rand = lcg(k);
    const scores = Array.from({ length: 1000 }, () => Math.round(rand() * 200) / 100); // many ties
    const heap = new TopK(k);
    scores.forEach((s, row) => heap.push(s, row));
    const expected = scores.map((score, row) => ({ row, score })).sort((a, b) => b.score - a.score || a.row - b.row).slice(0, k);
    // Ties at the cut-off may keep a different row; the scores must be the k best either way.
    expect(heap.sorted().map((h) => h.score)).toEqual(expected.map((h) => h.score));
  });

  it('returns fewer than k when fewer were pushed', () => {
    const heap = new TopK(10);
    heap.push(0.5, 3);
    heap.push(0.7, 1);
    expect(heap.sorted()).toEqual([{ row: 1, score: 0.7 }, { row: 3, score: 0.5 }]);
    expect(heap.threshold).toBe(-Infinity);
  });
});
