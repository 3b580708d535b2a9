import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveLocations } from '../../src/mirror/locations.js';
import { medir, medirInProcess } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { startFakeOpenAI } from '../generate/fake-openai.js';

/** qid → docids in file order (a TREC run's rank order). */
function rankings(file: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of readFileSync(file, 'utf8').trim().split('\n')) {
    const [qid, , docId] = line.split(' ');
    out.set(qid, [...(out.get(qid) ?? []), docId]);
  }
  return out;
}

const nfcorpusQueries = readFileSync(join(resolveLocations().mirrors[0], 'data', 'nfcorpus', 'queries.jsonl'), 'utf8').split('\n');

/** One BM25 index of NFCorpus for every test here (building it is most of a test's time). */
const indexes = mkdtempSync(join(tmpdir(), 'medir-rerank-indexes-'));
afterAll(() => rmSync(indexes, { recursive: true, force: true }));

// `medir run --rerank` end to end on real NFCorpus (3 of its queries) with the tiny cross-encoder.
describe('medir run --rerank', () => {
  const work = tempDir('medir-rerank-cli-');
  const env = { MEDIR_INDEXES: indexes, MEDIR_CACHE: join(work, 'cache') };
  /** Three NFCorpus test queries, written afresh for each test (the temp folder is emptied after each). */
  const threeQueries = () => {
    mkdirSync(work, { recursive: true });
    const file = join(work, 'queries.jsonl');
    writeFileSync(file, nfcorpusQueries.filter((l) => /"_id": "PLAIN-(2|12|23)"/.test(l)).join('\n') + '\n');
    return file;
  };

  it('reranks the top 10 with tiny-random-bert-cross-encoder, keeps ranks 11–30 and writes a manifest naming both stages', () => {
    const out = join(work, 'nf.reranked.trec');
    const r = medir(['run', '--dataset', 'nfcorpus', '--queries', threeQueries(), '--retriever', 'bm25', '--top-k', '30', '--rerank', 'tiny-random-bert-cross-encoder', '--rerank-depth', '10', '--out', out], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/3 queries, top 10 reranked by cross-encoder \(30 pairs, \d+ cut at 128 tokens\)/);
    const first = rankings(join(work, 'nf.reranked.first-stage.trec'));
    const reranked = rankings(out);
    expect([...reranked.keys()].sort()).toEqual(['PLAIN-12', 'PLAIN-2', 'PLAIN-23']);
    let moved = 0;
    for (const [qid, docs] of first) {
      expect(docs).toHaveLength(30);
      const after = reranked.get(qid)!;
      expect(after.slice(10)).toEqual(docs.slice(10));
      expect([...after.slice(0, 10)].sort()).toEqual([...docs.slice(0, 10)].sort());
      if (after.slice(0, 10).join() !== docs.slice(0, 10).join()) moved++;
    }
    expect(moved).toBeGreaterThan(0);
    const manifest = JSON.parse(readFileSync(`${out}.json`, 'utf8'));
    expect(manifest.dataset).toMatchObject({ name: 'nfcorpus', queries: 3 });
    expect(manifest.stages.map((s: { stage: string }) => s.stage)).toEqual(['retrieve', 'rerank']);
    expect(manifest.stages[0]).toMatchObject({ run: 'nf.reranked.first-stage.trec', retriever: { name: 'bm25' }, topK: 30, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(manifest.stages[1]).toMatchObject({
      reranker: { name: 'cross-encoder', config: { model: 'tiny-random-bert-cross-encoder', profile: { maxLength: 128, activation: 'raw' } } },
      depth: 10,
      pairs: 30,
      stats: { pairs: 30 },
    });
    expect(readFileSync(out, 'utf8')).toMatch(/ medir-bm25-cross-encoder\n/);
  });

  it('refuses an embedding model as a reranker, naming the option', () => {
    const r = medir(['run', '--dataset', 'nfcorpus', '--queries', threeQueries(), '--retriever', 'bm25', '--top-k', '5', '--rerank', 'tiny-random-bert-embed', '--out', join(work, 'x.trec')], { env });
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe(''); // refused before retrieving anything
    expect(r.stderr).toMatch(/--rerank: 'tiny-random-bert-embed' is a embedding model, not a cross-encoder/);
  });
});


describe('medir run --rerank llm-listwise', () => {
  const saved = { cache: process.env.MEDIR_CACHE, indexes: process.env.MEDIR_INDEXES, quiet: process.env.MEDIR_QUIET };
  beforeEach(() => {
    process.env.MEDIR_CACHE = tempDir();
    process.env.MEDIR_INDEXES = indexes;
    process.env.MEDIR_QUIET = '1';
  });
  afterEach(() => {
    Object.assign(process.env, saved);
  });

  it('reranks through an OpenAI-compatible server with RankGPT windows; the rerun makes no calls', async () => {
    // The judge reverses every window: [n] > … > [1].
    const server = await startFakeOpenAI([], { reply: (user) => [...user.matchAll(/^\[(\d+)\]/gm)].map((m) => `[${m[1]}]`).reverse().join(' > ') });
    const out = join(tempDir(), 'demo.trec');
    const queries = join(tempDir(), 'queries.jsonl');
    writeFileSync(queries, nfcorpusQueries.filter((l) => /"_id": "PLAIN-(2|12|23)"/.test(l)).join('\n') + '\n');
    const args = ['run', '--dataset', 'nfcorpus', '--queries', queries, '--retriever', 'bm25', '--top-k', '8', '--rerank', 'llm-listwise', '--rerank-depth', '6', '--rerank-window', '4', '--rerank-step', '2', '--rerank-llm-model', 'judge', '--rerank-base-url', server.baseUrl, '--out', out];
    expect(await medirInProcess(args)).toMatch(/3 queries, top 6 reranked by llm-listwise \(18 pairs, 6 generator calls, 0 from cache\)/);
    expect(server.received).toHaveLength(6); // windows [2,6) then [0,4) per query
    const manifest = JSON.parse(readFileSync(`${out}.json`, 'utf8'));
    expect(manifest.stages[1]).toMatchObject({ stage: 'rerank', reranker: { name: 'llm-listwise', config: { window: 4, step: 2, prompt: { version: 'rerank/listwise/v1' }, generator: { config: { model: 'judge' } } } } });
    const first = rankings(join(out.replace(/\.trec$/, '.first-stage.trec')));
    const reranked = rankings(out);
    for (const [qid, docs] of first) expect(reranked.get(qid)!.slice(6)).toEqual(docs.slice(6));
    // Each window reversed: [2,6) turns a b c d e f into a b f e d c, then [0,4) into e f b a d c.
    for (const [qid, docs] of first) expect(reranked.get(qid)!.slice(0, 6)).toEqual([docs[4], docs[5], docs[1], docs[0], docs[3], docs[2]]);
    expect(await medirInProcess(args)).toMatch(/reused from the stage cache/);
    expect(server.received).toHaveLength(6);
  });
});
