/** The corpora of bench/bm25 (run.ts, build-threads.ts): real ones written as JSONL, Zipf ones as int32 files, under the OS temp folder. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentText } from '../../src/core/types.js';
import { loadDataset } from '../../src/data/datasets.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { zipfCorpus } from './zipf.js';

export const work = join(tmpdir(), 'medir-bench-bm25');
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
