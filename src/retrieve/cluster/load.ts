import { MedirError } from '../../core/errors.js';
import { Progress } from '../../core/progress.js';
import type { Corpus, Document } from '../../core/types.js';
import { INDEX_FORMAT_VERSION, type IndexResult } from '../../index/manifest.js';
import { MEDIR_VERSION } from '../../provenance/provenance.js';
import { malformed } from './errors.js';
import type { LoadMeta } from './describe.js';
import type { Cluster } from './transport.js';

/** How a corpus is loaded: BEIR's setting by default (English analyzer, BM25 with Lucene's k1/b, one shard). */
export interface LoadSettings {
  analyzer: string;
  k1: number;
  b: number;
  shards: number;
  /** Documents per `_bulk` request. */
  batchSize: number;
  /** Delete an existing index of that name first (otherwise it is an error). */
  replace: boolean;
}

/** The keyword field holding each document's id (also its `_id`): `--id-field id` sorts ties by it. */
export const ID_FIELD = 'id';

/**
 * The new index: title and text as separate fields with the stated analyzer (BEIR's mapping), the
 * id as a keyword, BM25 with the stated k1/b as the index's default similarity (so _settings shows
 * it), the shard count, and in `_meta` which corpus was loaded (the retriever checks it).
 */
export function createIndexBody(s: LoadSettings, meta: LoadMeta): Record<string, unknown> {
  return {
    settings: { index: { number_of_shards: s.shards, similarity: { default: { type: 'BM25', k1: s.k1, b: s.b } } } },
    mappings: {
      _meta: { medir: meta },
      properties: {
        [ID_FIELD]: { type: 'keyword' },
        title: { type: 'text', analyzer: s.analyzer },
        text: { type: 'text', analyzer: s.analyzer },
      },
    },
  };
}

/** One document's two `_bulk` lines: the action (explicit `_id`, so a retried request cannot duplicate) and the source. */
export function bulkLines(index: string, doc: Document): Record<string, unknown>[] {
  return [{ index: { _index: index, _id: doc.id } }, { [ID_FIELD]: doc.id, title: doc.title, text: doc.text }];
}

function checkBulk(cluster: Cluster, answer: unknown, sent: number, what: string): void {
  const a = answer as { errors?: unknown; items?: unknown };
  if (typeof a?.errors !== 'boolean' || !Array.isArray(a.items) || a.items.length !== sent) throw malformed(cluster.endpoint, what, `expected errors and ${sent} items`);
  if (!a.errors) return;
  const failed = a.items.map((item) => (item as { index?: { _id?: string; status?: number; error?: { type?: string; reason?: string } } }).index).find((r) => r?.error);
  throw new MedirError('INDEX', `${cluster.endpoint.url} (index '${cluster.endpoint.index}'): ${what}: document '${failed?._id}' was refused (HTTP ${failed?.status}): ${failed?.error?.type}: ${failed?.error?.reason}`);
}

async function countDocs(corpus: Corpus): Promise<number> {
  let n = 0;
  for await (const _ of corpus.docs()) n++;
  return n;
}

/**
 * Creates the index (refusing to overwrite one unless `replace`), sends the corpus in `_bulk`
 * batches with progress, refreshes, and checks the cluster counts every document once.
 */
export async function loadCorpus(cluster: Cluster, corpus: Corpus, corpusSha256: string, s: LoadSettings, component: string): Promise<IndexResult> {
  const { endpoint } = cluster;
  const { index } = endpoint;
  const exists = await cluster.exists(`/${index}`, `checking whether the index exists (HEAD /${index})`);
  if (exists && !s.replace) throw new MedirError('INDEX', `${endpoint.url} (index '${index}'): the index already exists`, 'add --replace to delete and load it again, or choose another --index');
  if (exists) await cluster.request({ method: 'DELETE', path: `/${index}` }, `deleting the old index (DELETE /${index})`);

  const documents = await countDocs(corpus);
  if (documents === 0) throw new MedirError('BAD_INPUT', `${corpus.source}: the corpus has no documents`);
  const meta: LoadMeta = { corpus: corpus.source, corpusSha256, documents, medirVersion: MEDIR_VERSION };
  await cluster.request({ method: 'PUT', path: `/${index}`, body: createIndexBody(s, meta) }, `creating the index (PUT /${index})`);

  const progress = new Progress(`${component} load ${corpus.name}`, documents);
  const seen = new Set<string>();
  let batch: Record<string, unknown>[] = [];
  let sent = 0;
  const flush = async () => {
    const n = batch.length / 2;
    const what = `loading documents ${sent + 1}–${sent + n} (POST /_bulk)`;
    checkBulk(cluster, await cluster.request({ method: 'POST', path: '/_bulk', ndjson: batch }, what), n, what);
    sent += n;
    progress.tick(n);
    batch = [];
  };
  for await (const doc of corpus.docs()) {
    if (seen.has(doc.id)) throw new MedirError('BAD_INPUT', `${corpus.source}: duplicate document id '${doc.id}'`);
    seen.add(doc.id);
    batch.push(...bulkLines(index, doc));
    if (batch.length / 2 >= s.batchSize) await flush();
  }
  if (batch.length) await flush();
  progress.finish();

  await cluster.request({ method: 'POST', path: `/${index}/_refresh` }, `refreshing (POST /${index}/_refresh)`);
  const counted = (await cluster.request({ method: 'GET', path: `/${index}/_count` }, `counting documents (GET /${index}/_count)`)) as { count?: unknown };
  if (counted?.count !== documents) throw new MedirError('INDEX', `${endpoint.url} (index '${index}'): holds ${String(counted?.count)} documents after loading ${documents}`);

  const config = { analyzer: s.analyzer, k1: s.k1, b: s.b, shards: s.shards, fields: ['title', 'text'], idField: ID_FIELD };
  return {
    dir: `${endpoint.url}/${index}`,
    reused: false,
    reason: exists ? 'replaced the existing index' : 'new index',
    manifest: {
      formatVersion: INDEX_FORMAT_VERSION,
      component,
      config,
      corpus: { source: corpus.source, sha256: corpusSha256, documents },
      libraries: {},
      medirVersion: MEDIR_VERSION,
      createdAt: new Date().toISOString(),
      stats: { documents },
    },
  };
}
