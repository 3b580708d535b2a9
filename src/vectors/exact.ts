import { readMatrix, type VectorMatrix } from './matrix.js';
import { jsKernel, wasmMatrix, type ScoreKernel } from './simd.js';
import { checkQueryDims, defineVectorStore, runFromHits, type VectorStore } from './store.js';
import { TopK } from './topk.js';

/** Rows scanned per tile: a tile stays in cache while every query of the batch passes over it. */
const TILE_ROWS = 256;
/** Queries scored together per pass over the matrix. */
const QUERY_BATCH = 64;

/** Exact top-k by inner product over the whole matrix: the ground truth for the approximate stores. */
export function exactSearch(
  matrix: VectorMatrix,
  queries: readonly Float32Array[],
  k: number,
  kernel: ScoreKernel = jsKernel(matrix.data, matrix.dim),
): { row: number; score: number }[][] {
  const { count } = matrix;
  const out: { row: number; score: number }[][] = [];
  for (let qStart = 0; qStart < queries.length; qStart += QUERY_BATCH) {
    const batch = queries.slice(qStart, qStart + QUERY_BATCH);
    const heaps = batch.map(() => new TopK(Math.min(k, count)));
    const scores = new Float32Array(TILE_ROWS);
    for (let tile = 0; tile < count; tile += TILE_ROWS) {
      const end = Math.min(tile + TILE_ROWS, count);
      for (let q = 0; q < batch.length; q++) {
        const heap = heaps[q];
        kernel.scoreRows(tile, end, batch[q], scores);
        let threshold = heap.threshold;
        for (let i = 0; i < end - tile; i++) {
          if (scores[i] > threshold) {
            heap.push(scores[i], tile + i);
            threshold = heap.threshold;
          }
        }
      }
    }
    for (const heap of heaps) out.push(heap.sorted());
  }
  return out;
}

export class ExactStore implements VectorStore {
  readonly name = 'exact';

  constructor(
    readonly matrix: VectorMatrix,
    private readonly kernel: ScoreKernel = jsKernel(matrix.data, matrix.dim),
    /** What the run's config shows (an HNSW index that searches exactly says so and why). */
    readonly settings?: Record<string, unknown>,
  ) {}

  get dim(): number {
    return this.matrix.dim;
  }

  get count(): number {
    return this.matrix.count;
  }

  async search(queryIds: readonly string[], vectors: readonly Float32Array[], k: number) {
    checkQueryDims(this, vectors);
    return runFromHits(queryIds, exactSearch(this.matrix, vectors, k, this.kernel), this.matrix.ids);
  }

  async close(): Promise<void> {}
}

/** The exact store over the matrix in `dir`, read straight into WebAssembly memory where the SIMD kernel can run. */
export function openExactStore(dir: string, settings?: Record<string, unknown>): ExactStore {
  let wasm: ReturnType<typeof wasmMatrix>;
  const matrix = readMatrix(dir, (count, dim) => (wasm = wasmMatrix(count, dim))?.data);
  return new ExactStore(matrix, wasm?.kernel, settings);
}

export default defineVectorStore({
  name: 'exact',
  description: 'exact top-k over the float32 matrix (batched queries, bounded heaps, WebAssembly SIMD); no native module',
  params: [],
  buildKeys: [],
  libraries: [],
  async build() {},
  open: async (dir) => openExactStore(dir),
});
