import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/datasets.js';
import { filesHashed } from '../../src/io/file-hash.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { evaluate } from '../../src/pipeline/evaluate.js';
import { fuse } from '../../src/pipeline/fuse.js';
import { rerank, type Reranker } from '../../src/pipeline/rerank.js';
import { retrieve } from '../../src/pipeline/retrieve.js';
import { RetrieverPool } from '../../src/pipeline/retrievers.js';
import { resetStageCacheCounts, stageCacheCounts } from '../../src/pipeline/stage-cache.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const DOCS = ['warfarin anticoagulant vitamin k', 'metformin glucose diabetes', 'ibuprofen headache fever', 'vitamin d bone', 'insulin diabetes glucose'];

function toyDataset(): string {
  return writeTree(tempDir(), {
    'corpus.jsonl': DOCS.map((text, i) => JSON.stringify({ _id: `d${i}`, title: '', text })).join('\n') + '\n',
    'queries.jsonl': ['warfarin vitamin', 'diabetes glucose', 'fever'].map((text, i) => JSON.stringify({ _id: `q${i}`, text })).join('\n') + '\n',
    'qrels/test.tsv': 'query-id\tcorpus-id\tscore\nq0\td0\t1\nq1\td1\t1\nq1\td4\t2\nq2\td2\t1\n',
  });
}

const misses = () => Object.values(stageCacheCounts()).reduce((n, c) => n + c.misses, 0);
const hits = () => Object.values(stageCacheCounts()).reduce((n, c) => n + c.hits, 0);

describe('stages: retrieve → fuse → evaluate, content-addressed', () => {
  it('reruns from the cache with zero misses; a new topK misses only the stages from that retrieve on', async () => {
    const loc = { ...resolveLocations(), indexes: tempDir(), cache: tempDir() };
    const dataset = await loadDataset(toyDataset(), {}, loc);
    const study = async (topK: number) => {
      const pool = new RetrieverPool();
      const lucene = await retrieve({ retriever: 'bm25' }, { dataset, loc, topK, pool });
      const bm25l = await retrieve({ retriever: 'bm25', params: { variant: 'bm25l' } }, { dataset, loc, topK: 3, pool });
      const fused = await fuse([lucene, bm25l], { method: 'rrf' }, loc);
      const scores = await evaluate(fused, dataset.qrels, ['ndcg@10', 'recall@100'], {}, loc);
      return { lucene, fused, scores };
    };

    resetStageCacheCounts();
    const first = await study(5);
    expect(stageCacheCounts()).toEqual({ retrieve: { hits: 0, misses: 2 }, fuse: { hits: 0, misses: 1 }, evaluate: { hits: 0, misses: 1 } });
    expect(first.fused.manifest.retriever.config.inputs).toHaveLength(2);
    expect(first.fused.manifest.key).toBe(first.fused.key);

    resetStageCacheCounts();
    const again = await study(5);
    expect(misses()).toBe(0);
    expect(hits()).toBe(4);
    expect(again.scores.mean).toEqual(first.scores.mean);
    expect([...again.fused.run.get('q1')!].map((d) => d.docId)).toEqual([...first.fused.run.get('q1')!].map((d) => d.docId));

    resetStageCacheCounts();
    const deeper = await study(2);
    expect(stageCacheCounts()).toEqual({ retrieve: { hits: 1, misses: 1 }, fuse: { hits: 0, misses: 1 }, evaluate: { hits: 0, misses: 1 } });
    // The index behind the new run was reused, not rebuilt: indexing is not a stage downstream of topK.
    expect(deeper.lucene.manifest.index?.reused).toBe(true);
    expect(deeper.lucene.run.get('q1')!.length).toBe(2);

    // MEDIR_STAGE_CACHE=off makes everything again (and stores it).
    resetStageCacheCounts();
    process.env.MEDIR_STAGE_CACHE = 'off';
    try {
      await study(2);
    } finally {
      delete process.env.MEDIR_STAGE_CACHE;
    }
    expect(misses()).toBe(4);
  });

  it('the rerank slot: a reranker reorders the top depth, stored under a key of its input, queries and config', async () => {
    const loc = { ...resolveLocations(), indexes: tempDir(), cache: tempDir() };
    const dataset = await loadDataset(toyDataset(), {}, loc);
    const first = await retrieve({ retriever: 'bm25' }, { dataset, loc, topK: 5 });
    // A toy reranker: the top `depth` documents in reverse, scored above the rest.
    let calls = 0;
    const reverse: Reranker = {
      name: 'reverse',
      config: { toy: true },
      async rerank(lists) {
        calls++;
        return lists.map((l) => l.docs.map((_, i) => 100 + i));
      },
      stats: () => ({}),
    };
    resetStageCacheCounts();
    const out = await rerank(first, dataset.queries.queries, dataset.corpus, reverse, 2, loc);
    const again = await rerank(first, dataset.queries.queries, dataset.corpus, reverse, 2, loc);
    expect(calls).toBe(1);
    expect(stageCacheCounts().rerank).toEqual({ hits: 1, misses: 1 });
    const byScore = (run: typeof out.run) => [...run].map(([qid, docs]) => [qid, [...docs].sort((a, b) => b.score - a.score)]);
    expect(byScore(again.run)).toEqual(byScore(out.run));
    expect(out.manifest.retriever).toMatchObject({ name: 'rerank-reverse', config: { depth: 2, input: { key: first.key } } });
    expect((out.manifest as unknown as { stages: { stage: string }[] }).stages.map((st) => st.stage)).toEqual(['retrieve', 'rerank']);
    for (const [qid, docs] of first.run) {
      const ranked = [...docs].sort((a, b) => b.score - a.score || (a.docId < b.docId ? 1 : -1)).map((d) => d.docId);
      const reranked = [...out.run.get(qid)!].sort((a, b) => b.score - a.score).map((d) => d.docId);
      expect(reranked).toEqual([...ranked.slice(0, 2).reverse(), ...ranked.slice(2)]);
    }
    await rerank(first, dataset.queries.queries, dataset.corpus, reverse, 3, loc);
    expect(calls).toBe(2);
  });

  it('hashes the corpus once for every stage and retriever of a command', async () => {
    const loc = { ...resolveLocations(), indexes: tempDir(), cache: tempDir() };
    const dir = toyDataset();
    const corpus = join(dir, 'corpus.jsonl');
    const dataset = await loadDataset(dir, {}, loc);
    const pool = new RetrieverPool();
    await retrieve({ retriever: 'bm25' }, { dataset, loc, topK: 5, pool });
    await retrieve({ retriever: 'bm25', params: { k1: 0.9 } }, { dataset, loc, topK: 5, pool });
    await retrieve({ retriever: 'dense', params: { model: 'tiny-random-bert-embed' } }, { dataset, loc, topK: 5, pool });
    expect(filesHashed.get(corpus)).toBe(1);
  });
});
