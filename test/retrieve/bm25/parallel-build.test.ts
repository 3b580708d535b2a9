import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analyze/registry.js';
import type { Bm25Settings, IndexableDoc } from '../../../src/retrieve/bm25/engine.js';
import { buildFastIndex, type BuildOptions } from '../../../src/retrieve/bm25/parallel-build.js';
import { indexFiles, stream } from './index-files.js';

/** Seeded Zipf-like pre-analyzed documents, every fifth a copy of an earlier one (tied scores), some empty. */
function zipfDocs(count: number): IndexableDoc[] {
  let seed = 20;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const docs: IndexableDoc[] = [];
  for (let i = 0; i < count; i++) {
    const terms = i % 5 === 4 ? docs[Math.floor(rand() * i)].terms! : Array.from({ length: Math.floor(rand() * 40) }, () => `t${Math.floor(1 / (rand() + 1e-4))}`);
    docs.push({ id: `z${i}`, text: '', terms });
  }
  return docs;
}

describe('the threaded BM25 build', () => {
  it.each(['lucene', 'bm25l'] as const)('writes the same index files with 1, 2 and 3 threads: pre-analyzed Zipf documents with ties and texts mixed in (%s)', async (variant) => {
    // every seventh document is text, with a term of its own: each batch mixes them, and first-seen order must hold
    const docs = zipfDocs(3000).map((d, i) => (i % 7 === 3 ? { id: d.id, text: `Statins lowered the cholesterol n${i} t1` } : d));
    const one = await indexFiles(docs, 1, variant);
    expect(one.has('absent_scores.f32')).toBe(variant === 'bm25l');
    for (const threads of [2, 3]) expect(await indexFiles(docs, threads, variant)).toEqual(one);
  }, 120_000);

  it('counts on this thread every batch whose terms have no UTF-8 of their own, and profiles each thread', async () => {
    const settings: Bm25Settings = { variant: 'lucene', params: { k1: 1.5, b: 0.75, delta: 0.5 }, analyzer: createAnalyzer('en'), language: 'en', threads: 2 };
    const docs = zipfDocs(640);
    // a lone surrogate in every batch of 64: no batch can go to the worker
    for (let i = 0; i < docs.length; i += 64) docs[i + 5] = { id: `lone${i}`, text: '', terms: ['x', '\uD800'] };
    const report: NonNullable<BuildOptions['report']> = { seconds: {} };
    await buildFastIndex(stream(docs), settings, { minDocs: 0, batch: 64, report });
    expect(report.batches).toEqual([10, 0]);
    expect(report.threads!.map((t) => [t.batches, t.tokens])).toEqual([
      [10, docs.reduce((n, d) => n + d.terms!.length, 0)],
      [0, 0],
    ]);
    // and the other way round: every batch the worker can take, the profile adds up
    const plain = zipfDocs(640);
    await buildFastIndex(stream(plain), settings, { minDocs: 0, batch: 64, report });
    const [me, worker] = report.threads!;
    expect([me.batches, worker.batches]).toEqual(report.batches);
    expect(me.tokens + worker.tokens).toBe(plain.reduce((n, d) => n + d.terms!.length, 0));
    expect(me.sentTokens).toBe(worker.tokens);
    for (const t of report.threads!) for (const seconds of Object.values(t.seconds)) expect(seconds).toBeGreaterThanOrEqual(0);
  });

  it('builds an empty corpus and one of empty documents as one thread does', async () => {
    expect(await indexFiles([], 2)).toEqual(await indexFiles([], 1));
    const empty = [{ id: 'a', text: '' }, { id: 'b', text: 'the of' }];
    expect(await indexFiles(empty, 2)).toEqual(await indexFiles(empty, 1));
  });

  it('builds terms of any characters as one thread does: NUL, non-ASCII, and lone surrogates (whose batches this thread counts)', async () => {
    const docs = zipfDocs(700);
    docs[7] = { id: 'odd', text: '', terms: ['ok', 'a\u0000b', 'niños', '北京', '😀'] };
    // two strings a worker's UTF-8 would confuse (both U+FFFD), in one batch
    docs[300] = { id: 'lone', text: '', terms: ['\uD800', '\uDC00', '\uFFFD', 'ok'] };
    expect(await indexFiles(docs, 2)).toEqual(await indexFiles(docs, 1));
  });
});
