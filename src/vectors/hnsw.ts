import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type hnswlib from 'hnswlib-node';
import { MedirError } from '../core/errors.js';
import { documentText } from '../core/types.js';
import { writeFileAtomic } from '../io/atomic.js';
import { CALIBRATION_SAMPLE, CALIBRATION_SEED, calibrateEfSearch, sampleRows, type Calibration } from './calibrate.js';
import { readIds, readMatrix, readMatrixMeta, type VectorMatrix } from './matrix.js';
import { checkQueryDims, defineVectorStore, runFromHits, type StoreBuildContext, type VectorStore } from './store.js';

const INDEX_FILE = 'hnsw.bin';
/** The calibrated efSearch of `--target-recall`, written beside the graph (and into the manifest's stats). */
const CALIBRATION_FILE = 'hnsw-calibration.json';
/** Fixed so that the same matrix and parameters always give the same graph. */
const RANDOM_SEED = 100;

/** The native addon, loaded when an HNSW index is built or opened, not when the CLI starts. */
const loadHnswlib = async (): Promise<typeof hnswlib> => (await import('hnswlib-node')).default;

/** One query's top `k` rows, best first. */
function searchRows(index: hnswlib.HierarchicalNSW, vector: Float32Array, k: number): { row: number; score: number }[] {
  const { neighbors, distances } = index.searchKnn(Array.from(vector), k);
  // The 'ip' space returns 1 − inner product.
  return neighbors.map((row, i) => ({ row, score: 1 - distances[i] })).sort((a, b) => b.score - a.score || a.row - b.row);
}

/**
 * `--target-recall`: embeds a seeded sample of the corpus's own texts as queries (the evaluated
 * queries are never seen) and picks the smallest efSearch that reaches the target against exact search.
 */
async function calibrate(ctx: StoreBuildContext, matrix: VectorMatrix, index: hnswlib.HierarchicalNSW, target: number): Promise<Calibration> {
  if (!ctx.embedQueries) throw new MedirError('BAD_OPTION', '--target-recall: this index was built without a query embedder to calibrate with');
  const rows = sampleRows(matrix.count, CALIBRATION_SAMPLE, CALIBRATION_SEED);
  const wanted = new Set(rows);
  const texts: string[] = [];
  let row = 0;
  for await (const doc of ctx.documents()) if (wanted.has(row++)) texts.push(documentText(doc));
  const queries = await ctx.embedQueries(texts);
  const found = calibrateEfSearch(matrix, queries, target, (qs, ef) => {
    index.setEf(ef);
    return qs.map((q) => searchRows(index, q, Math.min(10, matrix.count)).map((h) => h.row));
  });
  return {
    targetRecall: target,
    ...found,
    sample: { source: 'corpus texts embedded as queries', seed: CALIBRATION_SEED, size: rows.length, docIds: rows.map((r) => matrix.ids[r]) },
  };
}

class HnswStore implements VectorStore {
  readonly name = 'hnsw';
  private ef = 0;

  constructor(
    private readonly index: hnswlib.HierarchicalNSW,
    private readonly ids: string[],
    readonly dim: number,
    private readonly efSearch: number,
    private readonly calibration?: Calibration,
  ) {}

  /** The efSearch in force and, under `--target-recall`, how it was chosen (for the run's config). */
  get settings(): Record<string, unknown> {
    return { efSearch: this.efSearch, ...(this.calibration ? { calibration: this.calibration } : {}) };
  }

  get count(): number {
    return this.ids.length;
  }

  async search(queryIds: readonly string[], vectors: readonly Float32Array[], k: number) {
    checkQueryDims(this, vectors);
    const n = Math.min(k, this.count);
    // hnswlib needs ef ≥ k to return k results.
    const ef = Math.max(this.efSearch, n);
    if (ef !== this.ef) this.index.setEf((this.ef = ef));
    const hits = vectors.map((v) => {
      if (n === 0) return [];
      return searchRows(this.index, v, n);
    });
    return runFromHits(queryIds, hits, this.ids);
  }

  async close(): Promise<void> {}
}

export default defineVectorStore({
  name: 'hnsw',
  description: 'approximate search with hnswlib-node (HNSW graph saved beside the matrix)',
  params: [
    // Defaults measured by bench/vector-search/hnsw-defaults.ts on the glove vectors of NFCorpus and
    // SciFact (test queries, ties counted as hits): recall@10 ≥ 0.99 and ≥ 99% identical top-10 sets
    // need M=16, efC=1000, ef=800 on NFCorpus, whose one-word queries ('Alli') lie far from the
    // tightly packed abstracts (mean cosine 0.78) where greedy graph search strays; M=32/efC=400/ef=200
    // gave 95% identical sets, and a larger M bought nothing.
    { key: 'm', type: 'integer', min: 1, default: 16, help: 'HNSW: links per node (build time)' },
    { key: 'efConstruction', type: 'integer', min: 1, default: 1000, help: 'HNSW: candidate list size while building' },
    { key: 'efSearch', type: 'integer', min: 1, default: 800, help: 'HNSW: candidate list size while searching (higher = better recall, slower)' },
    {
      key: 'targetRecall',
      type: 'number',
      min: 0,
      help: 'HNSW: choose efSearch at index time as the smallest reaching this recall@10 vs exact search on 200 seeded corpus texts embedded as queries (overrides --ef-search)',
    },
  ],
  buildKeys: ['m', 'efConstruction', 'targetRecall'],
  libraries: ['hnswlib-node'],
  async build(ctx) {
    const { dir, params } = ctx;
    const target = params.targetRecall as number | undefined;
    if (target !== undefined && target > 1) throw new MedirError('BAD_OPTION', `--target-recall: must be at most 1, got ${target}`);
    const matrix = readMatrix(dir);
    const { HierarchicalNSW } = await loadHnswlib();
    const index = new HierarchicalNSW('ip', matrix.dim);
    index.initIndex({ maxElements: Math.max(matrix.count, 1), m: Number(params.m), efConstruction: Number(params.efConstruction), randomSeed: RANDOM_SEED });
    for (let row = 0; row < matrix.count; row++) {
      index.addPoint(Array.from(matrix.data.subarray(row * matrix.dim, (row + 1) * matrix.dim)), row);
    }
    index.writeIndexSync(join(dir, INDEX_FILE));
    if (target === undefined) return { hnswFile: INDEX_FILE };
    const calibration = await calibrate(ctx, matrix, index, target);
    writeFileAtomic(join(dir, CALIBRATION_FILE), JSON.stringify(calibration, null, 2));
    return { hnswFile: INDEX_FILE, calibration };
  },
  async open(dir, params) {
    const { count, dim } = readMatrixMeta(dir);
    const { HierarchicalNSW } = await loadHnswlib();
    const index = new HierarchicalNSW('ip', dim);
    try {
      index.readIndexSync(join(dir, INDEX_FILE));
    } catch (err) {
      throw new MedirError('INDEX', `${join(dir, INDEX_FILE)}: cannot read the HNSW index (${(err as Error).message})`, `delete ${dir} and index again`);
    }
    const file = join(dir, CALIBRATION_FILE);
    const calibration = params.targetRecall !== undefined && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Calibration) : undefined;
    return new HnswStore(index, readIds(dir, count), dim, calibration?.efSearch ?? Number(params.efSearch), calibration);
  },
});
