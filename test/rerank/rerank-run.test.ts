import { describe, expect, it } from 'vitest';
import type { Document, Run } from '../../src/core/types.js';
import { compareCanonical } from '../../src/formats/run.js';
import { idsToRerank, rerankRun } from '../../src/rerank/rerank-run.js';
import type { Reranker, RerankList } from '../../src/rerank/reranker.js';

const doc = (id: string): Document => ({ id, title: '', text: `text of ${id}` });
const corpus = new Map(['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'].map((id) => [id, doc(id)]));
const queries = [
  { id: 'q1', text: 'first', meta: {} },
  { id: 'q2', text: 'second', meta: {} },
];

/** Scores each document by the number in its id (d7 best): the reverse of the first stage below. */
function byIdNumber(seen: RerankList[] = []): Reranker {
  return {
    name: 'by-id',
    config: { rule: 'id number' },
    rerank: async (lists) => {
      seen.push(...lists);
      return lists.map((l) => l.docs.map((d) => Number(d.id.slice(1)) / 10));
    },
    stats: () => ({}),
  };
}

/** q1: d1 > d2 > … > d6 (with a tie d4/d5, broken by docid descending: d5 first); q2: d7, d6. */
const firstStage = (): Run =>
  new Map([
    ['q1', [{ docId: 'd3', score: 8 }, { docId: 'd1', score: 10 }, { docId: 'd2', score: 9 }, { docId: 'd4', score: 7 }, { docId: 'd5', score: 7 }, { docId: 'd6', score: 1 }]],
    ['q2', [{ docId: 'd6', score: 0.5 }, { docId: 'd7', score: 0.9 }]],
  ]);
const order = (run: Run, qid: string) => [...run.get(qid)!].sort(compareCanonical).map((d) => d.docId);

describe('rerankRun', () => {
  it('reranks the top d in trec_eval order and leaves ranks > d in first-stage order, below every reranked score', async () => {
    const input = firstStage();
    const seen: RerankList[] = [];
    const { run, manifest } = await rerankRun({ run: input, queries, docs: (id) => corpus.get(id), reranker: byIdNumber(seen), depth: 4 });
    // The top 4 of the first stage (d1 d2 d3 d5: d5 beats d4 on the tie) reordered by the reranker.
    expect(seen[0].docs.map((d) => d.id)).toEqual(['d1', 'd2', 'd3', 'd5']);
    expect(order(run, 'q1')).toEqual(['d5', 'd3', 'd2', 'd1', 'd4', 'd6']);
    const q1 = new Map(run.get('q1')!.map((d) => [d.docId, d.score]));
    expect(q1.get('d1')).toBeCloseTo(0.1, 12);
    expect([q1.get('d4'), q1.get('d6')]).toEqual([0.1 - 1, 0.1 - 2]);
    // Depth beyond the ranking: all reranked, nothing below.
    expect(order(run, 'q2')).toEqual(['d7', 'd6']);
    expect(manifest).toMatchObject({ reranker: { name: 'by-id', config: { rule: 'id number' } }, depth: 4, queries: 2, pairs: 6 });
    // The input run is untouched.
    expect(input).toEqual(firstStage());
  });

  it.each([1, 2, 3, 5, 6])('with depth %i, every rank below the depth keeps its document', async (depth) => {
    const before = order(firstStage(), 'q1');
    const { run } = await rerankRun({ run: firstStage(), queries, docs: (id) => corpus.get(id), reranker: byIdNumber(), depth });
    const after = order(run, 'q1');
    expect(after.slice(depth)).toEqual(before.slice(depth));
    expect(new Set(after.slice(0, depth))).toEqual(new Set(before.slice(0, depth)));
    expect(after.slice(0, depth)).toEqual([...before.slice(0, depth)].sort((a, b) => Number(b.slice(1)) - Number(a.slice(1))));
  });

  it('collects the ids of the top d of each ranking only', () => {
    expect([...idsToRerank(firstStage(), 2)].sort()).toEqual(['d1', 'd2', 'd6', 'd7']);
  });

  it('names the query, document or option when the inputs do not fit', async () => {
    const base = { run: firstStage(), queries, docs: (id: string) => corpus.get(id), reranker: byIdNumber(), depth: 3 };
    await expect(rerankRun({ ...base, depth: 0 })).rejects.toThrow(/--rerank-depth: expected a positive integer, got '0'/);
    await expect(rerankRun({ ...base, queries: queries.slice(0, 1) })).rejects.toThrow(/query 'q2', which is not among the 1 queries given/);
    await expect(rerankRun({ ...base, docs: (id) => (id === 'd2' ? undefined : corpus.get(id)) })).rejects.toThrow(/document 'd2' for query 'q1', but the corpus has no such document/);
    const nan: Reranker = { ...byIdNumber(), rerank: async (lists) => lists.map((l) => l.docs.map(() => Number.NaN)) };
    await expect(rerankRun({ ...base, reranker: nan })).rejects.toThrow(/non-finite score \(NaN\) to document 'd1' of query 'q1'/);
    const short: Reranker = { ...byIdNumber(), rerank: async (lists) => lists.map(() => [1]) };
    await expect(rerankRun({ ...base, reranker: short })).rejects.toThrow(/gave 1 scores for 3 documents of query 'q1'/);
  });
});
