/** The corpora of bench/bm25 (run.ts, build-threads.ts): real ones written as JSONL, Zipf ones as int32 files, under the OS temp folder. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnalyzer } from '../../src/analyze/registry.js';
import { documentText } from '../../src/core/types.js';
import { loadDataset } from '../../src/data/datasets.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { FastIndex, FastIndexBuilder } from '../../src/retrieve/bm25/fast-index.js';
import { readInt32, zipfCorpus, zipfDocuments } from './zipf.js';

export const work = join(tmpdir(), 'medir-bench-bm25');
/** Every bench of bm25s's settings: Lucene BM25, k1 1.5, b 0.75 (δ unused by Lucene). */
export const PARAMS = { k1: 1.5, b: 0.75, delta: 0.5 };
mkdirSync(work, { recursive: true });

export interface CorpusPlan {
  name: string;
  spec: Record<string, unknown>;
  /** wink is far too slow beyond 50k documents; on Zipf it answers a sample of queries. */
  wink?: { maxQueries?: number };
  qrels?: Awaited<ReturnType<typeof loadDataset>>['qrels'];
}

export async function textPlan(name: string): Promise<CorpusPlan> {
  const dataset = await loadDataset(name, { split: 'test' }, resolveLocations());
  const docs: string[] = [];
  for await (const d of dataset.corpus.docs()) docs.push(JSON.stringify({ id: d.id, text: documentText(d) }));
  const files = { docs: join(work, `${name}.docs.jsonl`), queries: join(work, `${name}.queries.jsonl`) };
  writeFileSync(files.docs, docs.join('\n') + '\n');
  writeFileSync(files.queries, dataset.queries.queries.map((q) => JSON.stringify({ id: q.id, text: q.text })).join('\n') + '\n');
  return { name, spec: { kind: 'text', ...files }, wink: {}, qrels: dataset.qrels };
}

export function zipfPlan(documents: number): CorpusPlan {
  const files = zipfCorpus(join(work, 'zipf'), documents);
  return {
    name: files.name,
    // 500k: every system times the first 200 queries, or the bench would not fit in 10 minutes
    spec: { kind: 'zipf', ...files, vocab: 200_000, ...(documents > 50_000 ? { maxQueries: 200 } : {}) },
    wink: documents <= 50_000 ? { maxQueries: 20 } : undefined,
  };
}

/** The index and its queries as term ids, for a real corpus (English analyzer) or a Zipf one (term lists). */
export async function searchCorpus(name: string): Promise<{ index: FastIndex; queries: Int32Array[] }> {
  const builder = new FastIndexBuilder();
  if (name.startsWith('zipf-')) {
    const files = zipfCorpus(join(work, 'zipf'), Number(name.slice(5, -1)) * 1000);
    for (const d of zipfDocuments(files.tokens, files.offsets)) builder.addDocument(d.id, d.terms);
    const index = builder.finish('lucene', PARAMS);
    const tokens = readInt32(files.queryTokens);
    const offsets = readInt32(files.queryOffsets);
    const queries = Array.from({ length: offsets.length - 1 }, (_, i) => index.termIds(Array.from(tokens.subarray(offsets[i], offsets[i + 1]), (t) => `t${t}`)));
    return { index, queries };
  }
  const analyzer = createAnalyzer('en');
  const dataset = await loadDataset(name, { split: 'test' }, resolveLocations());
  for await (const d of dataset.corpus.docs()) builder.addDocument(d.id, analyzer.analyze(documentText(d)));
  const index = builder.finish('lucene', PARAMS);
  return { index, queries: dataset.queries.queries.map((q) => index.termIds(analyzer.analyze(q.text))) };
}
