import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Run, ScoredDoc } from '../../src/core/types.js';
import { loadDataset, type Dataset } from '../../src/data/datasets.js';
import { loadEmbedder } from '../../src/embed/embedder.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { retrieverContext } from '../../src/pipeline/retrievers.js';
import { readMatrix } from '../../src/vectors/matrix.js';

// Parity of the three stores on real data: NFCorpus test queries, glove-sg100-en-static.
const FETCH = 20;
const stores = ['exact', 'hnsw', 'lancedb'] as const;
const runs = new Map<string, Run>();
let dataset: Dataset;
/** Reference cosine of (query, document), computed here from the stored matrix. */
let truth: (qid: string, docId: string) => number;

const root = mkdtempSync(join(tmpdir(), 'medir-parity-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  process.env.MEDIR_QUIET = '1';
  const loc = { ...resolveLocations(), indexes: join(root, 'indexes'), cache: join(root, 'cache') };
  dataset = await loadDataset('nfcorpus', {}, loc);
  let indexDir = '';
  for (const store of stores) {
    // efSearch 1000: on these tightly packed GloVe vectors the default 200 gives recall@10 0.9935 but
    // only ~95% of queries with an identical top-10 (measured); parity asks for 99%.
    const { def, ctx } = retrieverContext('dense', dataset, loc, { vectorStore: store, efSearch: 1000 });
    const retriever = await def.open(ctx, await def.index(ctx));
    runs.set(store, await retriever.retrieve(dataset.queries.queries, FETCH));
    if (store === 'exact') indexDir = String(retriever.config.index);
  }
  const matrix = readMatrix(indexDir);
  const row = new Map(matrix.ids.map((id, i) => [id, i]));
  const embedder = await loadEmbedder('glove-sg100-en-static', loc);
  const vectors = await embedder.embedQueries(dataset.queries.queries.map((q) => q.text));
  const byQuery = new Map(dataset.queries.queries.map((q, i) => [q.id, vectors[i]]));
  truth = (qid, docId) => {
    const q = byQuery.get(qid)!;
    const offset = row.get(docId)! * matrix.dim;
    let s = 0;
    for (let d = 0; d < matrix.dim; d++) s += matrix.data[offset + d] * q[d];
    return s;
  };
}, 600_000);

/**
 * Top-10 ids in canonical order: reference score descending, ties by docid descending. Scores equal
 * to 1e-6 are ties: GloVe gives the same direction to texts that differ only in unknown words.
 */
function top10(qid: string, docs: readonly ScoredDoc[]): string[] {
  return docs
    .map((d) => ({ id: d.docId, s: Math.round(truth(qid, d.docId) * 1e6) }))
    .sort((a, b) => b.s - a.s || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, 10)
    .map((d) => d.id);
}

/**
 * Queries whose canonical top-10 is decided by what was fetched: the 10th score beats the last
 * fetched one. Not so for a query with no known word (zero vector): every document ties at 0.
 */
let comparable: Dataset['queries']['queries'][number][] = [];

describe('exact, HNSW and LanceDB-flat on NFCorpus (glove)', () => {
  beforeAll(() => {
    const exact = runs.get('exact')!;
    comparable = dataset.queries.queries.filter((q) => {
      const docs = exact.get(q.id)!;
      return Math.round(docs[9].score * 1e6) > Math.round(docs[docs.length - 1].score * 1e6);
    });
    // Only the few queries without a single known word are left out.
    expect(comparable.length).toBeGreaterThan(0.97 * dataset.queries.queries.length);
  });

  it('exact scores are the reference cosines and reach the reference nDCG@10 (0.098 ± 0.005)', () => {
    const exact = runs.get('exact')!;
    for (const [qid, docs] of exact) for (const d of docs) expect(Math.abs(d.score - truth(qid, d.docId))).toBeLessThan(1e-6);
    const ndcg = evaluate(dataset.qrels, exact, 'ndcg_cut_10').mean.get('ndcg_cut_10')!;
    expect(Math.abs(ndcg - 0.098)).toBeLessThan(0.005);
  });

  it('LanceDB-flat returns the same top-10 ids for every query, scores within 1e-5', () => {
    const exact = runs.get('exact')!;
    const lance = runs.get('lancedb')!;
    for (const q of dataset.queries.queries) {
      for (const d of lance.get(q.id)!) expect(Math.abs(d.score - truth(q.id, d.docId))).toBeLessThan(1e-5);
    }
    for (const q of comparable) expect(top10(q.id, lance.get(q.id)!)).toEqual(top10(q.id, exact.get(q.id)!));
  });

  it('HNSW returns the same top-10 for at least 99% of queries', () => {
    const exact = runs.get('exact')!;
    const hnsw = runs.get('hnsw')!;
    const same = comparable.filter((q) => top10(q.id, hnsw.get(q.id)!).join() === top10(q.id, exact.get(q.id)!).join()).length;
    expect(same / comparable.length).toBeGreaterThanOrEqual(0.99);
  });

  it('the three nDCG@10 differ by less than 0.002', () => {
    const ndcg = stores.map((s) => evaluate(dataset.qrels, runs.get(s)!, 'ndcg_cut_10').mean.get('ndcg_cut_10')!);
    expect(Math.max(...ndcg) - Math.min(...ndcg)).toBeLessThan(0.002);
  });
});
