import { describe, expect, it } from 'vitest';
import type { Qrels, Run } from '../../src/core/types.js';
import { evaluate } from '../../src/evaluate/evaluate.js';

/**
 * q1 judgments: d1=2, d2=0, d3=1, d4=-1 (in pool, unjudged), d9=1 (never retrieved) → 3 relevant.
 * Run scores: d2 3.0, d1 2.0, dX 2.0, d3 1.0, d4 0.5. The 2.0 tie goes to the larger docid
 * ('dX' > 'd1'), so the canonical ranking is d2 dX d1 d3 d4 with relevance 0 - 2 1 (unjudged).
 * Every expected value below is worked out by hand from that ranking.
 */
const qrels: Qrels = new Map([
  ['q1', new Map([['d1', 2], ['d2', 0], ['d3', 1], ['d4', -1], ['d9', 1]])],
  ['q2', new Map([['d5', 1]])],
]);
const run: Run = new Map([
  ['q1', [
    { docId: 'd1', score: 2 },
    { docId: 'd3', score: 1 },
    { docId: 'd2', score: 3 },
    { docId: 'd4', score: 0.5 },
    { docId: 'dX', score: 2 },
  ]],
  ['q3', [{ docId: 'd1', score: 1 }]],
]);

const log2 = Math.log2;

describe('measures on a hand-worked ranking', () => {
  // computed inside each test (not at describe level) so the mutation run's per-test coverage sees it
  const evaluated = () => {
    const r = evaluate(qrels, run, 'P@5,P@2,recall@5,map,mrr,ndcg@5,num_ret,num_rel,num_rel_ret,bpref,Rprec,Judged@5,unj.5,success.1,5,RR@2,relstring,map@3');
    return { r, q1: r.perQuery.get('q1')! };
  };

  it('orders by score, ties by docid descending, never by the order given', () => {
    const { r, q1 } = evaluated();
    expect(r.perQueryText.get('q1')!.get('relstring')).toBe('0-21.');
    expect(q1.get('recip_rank')).toBeCloseTo(1 / 3, 12);
  });

  it('computes precision, recall, AP, R-precision and counts', () => {
    const { q1 } = evaluated();
    expect(q1.get('P_5')).toBeCloseTo(2 / 5, 12);
    expect(q1.get('P_2')).toBe(0);
    expect(q1.get('recall_5')).toBeCloseTo(2 / 3, 12);
    expect(q1.get('map')).toBeCloseTo((1 / 3 + 2 / 4) / 3, 12);
    expect(q1.get('map_cut_3')).toBeCloseTo(1 / 3 / 3, 12);
    expect(q1.get('Rprec')).toBeCloseTo(1 / 3, 12);
    expect([q1.get('num_ret'), q1.get('num_rel'), q1.get('num_rel_ret')]).toEqual([5, 3, 2]);
  });

  it('computes nDCG with relevance as gain and log2(rank+1) discount, ideal from all judgments', () => {
    const { q1 } = evaluated();
    const dcg = 2 / log2(4) + 1 / log2(5);
    const ideal = 2 + 1 / log2(3) + 1 / log2(4);
    expect(q1.get('ndcg_cut_5')).toBeCloseTo(dcg / ideal, 12);
  });

  it('treats negative judgments as unjudged: not relevant, not non-relevant (bpref), counted by unj', () => {
    const { q1 } = evaluated();
    // One judged non-relevant (d2) above both relevant: each relevant gets 1 - 1/min(1, 3) = 0.
    expect(q1.get('bpref')).toBe(0);
    expect(q1.get('Judged@5')).toBeCloseTo(3 / 5, 12);
    expect(q1.get('unj_5')).toBeCloseTo(2 / 5, 12);
  });

  it('cuts reciprocal rank and success at k', () => {
    const { q1 } = evaluated();
    expect(q1.get('RR@2')).toBe(0);
    expect(q1.get('success_1')).toBe(0);
    expect(q1.get('success_5')).toBe(1);
  });

  it('skips judged queries missing from the run and ignores unjudged run queries', () => {
    const { r } = evaluated();
    expect([...r.perQuery.keys()]).toEqual(['q1']);
    expect(evaluate(qrels, run, 'num_q').mean.get('num_q')).toBe(1);
    expect(r.numQueries).toBe(1);
  });

  it('never reorders the run it was given', () => {
    evaluated();
    expect(run.get('q1')!.map((d) => d.docId)).toEqual(['d1', 'd3', 'd2', 'd4', 'dX']);
  });
});

describe('evaluation policy', () => {
  it('--complete counts missing judged queries as zero and averages over all of them', () => {
    const r = evaluate(qrels, run, 'map,num_q', { complete: true });
    expect([...r.perQuery.keys()]).toEqual(['q1', 'q2']);
    expect(r.perQuery.get('q2')!.get('map')).toBe(0);
    expect(r.mean.get('map')).toBeCloseTo((1 / 3 + 2 / 4) / 3 / 2, 12);
    expect(r.mean.get('num_q')).toBe(2);
  });

  it('-l raises the relevance level', () => {
    const r = evaluate(qrels, run, 'P@5,map,num_rel', { relevanceLevel: 2 });
    const q1 = r.perQuery.get('q1')!;
    expect(q1.get('num_rel')).toBe(1);
    expect(q1.get('P_5')).toBeCloseTo(1 / 5, 12);
    expect(q1.get('map')).toBeCloseTo(1 / 3, 12);
  });

  it('-M keeps only the first N documents of the canonical ranking', () => {
    const q1 = evaluate(qrels, run, 'num_ret,P@5', { maxPerQuery: 2 }).perQuery.get('q1')!;
    expect(q1.get('num_ret')).toBe(2);
    expect(q1.get('P_5')).toBe(0);
  });

  it('--judged-only drops unjudged documents before ranking positions are counted', () => {
    const q1 = evaluate(qrels, run, 'num_ret,map', { judgedOnly: true }).perQuery.get('q1')!;
    expect(q1.get('num_ret')).toBe(3);
    expect(q1.get('map')).toBeCloseTo((1 / 2 + 2 / 3) / 3, 12);
  });

  it('--gain exp uses 2^rel - 1 and says so in the name', () => {
    const r = evaluate(qrels, run, 'ndcg@5', { gain: 'exp' });
    expect(r.names).toEqual(['ndcg_cut_5(exp)']);
    const dcg = 3 / log2(4) + 1 / log2(5);
    const ideal = 3 + 1 / log2(3) + 1 / log2(4);
    expect(r.perQuery.get('q1')!.get('ndcg_cut_5(exp)')).toBeCloseTo(dcg / ideal, 12);
  });

  it('ignoreIdenticalIds drops a document named like its query (BEIR)', () => {
    const q: Qrels = new Map([['q1', new Map([['d1', 1]])]]);
    const self: Run = new Map([['q1', [{ docId: 'q1', score: 5 }, { docId: 'd1', score: 4 }]]]);
    expect(evaluate(q, self, 'mrr').mean.get('recip_rank')).toBe(0.5);
    expect(evaluate(q, self, 'mrr', { ignoreIdenticalIds: true }).mean.get('recip_rank')).toBe(1);
  });

  it('rejects a bad policy value naming the option', () => {
    expect(() => evaluate(qrels, run, 'map', { maxPerQuery: 0 })).toThrow(/--max-per-query/);
  });

  it('fails clearly when no run query is judged', () => {
    expect(() => evaluate(qrels, new Map([['zz', [{ docId: 'd1', score: 1 }]]]), 'map')).toThrow(/no query of the run has judgments/);
  });
});
