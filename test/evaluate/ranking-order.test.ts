import { describe, expect, it } from 'vitest';
import type { Qrels, Run } from '../../src/core/types.js';
import { evaluate } from '../../src/evaluate/evaluate.js';

// trec_eval's canonical order: score descending, ties by docid descending (hand-worked ranks).
describe('canonical order of rankings already sorted by score', () => {
  it('a tie given in ascending docid order is reordered (d3 before d2), the rest kept', () => {
    const qrels: Qrels = new Map([['q', new Map([['d3', 1]])]]);
    const run: Run = new Map([['q', [{ docId: 'd1', score: 2 }, { docId: 'd2', score: 1 }, { docId: 'd3', score: 1 }, { docId: 'd0', score: 0 }]]]);
    const r = evaluate(qrels, run, 'mrr,relstring');
    expect(r.perQuery.get('q')!.get('recip_rank')).toBe(1 / 2);
    expect(r.perQueryText.get('q')!.get('relstring')).toBe('-1--') // - unjudged, 1 relevant;
  });

  it('a ranking longer than the reused 1,024-value buffer: the relevant document at rank 1,100', () => {
    const docs = Array.from({ length: 1100 }, (_, i) => ({ docId: `d${String(i).padStart(4, '0')}`, score: 1100 - i }));
    const qrels: Qrels = new Map([['q', new Map([['d1099', 1]])]]);
    const r = evaluate(qrels, new Map([['q', docs]]), 'mrr,num_rel_ret');
    expect(r.perQuery.get('q')!.get('recip_rank')).toBe(1 / 1100);
    expect(r.perQuery.get('q')!.get('num_rel_ret')).toBe(1);
  });
});
