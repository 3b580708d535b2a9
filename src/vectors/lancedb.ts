import { join } from 'node:path';
import type * as lancedb from '@lancedb/lancedb';
import { MedirError } from '../core/errors.js';
import type { ParamValues } from '../core/params.js';
import { readIds, readMatrix, readMatrixMeta } from './matrix.js';
import { checkQueryDims, defineVectorStore, runFromHits, type VectorStore } from './store.js';

const DB_DIR = 'lancedb';
const TABLE = 'documents';
/** Rows per `add` call while building: bounds the Arrow batches held at once. */
const ADD_ROWS = 4096;
/** Queries searched concurrently. */
const IN_FLIGHT = 16;

// No HNSW-SQ: with dot distance LanceDB 0.31 returned recall@10 0 on NFCorpus (cosine/l2: 0.81).
const ANN_INDEXES = ['none', 'ivf_pq', 'ivf_flat'] as const;
type AnnIndex = (typeof ANN_INDEXES)[number];

/** Loaded on first use: the native library costs about 0.2 s at start-up that other stores should not pay. */
const loadLancedb = () => import('@lancedb/lancedb');

function annIndex(lib: typeof lancedb, kind: Exclude<AnnIndex, 'none'>): lancedb.Index {
  const options = { distanceType: 'dot' as const };
  return kind === 'ivf_pq' ? lib.Index.ivfPq(options) : lib.Index.ivfFlat(options);
}

class LanceStore implements VectorStore {
  readonly name = 'lancedb';

  constructor(
    private readonly db: lancedb.Connection,
    private readonly table: lancedb.Table,
    private readonly ids: string[],
    readonly dim: number,
    private readonly params: ParamValues,
  ) {}

  get count(): number {
    return this.ids.length;
  }

  /**
   * One LanceDB search per query, IN_FLIGHT of them at a time: LanceDB plans and runs every query
   * on its own (≈ 2.5 CPU ms each on NFCorpus-sized tables, whether the vectors come one per call
   * or 64 per call through `addQueryVector`, which only lengthened the wall time), so the only gain
   * left is overlapping them on its thread pool (.dev measurement in bench/vector-search/README.md).
   */
  async search(queryIds: readonly string[], vectors: readonly Float32Array[], k: number) {
    checkQueryDims(this, vectors);
    const hits: { row: number; score: number }[][] = new Array(vectors.length);
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < vectors.length; i = next++) hits[i] = await this.searchOne(vectors[i], k);
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, vectors.length) }, lane));
    return runFromHits(queryIds, hits, this.ids);
  }

  private async searchOne(v: Float32Array, k: number): Promise<{ row: number; score: number }[]> {
    const { nprobes, refineFactor } = this.params;
    let query = this.table.vectorSearch(v).distanceType('dot').select(['row', '_distance']).limit(Math.max(1, Math.min(k, this.count)));
    if (nprobes !== undefined) query = query.nprobes(Number(nprobes));
    if (refineFactor !== undefined) query = query.refineFactor(Number(refineFactor));
    const rows = (await query.toArray()) as { row: number; _distance: number }[];
    // LanceDB's 'dot' distance is 1 − inner product.
    return rows.map((r) => ({ row: r.row, score: 1 - r._distance }));
  }

  async close(): Promise<void> {
    this.table.close();
    this.db.close();
  }
}

export default defineVectorStore({
  name: 'lancedb',
  description: 'embedded LanceDB table (row, id, title, text, vector) under the index folder; flat (exact) or with an ANN index',
  params: [
    { key: 'lancedbIndex', type: 'string', default: 'none', choices: ANN_INDEXES, help: 'LanceDB: ANN index to build (none = flat, exact search)' },
    { key: 'nprobes', type: 'integer', min: 1, help: 'LanceDB IVF: partitions searched per query (LanceDB default when unset)' },
    { key: 'refineFactor', type: 'integer', min: 1, help: 'LanceDB: re-rank refineFactor × k candidates with exact distances' },
  ],
  buildKeys: ['lancedbIndex'],
  libraries: ['@lancedb/lancedb'],
  async build({ dir, params, documents }) {
    const matrix = readMatrix(dir);
    const lib = await loadLancedb();
    const db = await lib.connect(join(dir, DB_DIR));
    let table: lancedb.Table | undefined;
    let rows: Record<string, unknown>[] = [];
    const flush = async () => {
      if (table) await table.add(rows);
      else table = await db.createTable(TABLE, rows);
      rows = [];
    };
    let row = 0;
    for await (const doc of documents()) {
      if (row >= matrix.count || doc.id !== matrix.ids[row]) {
        throw new MedirError('INDEX', `${dir}: the corpus no longer matches the matrix at row ${row} (document '${doc.id}')`, 'index again');
      }
      rows.push({ row, id: doc.id, title: doc.title, text: doc.text, vector: matrix.data.slice(row * matrix.dim, (row + 1) * matrix.dim) });
      row++;
      if (rows.length === ADD_ROWS) await flush();
    }
    if (rows.length || !table) await flush();
    const kind = params.lancedbIndex as AnnIndex;
    if (kind !== 'none') await table!.createIndex('vector', { config: annIndex(lib, kind) });
    table!.close();
    db.close();
    return { lancedbIndex: kind };
  },
  async open(dir, params) {
    const { count, dim } = readMatrixMeta(dir);
    try {
      const db = await (await loadLancedb()).connect(join(dir, DB_DIR));
      return new LanceStore(db, await db.openTable(TABLE), readIds(dir, count), dim, params);
    } catch (err) {
      throw new MedirError('INDEX', `${join(dir, DB_DIR)}: cannot open the LanceDB table (${(err as Error).message})`, `delete ${dir} and index again`);
    }
  },
});
