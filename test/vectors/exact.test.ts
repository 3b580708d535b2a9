import { describe, expect, it } from 'vitest';
import { ExactStore, exactSearch } from '../../src/vectors/exact.js';

function lcg(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
}

function randomMatrix(count: number, dim: number, seed: number) {
  const rand = lcg(seed);
  return { count, dim, ids: Array.from({ length: count }, (_, i) => `d${i}`), data: Float32Array.from({ length: count * dim }, rand) };
}

describe('exact search', () => {
  // 700 rows span several tiles and 70 queries span two query batches.
  const m = randomMatrix(700, 13, 1);
  const queries = Array.from({ length: 70 }, (_, q) => Float32Array.from({ length: 13 }, lcg(100 + q)));

  it('equals a full sort of every inner product', () => {
    const got = exactSearch(m, queries, 10);
    queries.forEach((q, i) => {
      const all = Array.from({ length: m.count }, (_, row) => {
        let s = 0;
        for (let d = 0; d < m.dim; d++) s += m.data[row * m.dim + d] * q[d];
        return { row, score: s };
      }).sort((a, b) => b.score - a.score);
      expect(got[i].map((h) => h.row)).toEqual(all.slice(0, 10).map((h) => h.row));
      got[i].forEach((h, j) => expect(h.score).toBeCloseTo(all[j].score, 5));
    });
  });

  it('returns every row when k exceeds the count', () => {
    expect(exactSearch(randomMatrix(5, 4, 2), [new Float32Array(4).fill(1)], 100)[0]).toHaveLength(5);
  });

  it('scores zero vectors 0, never NaN', async () => {
    const store = new ExactStore({ count: 2, dim: 2, ids: ['zero', 'x'], data: new Float32Array([0, 0, 1, 0]) });
    const run = await store.search(['q', 'qzero'], [new Float32Array([0.6, 0.8]), new Float32Array(2)], 5);
    expect(run.get('q')).toEqual([{ docId: 'x', score: expect.closeTo(0.6, 6) }, { docId: 'zero', score: 0 }]);
    expect(run.get('qzero')!.map((h) => h.score)).toEqual([0, 0]);
  });

  it('rejects a query of the wrong dimension, naming both', async () => {
    const store = new ExactStore(randomMatrix(3, 4, 3));
    await expect(store.search(['q'], [new Float32Array(5)], 1)).rejects.toThrow(/dimension 5 but the exact store holds 4-d vectors/);
  });
});
