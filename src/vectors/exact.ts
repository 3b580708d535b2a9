import { readMatrix, type VectorMatrix } from './matrix.js';
import { checkQueryDims, defineVectorStore, runFromHits, type VectorStore } from './store.js';
import { TopK } from './topk.js';

/** Rows scanned per tile: a tile stays in cache while every query of the batch passes over it. */
const TILE_ROWS = 256;
/** Queries scored together per pass over the matrix. */
const QUERY_BATCH = 64;

function dot(data: Float32Array, offset: number, q: Float32Array, dim: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let d = 0;
  for (; d + 3 < dim; d += 4) {
    s0 += data[offset + d] * q[d];
    s1 += data[offset + d + 1] * q[d + 1];
    s2 += data[offset + d + 2] * q[d + 2];
    s3 += data[offset + d + 3] * q[d + 3];
  }
  for (; d < dim; d++) s0 += data[offset + d] * q[d];
  return s0 + s1 + s2 + s3;
}

/** Exact top-k by inner product over the whole matrix: the ground truth for the approximate stores. */
export function exactSearch(matrix: VectorMatrix, queries: readonly Float32Array[], k: number): { row: number; score: number }[][] {
  const { data, dim, count } = matrix;
  const out: { row: number; score: number }[][] = [];
  for (let qStart = 0; qStart < queries.length; qStart += QUERY_BATCH) {
    const batch = queries.slice(qStart, qStart + QUERY_BATCH);
    const heaps = batch.map(() => new TopK(Math.min(k, count)));
    for (let tile = 0; tile < count; tile += TILE_ROWS) {
      const end = Math.min(tile + TILE_ROWS, count);
      for (let q = 0; q < batch.length; q++) {
        const heap = heaps[q];
        const query = batch[q];
        for (let row = tile; row < end; row++) {
          const score = dot(data, row * dim, query, dim);
          if (score > heap.threshold) heap.push(score, row);
        }
      }
    }
    for (const heap of heaps) out.push(heap.sorted());
  }
  return out;
}

export class ExactStore implements VectorStore {
  readonly name = 'exact';

  constructor(private readonly matrix: VectorMatrix) {}

  get dim(): number {
    return this.matrix.dim;
  }

  get count(): number {
    return this.matrix.count;
  }

  async search(queryIds: readonly string[], vectors: readonly Float32Array[], k: number) {
    checkQueryDims(this, vectors);
    return runFromHits(queryIds, exactSearch(this.matrix, vectors, k), this.matrix.ids);
  }

  async close(): Promise<void> {}
}

export default defineVectorStore({
  name: 'exact',
  description: 'exact top-k over the float32 matrix (batched queries, bounded heaps); pure TypeScript',
  params: [],
  buildKeys: [],
  libraries: [],
  async build() {},
  async open(dir) {
    return new ExactStore(readMatrix(dir));
  },
});
