import { describe, expect, it } from 'vitest';
import type { Qrels, Run } from '../../src/core/types.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { summariseJudgments } from '../../src/evaluate/judgments.js';
import { resolvePolicy } from '../../src/evaluate/policy.js';
import { NONPOOL, RankingBuilder, UNJUDGED } from '../../src/evaluate/ranking.js';

// Canonical order, -J counts, buffers longer than twice the first one, and the partial (depth-limited)
// ranking: each expected value worked by hand in the comment beside it.

describe('canonical order: a tie out of order behind strictly falling scores', () => {
  it('d9 > d2 = d3 > d0 given with the tie ascending: d3 comes before d2', () => {
    // Between tied documents only the tie is out of order (d2 before d3, ascending ids); every
    // other neighbour pair has falling scores and falling ids. Canonical: d9 d3 d2 d0, so the only
    // relevant document, d3, is at rank 2 (RR 1/2), and relstring is '-1--'.
    const qrels: Qrels = new Map([['q', new Map([['d3', 1]])]]);
    const run: Run = new Map([['q', [{ docId: 'd9', score: 3 }, { docId: 'd2', score: 2 }, { docId: 'd3', score: 2 }, { docId: 'd0', score: 1 }]]]);
    const r = evaluate(qrels, run, 'mrr,relstring');
    expect(r.perQuery.get('q')!.get('recip_rank')).toBe(1 / 2);
    expect(r.perQueryText.get('q')!.get('relstring')).toBe('-1--');
  });
});

describe('rankings longer than twice the reused buffer (2 x 1,024)', () => {
  it('a relevant document at rank 2,100 is counted (num_rel_ret 1, RR 1/2100)', () => {
    const docs = Array.from({ length: 2100 }, (_, i) => ({ docId: `d${String(i).padStart(4, '0')}`, score: 2100 - i }));
    const qrels: Qrels = new Map([['q', new Map([['d2099', 1]])]]);
    const r = evaluate(qrels, new Map([['q', docs]]), 'num_rel_ret,mrr,num_ret');
    const q = r.perQuery.get('q')!;
    expect(q.get('num_rel_ret')).toBe(1);
    expect(q.get('recip_rank')).toBe(1 / 2100);
    expect(q.get('num_ret')).toBe(2100);
  });

  it('fromRelevance on 2,100 values after a first call on 3 keeps every value', () => {
    const builder = new RankingBuilder(resolvePolicy(), Infinity);
    const judgments = summariseJudgments(new Map([['a', 1]]), 1);
    builder.fromRelevance(Float64Array.of(1, 0, NaN), 3, judgments);
    const raw = new Float64Array(2100).fill(0);
    raw[2099] = 1;
    const r = builder.fromRelevance(raw, 2100, judgments);
    expect(r.numRelRet).toBe(1);
    expect(r.rels[2099]).toBe(1);
  });
});

describe('-J (judged only): num_rel_ret counts kept documents at or above the level', () => {
  // Judgments a 0, b 1, c 1, d 2; the ranking interleaves two unjudged documents.
  const data = () => {
    const qrels: Qrels = new Map([['q', new Map([['a', 0], ['b', 1], ['c', 1], ['d', 2]])]]);
    const ids = ['x', 'a', 'b', 'y', 'c', 'd'];
    const run: Run = new Map([['q', ids.map((docId, i) => ({ docId, score: ids.length - i }))]]);
    return { qrels, run };
  };

  it('level 1: b, c, d (3 of the 4 judged kept); level 2: d only (1)', () => {
    const { qrels, run } = data();
    const at1 = evaluate(qrels, run, 'num_rel_ret,num_ret', { judgedOnly: true }).perQuery.get('q')!;
    expect(at1.get('num_rel_ret')).toBe(3);
    expect(at1.get('num_ret')).toBe(4); // x and y dropped
    const at2 = evaluate(qrels, run, 'num_rel_ret', { judgedOnly: true, relevanceLevel: 2 }).perQuery.get('q')!;
    expect(at2.get('num_rel_ret')).toBe(1);
  });
});

describe('a ranking read only to the measures depth', () => {
  const judgments = () => summariseJudgments(new Map([['a', 1], ['n', 0], ['u', -1]]), 1);

  it('depth 2 of 4: two values filled, the counts NaN (no measure asked for them)', () => {
    const r = new RankingBuilder(resolvePolicy(), 2).fromRelevance(Float64Array.of(1, NaN, 1, 1), 4, judgments());
    expect(r.depth).toBe(2);
    expect(r.numRet).toBe(4);
    expect([r.numRelRet, r.numNonpool, r.numUnjudged]).toEqual([NaN, NaN, NaN]);
    expect([...r.rels.subarray(0, 2)]).toEqual([1, NONPOOL]);
  });

  it('depth equal to the length: the whole ranking, counted (1 relevant, 1 not in the pool, 1 judged negative)', () => {
    const r = new RankingBuilder(resolvePolicy(), 4).fromRelevance(Float64Array.of(1, NaN, -1, 0), 4, judgments());
    expect(r.depth).toBe(4);
    expect([r.numRelRet, r.numNonpool, r.numUnjudged]).toEqual([1, 1, 1]);
    expect([...r.rels.subarray(0, 4)]).toEqual([1, NONPOOL, UNJUDGED, 0]);
  });

  it('relstring.4 on a 6-document ranking: 1 relevant, - not in the qrels, . judged negative, 0 judged 0', () => {
    // Ranking a u x n y z: a 1, u -1 (in pool, unjudged), x not in the qrels, n 0; depth 4 < 6.
    const qrels: Qrels = new Map([['q', new Map([['a', 1], ['u', -1], ['n', 0]])]]);
    const ids = ['a', 'u', 'x', 'n', 'y', 'z'];
    const run: Run = new Map([['q', ids.map((docId, i) => ({ docId, score: ids.length - i }))]]);
    expect(evaluate(qrels, run, 'relstring.4').perQueryText.get('q')!.get('relstring')).toBe('1.-0');
  });
});
