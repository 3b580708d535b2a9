import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analyze/registry.js';
import type { Bm25Settings, IndexableDoc } from '../../../src/retrieve/bm25/engine.js';
import type { DocumentTerms, Run } from '../../../src/retrieve/bm25/fast-index.js';
import { buildFastIndex, profileClock, runCuts, type BuildOptions } from '../../../src/retrieve/bm25/parallel-build.js';
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

const settingsOf = (threads: number): Bm25Settings => ({ variant: 'lucene', params: { k1: 1.5, b: 0.75, delta: 0.5 }, analyzer: createAnalyzer('en'), language: 'en', threads });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** `docs` with a pause before each. */
async function* slowly<T>(docs: T[], ms: number): AsyncGenerator<T> {
  for (const doc of docs) {
    await sleep(ms);
    yield doc;
  }
}
type Report = NonNullable<BuildOptions['report']>;
const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

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

  it("fails with a worker's error: here a language the worker threads cannot load", async () => {
    const settings = { ...settingsOf(2), language: 'xx' }; // this thread's analyzer is English
    await expect(buildFastIndex(stream(zipfDocs(100)), settings, { minDocs: 0, batch: 10 })).rejects.toThrow("unknown language 'xx'");
  }, 20_000);

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

describe('when the build uses threads, and its profile', () => {
  it('builds on this thread alone below minDocs (100 000 unless given) or with one thread, and reports its phases in seconds', async () => {
    const docs = zipfDocs(50);
    const tokens = sum(docs.map((d) => d.terms!.length));
    for (const [threads, minDocs] of [[2, undefined], [2, 51], [1, 0]]) {
      const report: Report = { seconds: {} };
      const started = performance.now();
      await buildFastIndex(stream(docs), settingsOf(threads!), { minDocs, batch: 8, report });
      const elapsed = (performance.now() - started) / 1000;
      expect(report.batches).toBeUndefined();
      expect(Object.keys(report.seconds)).toEqual(['count', 'score']);
      expect(report.threads!.map((t) => ({ batches: t.batches, tokens: t.tokens, phases: Object.keys(t.seconds) }))).toEqual([{ batches: 0, tokens, phases: ['count', 'write'] }]);
      for (const seconds of [report.seconds, report.threads![0].seconds]) {
        for (const s of Object.values(seconds)) expect(s).toBeGreaterThanOrEqual(0);
        expect(sum(Object.values(seconds))).toBeLessThanOrEqual(elapsed);
      }
    }
    // from minDocs documents on, threads count them
    const report: Report = { seconds: {} };
    await buildFastIndex(stream(docs), settingsOf(2), { minDocs: 50, batch: 8, report });
    expect(sum(report.batches!)).toBe(7);
  });

  it('keeps handing batches to a worker that keeps up, beyond the batches it may hold queued (4)', async () => {
    // pauses between batches far longer than a worker takes to count one: once it has started, it gets
    // each batch; a start slower than the first try's 1.5 s gets a second, longer try
    const batches: number[][] = [];
    for (const pause of [50, 250]) {
      const report: Report = { seconds: {} };
      await buildFastIndex(slowly(zipfDocs(30), pause), settingsOf(2), { minDocs: 0, batch: 1, report });
      batches.push(report.batches!);
      if (report.batches![1] > 5) break;
    }
    expect(batches.at(-1)![1]).toBeGreaterThan(5);
  }, 30_000);

  it('profiles in wall seconds, or in CPU seconds when asked (which pauses of the input do not advance)', async () => {
    const docs = zipfDocs(5);
    for (const cpuClock of [undefined, true]) {
      const one: Report = { seconds: {}, cpuClock };
      await buildFastIndex(slowly(docs, 40), settingsOf(1), { report: one });
      // threaded: this thread's input time holds the pauses
      const two: Report = { seconds: {}, cpuClock };
      await buildFastIndex(slowly(docs, 40), settingsOf(2), { minDocs: 0, batch: 1, report: two });
      for (const seconds of [one.threads![0].seconds.count, two.threads![0].seconds.input]) {
        if (cpuClock) expect(seconds).toBeLessThan(0.1);
        else expect(seconds).toBeGreaterThanOrEqual(0.19);
      }
    }
    // and without a report at all
    expect((await buildFastIndex(stream(docs), settingsOf(2), { minDocs: 0, batch: 1 })).data.docIds).toEqual(docs.map((d) => d.id));
  });

  it('reports each phase and each thread of a build on three threads, every figure within the time it took', async () => {
    const docs = zipfDocs(1500);
    const report: Report = { seconds: {} };
    const started = performance.now();
    await buildFastIndex(stream(docs), settingsOf(3), { minDocs: 0, batch: 16, report });
    const elapsed = (performance.now() - started) / 1000;
    expect(Object.keys(report.seconds)).toEqual(['count', 'collect', 'merge', 'score', 'load']);
    expect(sum(Object.values(report.seconds))).toBeLessThanOrEqual(elapsed);
    const [me, ...workers] = report.threads!;
    expect(Object.keys(me.seconds)).toEqual(['input', 'count', 'send', 'wait', 'write']);
    expect(sum(Object.values(me.seconds))).toBeLessThanOrEqual(elapsed);
    for (const w of workers) {
      expect(Object.keys(w.seconds).sort()).toEqual(['count', 'idle', 'write']);
      // idle is the rest of the count phase's wall seconds: the same for each worker
      expect(w.seconds.idle + w.seconds.count).toBeCloseTo(workers[0].seconds.idle + workers[0].seconds.count, 9);
      expect(w.seconds.idle + w.seconds.count).toBeLessThanOrEqual(report.seconds.count);
    }
    for (const t of report.threads!) for (const s of Object.values(t.seconds)) expect(s).toBeGreaterThanOrEqual(0);
  });
});

describe('profileClock', () => {
  it('without cpu: wall seconds, which a pause advances', async () => {
    const clock = profileClock(false);
    const [t0, w0] = [clock(), performance.now()];
    await sleep(60);
    const [dt, wall] = [clock() - t0, (performance.now() - w0) / 1000];
    expect(dt).toBeGreaterThanOrEqual(0.055);
    expect(dt).toBeLessThanOrEqual(wall);
  });

  it("with cpu: this thread's CPU seconds, which work advances and a pause does not", async () => {
    const clock = profileClock(true);
    const t0 = clock();
    const w0 = performance.now();
    while (performance.now() - w0 < 80);
    const t1 = clock();
    const wall = (performance.now() - w0) / 1000;
    await sleep(100);
    const t2 = clock();
    expect(t1 - t0).toBeGreaterThan(0.01);
    expect(t1 - t0).toBeLessThanOrEqual(wall + 0.005);
    expect(t2 - t1).toBeLessThan(0.05);
  });
});

describe('runCuts', () => {
  /** A part whose documents hold these numbers of postings. */
  const part = (...postings: number[]): DocumentTerms => {
    let end = 0;
    return { docEnd: Int32Array.from(postings, (n) => (end += n)), docTerms: new Int32Array(end), docTfs: new Int32Array(end), lengths: new Int32Array(postings.length) };
  };

  it('cuts the runs into ranges of about equal postings', () => {
    // runs of 5, 1, 4 and 9 postings: ends 5, 6, 10, 19
    const parts = [part(2, 3, 0, 4), part(1, 3, 6)];
    const runs: Run[] = [
      [0, 0, 2],
      [1, 0, 1],
      [0, 2, 4],
      [1, 1, 3],
    ];
    expect(runCuts(parts, runs, 1)).toEqual([0, 4]);
    expect(runCuts(parts, runs, 2)).toEqual([0, 2, 4]); // 9.5 postings: after the run ending at 6
    expect(runCuts(parts, runs, 3)).toEqual([0, 2, 3, 4]); // 6.3 and 12.7
    // a first run heavier than half: the first range ends before it (later runs count only their own postings)
    expect(runCuts([part(10, 1, 1)], [[0, 0, 1], [0, 1, 2], [0, 2, 3]], 2)).toEqual([0, 0, 3]);
  });

  it('puts a run ending exactly at a cut before it, and every cut at the end when there are no postings', () => {
    // ends 5, 10, 20: half is 10
    expect(runCuts([part(5, 5, 10)], [[0, 0, 1], [0, 1, 2], [0, 2, 3]], 2)).toEqual([0, 2, 3]);
    expect(runCuts([part(0, 0)], [[0, 0, 1], [0, 1, 2]], 3)).toEqual([0, 2, 2, 2]);
  });
});
