import { basename, join } from 'node:path';
import type * as lancedb from '@lancedb/lancedb';
import { MedirError } from '../core/errors.js';
import type { ParamValues } from '../core/params.js';
import { writeFileAtomic } from '../io/atomic.js';
import { readJsonFile } from '../io/json-file.js';
import { lancedbStorageOptions } from '../storage/lancedb-options.js';
import { isObjectUri } from '../storage/uri.js';
import { readIds, readMatrix, readMatrixMeta } from './matrix.js';
import { checkQueryDims, defineVectorStore, runFromHits, type VectorStore } from './store.js';

const DB_DIR = 'lancedb';
const TABLE = 'documents';
/** In the index folder when the table lives at a URI (`--lancedb-uri`): `{ uri, table }`. */
const REMOTE = 'lancedb.json';
/** Rows per `add` call while building: bounds the Arrow batches held at once. */
const ADD_ROWS = 4096;
/** Queries searched concurrently. */
const IN_FLIGHT = 16;

// No HNSW-SQ: with dot distance LanceDB 0.31 returned recall@10 0 on NFCorpus (cosine/l2: 0.81).
const ANN_INDEXES = ['none', 'ivf_pq', 'ivf_flat'] as const;
type AnnIndex = (typeof ANN_INDEXES)[number];

/** Loaded on first use: the native library costs about 0.2 s at start-up that other stores should not pay. */
const loadLancedb = () => import('@lancedb/lancedb');

/** Where an index's table is: in the index folder, or at a database URI (`s3://bucket/prefix`, gs://, az://, or another folder). */
interface TableAt {
  uri: string;
  table: string;
}

/**
 * A table at a URI gets a name of its own per build (from the build's temp folder name, unique per
 * process and time): a rebuild never overwrites a table another process may be reading, and the
 * index folder's `lancedb.json` says which table is this index's.
 */
function tableFor(dir: string, uri: unknown): TableAt {
  if (uri === undefined || uri === '') return { uri: join(dir, DB_DIR), table: TABLE };
  return { uri: String(uri), table: basename(dir).replace('.tmp-', '-').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') };
}

function tableOf(dir: string): TableAt {
  const file = join(dir, REMOTE);
  return readJsonFile<TableAt>(file, 'INDEX', `delete ${dir} and index again`) ?? { uri: join(dir, DB_DIR), table: TABLE };
}

/** LanceDB at `at.uri`; its failures (no bucket, no credentials, no endpoint) as errors naming the table's URI. */
async function withDatabase<T>(at: TableAt, what: string, hint: string, use: (db: lancedb.Connection, lib: typeof lancedb) => Promise<T>): Promise<T> {
  const lib = await loadLancedb();
  try {
    return await use(await lib.connect(at.uri, { storageOptions: lancedbStorageOptions(at.uri) }), lib);
  } catch (err) {
    if (err instanceof MedirError) throw err;
    throw new MedirError(isObjectUri(at.uri) ? 'STORAGE' : 'INDEX', `${at.uri}/${at.table}: ${what} (${(err as Error).message.split('\n')[0]})`, hint);
  }
}

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
  description: 'embedded LanceDB table (row, id, title, text, vector) under the index folder or at --lancedb-uri (s3://…); flat (exact) or with an ANN index',
  params: [
    { key: 'lancedbIndex', type: 'string', default: 'none', choices: ANN_INDEXES, help: 'LanceDB: ANN index to build (none = flat, exact search)' },
    { key: 'nprobes', type: 'integer', min: 1, help: 'LanceDB IVF: partitions searched per query (LanceDB default when unset)' },
    { key: 'refineFactor', type: 'integer', min: 1, help: 'LanceDB: re-rank refineFactor × k candidates with exact distances' },
    { key: 'lancedbUri', type: 'string', help: 'LanceDB: database for the table, e.g. s3://bucket/prefix (gs://, az:// passed to LanceDB, untested) or a folder; default: in the index folder' },
  ],
  buildKeys: ['lancedbIndex', 'lancedbUri'],
  libraries: ['@lancedb/lancedb'],
  /**
   * One writer per table: this build (or the merge of shards, which calls it once) adds batches one
   * after another, each commit awaited before the next, and shard jobs never touch the table. S3
   * itself (and s3rver) would not arbitrate concurrent commits without conditional PUTs.
   */
  async build({ dir, params, documents }) {
    const matrix = readMatrix(dir);
    const at = tableFor(dir, params.lancedbUri);
    await withDatabase(at, 'cannot write the LanceDB table', 'check the URI, the bucket and the credentials (README: Object storage)', async (db, lib) => {
      let table: lancedb.Table | undefined;
      let rows: Record<string, unknown>[] = [];
      const flush = async () => {
        if (table) await table.add(rows);
        else table = await db.createTable(at.table, rows);
        rows = [];
      };
      try {
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
      } finally {
        table?.close();
        db.close();
      }
    });
    if (at.uri !== join(dir, DB_DIR)) writeFileAtomic(join(dir, REMOTE), JSON.stringify(at, null, 2) + '\n');
    return { lancedbIndex: params.lancedbIndex as AnnIndex, ...(at.uri === join(dir, DB_DIR) ? {} : { table: `${at.uri}/${at.table}` }) };
  },
  async open(dir, params) {
    const { count, dim } = readMatrixMeta(dir);
    const at = tableOf(dir);
    return withDatabase(at, 'cannot open the LanceDB table', `delete ${dir} and index again`, async (db) => new LanceStore(db, await db.openTable(at.table), readIds(dir, count), dim, params));
  },
});
