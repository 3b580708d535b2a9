import { join } from 'node:path';
import type hnswlib from 'hnswlib-node';
import { MedirError } from '../core/errors.js';
import { documentText } from '../core/types.js';
import { writeFileAtomic } from '../io/atomic.js';
import { readJsonFile } from '../io/json-file.js';
import { CALIBRATION_SAMPLE, CALIBRATION_SEED, DEFAULT_TARGET_RECALL, calibrateEfSearch, chooseSearch, sampleRows, sampleTarget, shortSpans, timeSearches, type Calibration } from './calibrate.js';
import { openExactStore, type ExactStore } from './exact.js';
import { readIds, readMatrixMeta, type VectorMatrix } from './matrix.js';
import { checkQueryDims, defineVectorStore, runFromHits, type StoreBuildContext, type VectorStore } from './store.js';

const INDEX_FILE = 'hnsw.bin';
/** The calibrated efSearch of `--target-recall`, written beside the graph (and into the manifest's stats). */
const CALIBRATION_FILE = 'hnsw-calibration.json';
/** Fixed so that the same matrix and parameters always give the same graph. */
const RANDOM_SEED = 100;
const K = 10;

/** The native addon, loaded when an HNSW index is built or opened, not when the CLI starts. */
const loadHnswlib = async (): Promise<typeof hnswlib> => (await import('hnswlib-node')).default;

/** One query's top `k` rows, best first; `buffer` is a reused plain array of the query's width (the binding reads only plain arrays). */
function searchRows(index: hnswlib.HierarchicalNSW, vector: Float32Array, k: number, buffer: number[] = new Array<number>(vector.length)): { row: number; score: number }[] {
  for (let d = 0; d < vector.length; d++) buffer[d] = vector[d];
  const { neighbors, distances } = index.searchKnn(buffer, k);
  // The 'ip' space returns 1 − inner product.
  return neighbors.map((row, i) => ({ row, score: 1 - distances[i] })).sort((a, b) => b.score - a.score || a.row - b.row);
}

/** The calibration queries: short spans of seeded corpus texts embedded as queries, or the rows' own vectors where there is no embedder. */
async function calibrationQueries(ctx: StoreBuildContext, matrix: VectorMatrix): Promise<{ queries: Float32Array[]; sample: Calibration['sample'] }> {
  const rows = sampleRows(matrix.count, CALIBRATION_SAMPLE, CALIBRATION_SEED);
  const docIds = rows.map((r) => matrix.ids[r]);
  const base = { seed: CALIBRATION_SEED, size: rows.length, docIds };
  if (!ctx.embedQueries) {
    const queries = rows.map((r) => matrix.data.slice(r * matrix.dim, (r + 1) * matrix.dim));
    return { queries, sample: { source: 'corpus vectors', ...base } };
  }
  const wanted = new Set(rows);
  const texts: string[] = [];
  let row = 0;
  for await (const doc of ctx.documents()) if (wanted.has(row++)) texts.push(documentText(doc));
  const spans = shortSpans(texts, CALIBRATION_SEED);
  return { queries: await ctx.embedQueries(spans), sample: { source: 'short spans of corpus texts embedded as queries', ...base, spans } };
}

/**
 * Picks the smallest efSearch at which a seeded sample of the corpus's own short spans get their
 * exact top-10 often enough to promise `target` (the evaluated queries are never seen), then times
 * HNSW there against `exact` on the same sample to choose which of the two the index searches with.
 */
async function calibrate(ctx: StoreBuildContext, exact: ExactStore, index: hnswlib.HierarchicalNSW, target: number): Promise<Calibration> {
  const { matrix } = exact;
  const { queries, sample } = await calibrationQueries(ctx, matrix);
  const buffer = new Array<number>(matrix.dim);
  const found = calibrateEfSearch(matrix, queries, sampleTarget(target), (qs, ef) => {
    index.setEf(ef);
    return qs.map((q) => searchRows(index, q, Math.min(K, matrix.count), buffer).map((h) => h.row));
  });
  const qids = queries.map((_, i) => String(i));
  const hnsw = new HnswStore(index, matrix.ids, matrix.dim, found.efSearch);
  const costs = await timeSearches(queries.length, () => exact.search(qids, queries, K), () => hnsw.search(qids, queries, K), ctx.clock);
  return { targetRecall: target, sampleTarget: sampleTarget(target), ...found, choice: chooseSearch(found.efSearch, costs), sample };
}

/**
 * Calibrates the graph `index` over the matrix of `exact` (the store's build; bench/vector-search
 * reuses a saved graph through it), writes hnsw-calibration.json into `ctx.dir` and says on stderr
 * when the index will search exactly.
 */
export async function calibrateGraph(ctx: StoreBuildContext, exact: ExactStore, index: hnswlib.HierarchicalNSW, target: number): Promise<Calibration> {
  const calibration = await calibrate(ctx, exact, index, target);
  writeFileAtomic(join(ctx.dir, CALIBRATION_FILE), JSON.stringify(calibration, null, 2));
  if (calibration.choice?.search === 'exact') {
    process.stderr.write(`warning: ${calibration.choice.reason}; this index searches exactly, as --vector-store exact would (--ef-search N forces HNSW)\n`);
  }
  return calibration;
}

/** The calibration for the run's config: the sample's ids and spans stay in the manifest and hnsw-calibration.json. */
function calibrationSummary(calibration: Calibration): Record<string, unknown> {
  const { sample, ...measured } = calibration;
  return { ...measured, sample: { source: sample.source, seed: sample.seed, size: sample.size } };
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

  /** The efSearch in force and, when calibrated (`--target-recall`), how it was chosen (for the run's config). */
  get settings(): Record<string, unknown> {
    return { search: 'hnsw', efSearch: this.efSearch, ...(this.calibration ? { calibration: calibrationSummary(this.calibration) } : {}) };
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
    const buffer = new Array<number>(this.dim);
    const hits = vectors.map((v) => (n === 0 ? [] : searchRows(this.index, v, n, buffer)));
    return runFromHits(queryIds, hits, this.ids);
  }

  async close(): Promise<void> {}
}

export default defineVectorStore({
  name: 'hnsw',
  description: 'approximate search with hnswlib-node (HNSW graph saved beside the matrix)',
  params: [
    // M=16, efC=2000: on NFCorpus's glove vectors (bench/vector-search/hnsw-defaults.ts) a larger M
    // bought nothing; on the 100k passage set (bench/vector-search/ef-needed.ts) efC=2000 let the
    // calibration choose efSearch 720 (2.8× exact search) where efC=1000 needed 2880 (slower than exact).
    { key: 'm', type: 'integer', min: 1, default: 16, help: 'HNSW: links per node (build time)' },
    { key: 'efConstruction', type: 'integer', min: 1, default: 2000, help: 'HNSW: candidate list size while building' },
    {
      key: 'efSearch',
      type: 'integer',
      min: 1,
      help: 'HNSW: candidate list size while searching (higher = better recall, slower); default: the value calibrated for --target-recall when the index was built',
    },
    {
      key: 'targetRecall',
      type: 'number',
      min: 0,
      default: DEFAULT_TARGET_RECALL,
      help: `HNSW: at index time, choose efSearch as the smallest giving this fraction of identical top-10 sets (so recall@10 too) vs exact search, with margin (half the misses), on ${CALIBRATION_SAMPLE} seeded short spans of the corpus's texts embedded as queries`,
    },
  ],
  buildKeys: ['m', 'efConstruction', 'targetRecall'],
  libraries: ['hnswlib-node'],
  async build(ctx) {
    const { dir, params } = ctx;
    const target = params.targetRecall as number | undefined;
    // a target of 0 would calibrate to the smallest efSearch and print a low-recall run as the default
    if (target !== undefined && !(target > 0 && target <= 1)) throw new MedirError('BAD_OPTION', `--target-recall: expected a fraction in (0, 1], got ${target}`);
    // The matrix in the exact store's memory: the sample is timed there as --vector-store exact would search it.
    const exact = openExactStore(dir);
    const { matrix } = exact;
    const { HierarchicalNSW } = await loadHnswlib();
    const index = new HierarchicalNSW('ip', matrix.dim);
    index.initIndex({ maxElements: Math.max(matrix.count, 1), m: Number(params.m), efConstruction: Number(params.efConstruction), randomSeed: RANDOM_SEED });
    for (let row = 0; row < matrix.count; row++) {
      index.addPoint(Array.from(matrix.data.subarray(row * matrix.dim, (row + 1) * matrix.dim)), row);
    }
    index.writeIndexSync(join(dir, INDEX_FILE));
    if (target === undefined) return { hnswFile: INDEX_FILE };
    return { hnswFile: INDEX_FILE, calibration: await calibrateGraph(ctx, exact, index, target) };
  },
  async open(dir, params) {
    const file = join(dir, CALIBRATION_FILE);
    const calibration = readJsonFile<Calibration>(file, 'INDEX', `delete ${dir} and index again`);
    // Where HNSW was not faster than exact search on the calibration sample, search exactly, unless --ef-search asks for HNSW.
    if (calibration?.choice?.search === 'exact' && params.efSearch === undefined) {
      return openExactStore(dir, { search: 'exact', searchReason: calibration.choice.reason, calibration: calibrationSummary(calibration) });
    }
    const { count, dim } = readMatrixMeta(dir);
    const { HierarchicalNSW } = await loadHnswlib();
    const index = new HierarchicalNSW('ip', dim);
    try {
      index.readIndexSync(join(dir, INDEX_FILE));
    } catch (err) {
      throw new MedirError('INDEX', `${join(dir, INDEX_FILE)}: cannot read the HNSW index (${(err as Error).message})`, `delete ${dir} and index again`);
    }
    // An explicit --ef-search wins over the calibrated value (it is a search-time setting).
    const efSearch = params.efSearch ?? calibration?.efSearch;
    if (efSearch === undefined) throw new MedirError('BAD_OPTION', `${dir}: this HNSW index was built without --target-recall: give --ef-search`);
    return new HnswStore(index, readIds(dir, count), dim, Number(efSearch), calibration);
  },
});
