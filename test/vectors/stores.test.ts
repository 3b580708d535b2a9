import { describe, expect, it } from 'vitest';
import { readParams } from '../../src/core/params.js';
import type { Document, Run } from '../../src/core/types.js';
import { MatrixWriter } from '../../src/vectors/matrix.js';
import { VECTOR_STORES } from '../../src/vectors/registry.js';
import type { VectorStoreDefinition } from '../../src/vectors/store.js';
import { tempDir } from '../helpers/tmp.js';

function lcg(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
}

function unit(v: Float32Array): Float32Array {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

const DIM = 16;
const rand = lcg(7);
const docs: Document[] = Array.from({ length: 600 }, (_, i) => ({ id: `doc${i}`, title: `t${i}`, text: `text ${i}` }));
const vectors = docs.map(() => unit(Float32Array.from({ length: DIM }, rand)));
// One zero vector (a text with no known word) must score 0 everywhere.
vectors[42] = new Float32Array(DIM);
const queries = Array.from({ length: 30 }, () => unit(Float32Array.from({ length: DIM }, rand)));
const qids = queries.map((_, i) => `q${i}`);

async function searchWith(def: VectorStoreDefinition, raw: Record<string, unknown> = {}): Promise<Run> {
  const dir = tempDir();
  const writer = new MatrixWriter(dir, DIM);
  writer.append(docs.map((d) => d.id), vectors);
  writer.close();
  const params = readParams(def.params, raw);
  await def.build({ dir, params, documents: async function* () { yield* docs; } });
  const store = await def.open(dir, params);
  try {
    expect(store).toMatchObject({ dim: DIM, count: docs.length });
    await expect(store.search(['bad'], [new Float32Array(DIM + 1)], 1)).rejects.toThrow(/dimension 17/);
    return await store.search(qids, queries, 10);
  } finally {
    await store.close();
  }
}

// HNSW searched as wide as the corpus is exact; its calibrated default is tested in calibrate.test.ts.
const exhaustive: Record<string, Record<string, unknown>> = { hnsw: { efSearch: docs.length } };

describe.each(Object.keys(VECTOR_STORES))('vector store %s', (name) => {
  it('finds the exact top-10 with exact inner-product scores', async () => {
    const expected = await searchWith(VECTOR_STORES.exact);
    const got = await searchWith(VECTOR_STORES[name as keyof typeof VECTOR_STORES], exhaustive[name]);
    for (const qid of qids) {
      const want = expected.get(qid)!;
      const have = got.get(qid)!;
      expect(have.map((h) => h.docId)).toEqual(want.map((h) => h.docId));
      have.forEach((h, i) => expect(Math.abs(h.score - want[i].score)).toBeLessThan(1e-5));
    }
    // Brute force for the exact store itself (so this test can fail for it too).
    const q0 = queries[0];
    const best = vectors.map((v, row) => ({ row, s: v.reduce((acc, x, d) => acc + x * q0[d], 0) })).sort((a, b) => b.s - a.s)[0];
    expect(got.get('q0')![0].docId).toBe(docs[best.row].id);
  });

  it('scores a zero vector 0, never NaN', async () => {
    const def = VECTOR_STORES[name as keyof typeof VECTOR_STORES];
    const dir = tempDir();
    const writer = new MatrixWriter(dir, 2);
    writer.append(['zero', 'x'], [new Float32Array(2), new Float32Array([1, 0])]);
    writer.close();
    const params = readParams(def.params, {});
    await def.build({ dir, params, documents: async function* () { yield { id: 'zero', title: '', text: '!!!' }; yield { id: 'x', title: '', text: 'x' }; } });
    const store = await def.open(dir, params);
    const run = await store.search(['q'], [new Float32Array([-0.6, 0.8])], 2);
    await store.close();
    const scores = Object.fromEntries(run.get('q')!.map((h) => [h.docId, h.score]));
    expect(scores.zero).toBe(0);
    expect(scores.x).toBeCloseTo(-0.6, 5);
  });
});
