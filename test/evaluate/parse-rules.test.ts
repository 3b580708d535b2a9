import { describe, expect, it } from 'vitest';
import { parseMeasures } from '../../src/evaluate/parse.js';

const parsed = (spec: string) => parseMeasures(spec).map((r) => [r.family.name, r.outputs, r.params]);
const message = (spec: string) => {
  try {
    parseMeasures(spec);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`'${spec}' parsed`);
};

describe('measure lists, parameters and grouping', () => {
  it('pairs families take name=value (defaults kept for the rest); numbers may start with a point', () => {
    expect(parsed('rbp')).toEqual([['rbp', ['rbp'], { list: [], pairs: { p: 0.9 } }]]);
    expect(parsed('rbp.p=0.8')).toEqual([['rbp', ['rbp'], { list: [], pairs: { p: 0.8 } }]]);
    expect(parsed('rbp.p=.5,q=2')).toEqual([['rbp', ['rbp'], { list: [], pairs: { p: 0.5, q: 2 } }]]);
  });

  it('a number after a list group continues it, across spaces; a new family starts a new group', () => {
    expect(parsed('P.5 10')).toEqual([['P', ['P_5', 'P_10'], { list: [5, 10], pairs: {} }]]);
    expect(parsed('rbp.p=0.8 map').map((r) => r[0])).toEqual(['rbp', 'map']);
    expect(parsed('success.1 rbp.p=0.5')).toEqual([
      ['success', ['success_1'], { list: [1], pairs: {} }],
      ['rbp', ['rbp'], { list: [], pairs: { p: 0.5 } }],
    ]);
  });

  it('fractional lists are sorted; an output already given drops a request that adds nothing', () => {
    expect(parsed('iprec_at_recall.0.5,0.1')[0][1]).toEqual(['iprec_at_recall_0.10', 'iprec_at_recall_0.50']);
    expect(parsed('P.5 P_5')).toHaveLength(1);
    expect(parsed('P_5,P.5,10').map((r) => r[1])).toEqual([['P_5'], ['P_5', 'P_10']]);
  });

  it('names in any case, @ on trec_eval names and on aliases, ALL_TREC', () => {
    expect(parsed('MAP')[0][0]).toBe('map');
    expect(parsed('ndcg_CUT_5')[0][1]).toEqual(['ndcg_cut_5']);
    expect(parsed('ndcg_cut@5')[0][1]).toEqual(['ndcg_cut_5']);
    expect(parsed('recip_rank@3')[0][1]).toEqual(['RR@3']);
    expect(parsed('ALL_TREC')).toHaveLength(37);
  });

  it.each([
    ['rbp.p', "--measures: 'rbp.p': expected name=number, got 'p'"],
    ['rbp.p=x', "--measures: 'rbp.p=x': expected name=number, got 'p=x'"],
    ['P.x', "--measures: 'P.x': parameters must be numbers"],
    ['map.5', "--measures: 'map.5': map takes no parameters"],
    ['P.', "--measures: 'P.': P takes no parameters"],
    ['P.-1', "--measures: 'P.-1': cutoffs must be positive integers"],
    ['P.2.5', "--measures: 'P.2.5': cutoffs must be positive integers"],
    ['success@0', "--measures: 'success@0': cutoffs must be positive integers"],
    ['P_0', "--measures: 'P_0': cutoffs must be positive integers"],
    [' , ', '--measures: no measure given'],
  ])('%j: %s', (spec, expected) => {
    expect(message(spec)).toBe(expected);
  });

  it("a number after an @ measure is not a cutoff of it; unknown names list the valid ones and the @ forms", () => {
    expect(message('ndcg@10 5')).toMatch(/^unknown measure '5'; valid: runid, num_q, .*, RR, Judged/);
    expect(message('map@x')).toMatch(/^unknown measure 'map@x'/);
    expect(() => parseMeasures('foo')).toThrow(expect.objectContaining({ hint: 'measures also parse as ndcg@10, recall@100, mrr@10, p@10, all_trec' }));
    expect(() => parseMeasures('')).toThrow(expect.objectContaining({ hint: expect.stringMatching(/^e\.g\. --measures ndcg@10,recall@100,map; families: runid, num_q,/) }));
  });
});
