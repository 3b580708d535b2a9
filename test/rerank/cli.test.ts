import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLocations } from '../../src/mirror/locations.js';
import { medir } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

/** qid → docids in file order (a TREC run's rank order). */
function rankings(file: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of readFileSync(file, 'utf8').trim().split('\n')) {
    const [qid, , docId] = line.split(' ');
    out.set(qid, [...(out.get(qid) ?? []), docId]);
  }
  return out;
}

// `medir run --rerank` end to end on real NFCorpus (3 of its queries) with the tiny cross-encoder.
describe('medir run --rerank', () => {
  const work = tempDir('medir-rerank-cli-');
  const env = { MEDIR_INDEXES: join(work, 'indexes'), MEDIR_CACHE: join(work, 'cache') };
  const all = readFileSync(join(resolveLocations().mirrors[0], 'data', 'nfcorpus', 'queries.jsonl'), 'utf8').split('\n');
  /** Three NFCorpus test queries, written afresh for each test (the temp folder is emptied after each). */
  const threeQueries = () => {
    mkdirSync(work, { recursive: true });
    const file = join(work, 'queries.jsonl');
    writeFileSync(file, all.filter((l) => /"_id": "PLAIN-(2|12|23)"/.test(l)).join('\n') + '\n');
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
