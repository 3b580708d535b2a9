import { describe, expect, it } from 'vitest';
import type { Qrels, Run } from '../../src/core/types.js';
import { evaluate } from '../../src/evaluate/evaluate.js';

/**
 * One query, judgments d1 = 3, d2 = 0, d3 = 1, d4 = -1 (in pool, unjudged); the run ranks
 * d1 x d2 d4 d3 (x is not in the qrels), so relevance by rank is 3, none, 0, unjudged, 1.
 */
const qrels: Qrels = new Map([['q', new Map([['d1', 3], ['d2', 0], ['d3', 1], ['d4', -1]])]]);
const run: Run = new Map([['q', ['d1', 'x', 'd2', 'd4', 'd3'].map((docId, i) => ({ docId, score: 5 - i }))]]);
const at = (measures: string, policy = {}) => evaluate(qrels, run, measures, policy).perQuery.get('q')!;

describe('measures outside the golden files, by hand', () => {
  it('rbp scales gains by the highest level (3) and weighs rank i by p^(i-1)', () => {
    expect(at('rbp.p=0.5').get('rbp')).toBeCloseTo(0.5 * (1 + (1 / 3) * 0.5 ** 4), 12);
    expect(at('rbp').get('rbp')).toBeCloseTo(0.1 * (1 + (1 / 3) * 0.9 ** 4), 12);
    // Highest level 1: no scaling.
    const binary: Qrels = new Map([['q', new Map([['d1', 1]])]]);
    expect(evaluate(binary, new Map([['q', [{ docId: 'd1', score: 1 }]]]), 'rbp.p=0.5').mean.get('rbp')).toBe(0.5);
  });

  it('rbp_resid: the weight of unjudged ranks (2 and 4) plus all weight past rank 5', () => {
    expect(at('rbp_resid').get('rbp_resid')).toBeCloseTo(0.9 ** 5 + 0.1 * (0.9 + 0.9 ** 3), 12);
    const judged: Run = new Map([['q', [{ docId: 'd1', score: 1 }]]]);
    expect(evaluate(qrels, judged, 'rbp_resid').mean.get('rbp_resid')).toBe(0);
  });

  it('Judged@k and unj over k, ranks past the ranking counting as judged for unj', () => {
    const q = at('Judged@5,Judged@10,unj.5,10');
    expect([q.get('Judged@5'), q.get('Judged@10'), q.get('unj_5'), q.get('unj_10')]).toEqual([3 / 5, 3 / 10, 2 / 5, 2 / 10]);
  });

  it('RR@k follows -l: level 2 is met at rank 1, level 4 nowhere', () => {
    expect(at('RR@2', { relevanceLevel: 2 }).get('RR@2')).toBe(1);
    expect(at('RR@2', { relevanceLevel: 4 }).get('RR@2')).toBe(0);
    expect(at('RR@5', { relevanceLevel: 1 }).get('RR@5')).toBe(1);
  });

  it('a shallow measure alone reads only its depth; -J then still sees the whole ranking', () => {
    expect(at('P@2').get('P_2')).toBe(0.5);
    expect(at('Judged@2').get('Judged@2')).toBe(0.5);
    // -J drops x and d4: d1 d2 d3 → P@2 = 1/2, P@3 = 2/3
    expect([at('P@2', { judgedOnly: true }).get('P_2'), at('P@3', { judgedOnly: true }).get('P_3')]).toEqual([0.5, 2 / 3]);
  });

  it('counts: relevant retrieved at -l 1 and 3, and the judged non-relevant', () => {
    expect(at('num_rel_ret').get('num_rel_ret')).toBe(2);
    expect(at('num_rel_ret', { relevanceLevel: 3 }).get('num_rel_ret')).toBe(1);
    expect(at('num_nonrel_judged_ret').get('num_nonrel_judged_ret')).toBe(1);
  });
});
