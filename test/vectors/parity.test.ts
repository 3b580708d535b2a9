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
import { tieAgreement } from '../../src/vectors/agreement.js';
import { readMatrix, type VectorMatrix } from '../../src/vectors/matrix.js';

// Parity of the stores on real data with glove-sg100-en-static: exact, HNSW (its DEFAULT parameters)
// and LanceDB-flat on NFCorpus's test queries; exact and HNSW on SciFact's. The default HNSW index
// searches exactly where its graph was not faster on the calibration sample (hnsw.ts), so the graph
// itself is also searched at the calibrated efSearch ('hnsw-graph') and held to the same promise.
const FETCH = 20;
const root = mkdtempSync(join(tmpdir(), 'medir-parity-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const loc = () => ({ ...resolveLocations(), indexes: join(root, 'indexes'), cache: join(root, 'cache') });

interface Fixture {
  dataset: Dataset;
  runs: Map<string, Run>;
  /** The efSearch the default HNSW build calibrated and what the index searches with (the run's retriever config). */
  efSearch: unknown;
  search: unknown;
  matrix: VectorMatrix;
  queries: Float32Array[];
}

async function fixture(name: string, stores: readonly string[]): Promise<Fixture> {
  process.env.MEDIR_QUIET = '1';
  const dataset = await loadDataset(name, {}, loc());
  const runs = new Map<string, Run>();
  let indexDir = '';
  let efSearch: unknown;
  let search: unknown;
  for (const store of stores) {
    const { def, ctx } = retrieverContext('dense', dataset, loc(), { vectorStore: store });
    const index = await def.index(ctx);
    const retriever = await def.open(ctx, index);
    runs.set(store, await retriever.retrieve(dataset.queries.queries, FETCH));
    if (store === 'exact') indexDir = String(retriever.config.index);
    if (store !== 'hnsw') continue;
    ({ search } = retriever.config);
    efSearch = (retriever.config.calibration as { efSearch: number }).efSearch;
    const graph = retrieverContext('dense', dataset, loc(), { vectorStore: store, efSearch });
    runs.set('hnsw-graph', await (await graph.def.open(graph.ctx, index)).retrieve(dataset.queries.queries, FETCH));
  }
  const embedder = await loadEmbedder('glove-sg100-en-static', loc());
  const queries = await embedder.embedQueries(dataset.queries.queries.map((q) => q.text));
  return { dataset, runs, efSearch, search, matrix: readMatrix(indexDir), queries };
}

/** Reference cosine of (query, document), computed here from the stored matrix. */
function truthOf(f: Fixture): (qid: string, docId: string) => number {
  const row = new Map(f.matrix.ids.map((id, i) => [id, i]));
  const byQuery = new Map(f.dataset.queries.queries.map((q, i) => [q.id, f.queries[i]]));
  return (qid, docId) => {
    const q = byQuery.get(qid)!;
    const offset = row.get(docId)! * f.matrix.dim;
    let s = 0;
    for (let d = 0; d < f.matrix.dim; d++) s += f.matrix.data[offset + d] * q[d];
    return s;
  };
}

/**
 * HNSW against exact at k = 10: queries whose exact scores are all 0 (no known GloVe word) left
 * out, a document tying the exact 10th score counted as a hit.
 */
function hnswAgreement(f: Fixture, store: 'hnsw' | 'hnsw-graph') {
  const row = new Map(f.matrix.ids.map((id, i) => [id, i]));
  const rows = (store: string) => f.dataset.queries.queries.map((q) => f.runs.get(store)!.get(q.id)!.slice(0, 10).map((d) => row.get(d.docId)!));
  const exact = f.dataset.queries.queries.map((q) => f.runs.get('exact')!.get(q.id)!.slice(0, 10).map((d) => ({ row: row.get(d.docId)!, score: d.score })));
  const a = tieAgreement(f.matrix, f.queries, exact, rows(store));
  const what = store === 'hnsw' ? `HNSW default (searching: ${f.search})` : `HNSW graph at the calibrated efSearch ${f.efSearch}`;
  console.log(`${f.dataset.name}: ${what} recall@10 ${a.recall.toFixed(4)}, identical top-10 ${a.identical.toFixed(4)} (${a.leftOut} of ${f.queries.length} queries left out: no known word)`);
  return a;
}

describe('exact, HNSW and LanceDB-flat on NFCorpus (glove)', () => {
  let f: Fixture;
  let truth: (qid: string, docId: string) => number;
  /**
   * Top-10 ids in canonical order: reference score descending, ties by docid descending. Scores equal
   * to 1e-6 are ties: GloVe gives the same direction to texts that differ only in unknown words.
   */
  const top10 = (qid: string, docs: readonly ScoredDoc[]) =>
    docs
      .map((d) => ({ id: d.docId, s: Math.round(truth(qid, d.docId) * 1e6) }))
      .sort((a, b) => b.s - a.s || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .slice(0, 10)
      .map((d) => d.id);
  /** Queries whose canonical top-10 is decided by what was fetched: the 10th score beats the last fetched one. */
  let comparable: Dataset['queries']['queries'][number][] = [];

  beforeAll(async () => {
    f = await fixture('nfcorpus', ['exact', 'hnsw', 'lancedb']);
    truth = truthOf(f);
    const exact = f.runs.get('exact')!;
    comparable = f.dataset.queries.queries.filter((q) => {
      const docs = exact.get(q.id)!;
      return Math.round(docs[9].score * 1e6) > Math.round(docs[docs.length - 1].score * 1e6);
    });
    // Only the few queries without a single known word are left out.
    expect(comparable.length).toBeGreaterThan(0.97 * f.dataset.queries.queries.length);
  }, 600_000);

  it('exact scores are the reference cosines and reach the reference nDCG@10 (0.098 ± 0.005)', () => {
    const exact = f.runs.get('exact')!;
    for (const [qid, docs] of exact) for (const d of docs) expect(Math.abs(d.score - truth(qid, d.docId))).toBeLessThan(1e-6);
    const ndcg = evaluate(f.dataset.qrels, exact, 'ndcg_cut_10').mean.get('ndcg_cut_10')!;
    expect(Math.abs(ndcg - 0.098)).toBeLessThan(0.005);
  });

  it('LanceDB-flat returns the same top-10 ids for every query, scores within 1e-5', () => {
    const exact = f.runs.get('exact')!;
    const lance = f.runs.get('lancedb')!;
    for (const q of f.dataset.queries.queries) {
      for (const d of lance.get(q.id)!) expect(Math.abs(d.score - truth(q.id, d.docId))).toBeLessThan(1e-5);
    }
    for (const q of comparable) expect(top10(q.id, lance.get(q.id)!)).toEqual(top10(q.id, exact.get(q.id)!));
  });

  it.each(['hnsw', 'hnsw-graph'] as const)('%s: recall@10 ≥ 0.99 and ≥ 99% identical top-10 sets', (store) => {
    const a = hnswAgreement(f, store);
    expect(a.leftOut).toBeLessThanOrEqual(0.03 * f.queries.length);
    expect(a.recall).toBeGreaterThanOrEqual(0.99);
    expect(a.identical).toBeGreaterThanOrEqual(0.99);
  });

  it('the nDCG@10 of the stores differ by less than 0.002', () => {
    const ndcg = [...f.runs.values()].map((run) => evaluate(f.dataset.qrels, run, 'ndcg_cut_10').mean.get('ndcg_cut_10')!);
    expect(Math.max(...ndcg) - Math.min(...ndcg)).toBeLessThan(0.002);
  });
});

describe('exact and HNSW on SciFact (glove)', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture('scifact', ['exact', 'hnsw']);
  }, 600_000);

  it.each(['hnsw', 'hnsw-graph'] as const)('%s: recall@10 ≥ 0.99 and ≥ 99% identical top-10 sets', (store) => {
    const a = hnswAgreement(f, store);
    expect(a.evaluated).toBeGreaterThan(0.97 * f.queries.length);
    expect(a.recall).toBeGreaterThanOrEqual(0.99);
    expect(a.identical).toBeGreaterThanOrEqual(0.99);
  });
});
