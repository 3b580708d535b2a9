import { describe, expect, it } from 'vitest';
import type { Qrels, Run } from '../../src/core/types.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { JudgmentCache } from '../../src/evaluate/judgments.js';
import { MEASURES, findFamily, measureFamily } from '../../src/evaluate/measures/registry.js';
import { parseMeasures } from '../../src/evaluate/parse.js';
import { resolvePolicy } from '../../src/evaluate/policy.js';
import { RankingBuilder } from '../../src/evaluate/ranking.js';
import { medirErrorOf } from '../helpers/errors.js';

/** One query `q`: judgments as given, a run ranking `docs` in that order (scores descending). */
function oneQuery(rels: Record<string, number>, docs: string[]): { qrels: Qrels; run: Run } {
  return {
    qrels: new Map([['q', new Map(Object.entries(rels))]]),
    run: new Map([['q', docs.map((docId, i) => ({ docId, score: docs.length - i }))]]),
  };
}
const perQuery = (rels: Record<string, number>, docs: string[], measures: string, policy = {}) => {
  const { qrels, run } = oneQuery(rels, docs);
  return evaluate(qrels, run, measures, policy).perQuery.get('q')!;
};
/** The ranking of query `q` as measures see it (whole ranking, -l 1). */
const rankingOf = ({ qrels, run }: { qrels: Qrels; run: Run }) =>
  new RankingBuilder(resolvePolicy({}), Infinity).build('q', run.get('q'), JudgmentCache.for(qrels, 1).get('q')!);
const CTX = { relevanceLevel: 1, gain: 'linear' } as const;

describe('every family writes exactly its own output slots', () => {
  it('each numeric family, with its default parameters, fills out[at .. at + outputs) and nothing else', () => {
    // 5 relevant (levels 1 and 2), one judged 0, one in the pool unjudged, the first relevant at rank 5
    // of 12: Rprec_mult's cutoffs (1..10) 1..4 lie above the first relevant document.
    const ranking = rankingOf(oneQuery({ r1: 2, r2: 1, r3: 1, r4: 2, r5: 1, n1: 0, u1: -1 }, ['x1', 'n1', 'u1', 'x2', 'r1', 'x3', 'r2', 'x4', 'x5', 'x6', 'r3', 'x7']));
    const SENTINEL = -12345;
    for (const family of Object.values(MEASURES)) {
      if (family.value === 'text') continue;
      const width = family.outputs(family.defaults).length;
      const out = new Float64Array(width + 2).fill(SENTINEL);
      family.compute(ranking, family.defaults, CTX, out, 1);
      expect({ name: family.name, before: out[0], after: out[width + 1] }).toEqual({ name: family.name, before: SENTINEL, after: SENTINEL });
      const own = [...out.subarray(1, width + 1)];
      expect({ name: family.name, unwritten: own.filter((v) => v === SENTINEL || Number.isNaN(v)).length }).toEqual({ name: family.name, unwritten: 0 });
    }
  });

  it('Rprec_mult into a reused buffer: cutoffs above the first relevant document are 0, not what the buffer held', () => {
    // num_rel 5 → cutoffs trunc(x·5 + 0.9) = 1..10; relevant at ranks 5, 7, 11 of 12; by hand, precision at each cutoff
    const ranking = rankingOf(oneQuery({ r1: 1, r2: 1, r3: 1, r4: 1, r5: 1 }, ['x1', 'x2', 'x3', 'x4', 'r1', 'x5', 'r2', 'x6', 'x7', 'x8', 'r3', 'x9']));
    const family = MEASURES.Rprec_mult;
    const out = new Float64Array(10).fill(0.75);
    family.compute(ranking, family.defaults, CTX, out, 0);
    expect([...out]).toEqual([0, 0, 0, 0, 1 / 5, 1 / 6, 2 / 7, 2 / 8, 2 / 9, 2 / 10]);
    // num_rel 2 → cutoffs 1 1 2 2 2 3 3 4 4 4, all above the only relevant document (rank 5 of 6): all 0
    out.fill(0.75);
    family.compute(rankingOf(oneQuery({ r1: 1, r2: 1 }, ['x1', 'x2', 'x3', 'x4', 'r1', 'x5'])), family.defaults, CTX, out, 0);
    expect([...out]).toEqual(Array(10).fill(0));
  });
});

describe('measures against trec_eval 10.0 (values printed by trec_eval -q -m …, same qrels and run)', () => {
  it('iprec_at_recall: a recall level above what was retrieved stays 0 even when it is the first one asked', () => {
    // 4 relevant, 1 retrieved: round(0.5·4) = 2 > 1. trec_eval -m iprec_at_recall.0.5,1 → 0.0000 0.0000
    const q = perQuery({ a: 1, b: 1, c: 1, d: 1 }, ['a', 'x', 'y'], 'iprec_at_recall.0.5,1');
    expect([q.get('iprec_at_recall_0.50'), q.get('iprec_at_recall_1.00')]).toEqual([0, 0]);
  });

  it('iprec_at_recall: two levels rounding to the same count take the precision reached there, not later', () => {
    // 3 relevant at ranks 1, 4, 5: round(0.5·3) = round(0.6·3) = 2, reached at rank 4; the best precision
    // from rank 4 on is 3/5 (rank 1's 1/1 comes later in the backward walk).
    // trec_eval -m iprec_at_recall.0.5,0.6 → 0.6000 0.6000
    const q = perQuery({ a: 1, b: 1, c: 1 }, ['a', 'x', 'y', 'b', 'c'], 'iprec_at_recall.0.5,0.6');
    expect([q.get('iprec_at_recall_0.50'), q.get('iprec_at_recall_0.60')]).toEqual([0.6, 0.6]);
  });

  it('Rprec_mult: a cutoff past the end of the ranking divides what was found by the cutoff', () => {
    // 5 relevant, 2 retrieved (1 relevant): cutoff trunc(1·5 + 0.9) = 5 > 2 → 1/5. trec_eval → 0.2000
    expect(perQuery({ a: 1, b: 1, c: 1, d: 1, e: 1 }, ['a', 'x'], 'Rprec_mult.1').get('Rprec_mult_1.00')).toBe(0.2);
  });

  it('Rndcg: no relevant document at -l 2 gives 0 although the qrels have positive gains', () => {
    // trec_eval -l2 -m Rndcg → 0.0000 (ndcg_rel, which ignores -l, 0.9599)
    const q = perQuery({ a: 1, b: 1, c: 0 }, ['a', 'x', 'b'], 'Rndcg ndcg_rel', { relevanceLevel: 2 });
    expect(q.get('Rndcg')).toBe(0);
    expect(q.get('ndcg_rel')).toBeCloseTo(0.9599, 4);
  });

  it('Rndcg reads no rank past the ranking, even where an earlier query left relevance in the buffer', () => {
    // q1 (first): d (rel 2) at rank 4; q2: a (rel 1) at rank 3 of 3. By hand, q2: ideal [1]; the R-level
    // at rank 2 gives 0/1, the end 1/log2(4)/1 = 0.5 → (0 + 0.5)/2 = 0.25; q1: (0 + (2/log2 5)/2)/2.
    // trec_eval -q -m Rndcg → q1 0.2153, q2 0.2500
    const qrels: Qrels = new Map([['q1', new Map([['d', 2]])], ['q2', new Map([['a', 1]])]]);
    const run: Run = new Map([
      ['q1', ['p', 'q', 'r', 'd'].map((docId, i) => ({ docId, score: 4 - i }))],
      ['q2', ['x', 'y', 'a'].map((docId, i) => ({ docId, score: 3 - i }))],
    ]);
    const r = evaluate(qrels, run, 'Rndcg');
    expect(r.perQuery.get('q2')!.get('Rndcg')).toBe(0.25);
    expect(r.perQuery.get('q1')!.get('Rndcg')).toBeCloseTo(1 / Math.log2(5) / 2, 12);
    expect(r.perQuery.get('q1')!.get('Rndcg')).toBeCloseTo(0.2153, 4);
  });

  it('Rndcg at -l 0 with only zero judgments: no gain anywhere gives 0 (trec_eval prints -nan: 0/0)', () => {
    expect(perQuery({ a: 0, b: 0 }, ['a', 'x', 'b'], 'Rndcg', { relevanceLevel: 0 }).get('Rndcg')).toBe(0);
  });

  it("relstring: 0-9 as digits, '>' above 9, '-' outside the pool, '.' judged negative", () => {
    // trec_eval -q -m relstring → '9>.0-1'
    const { qrels, run } = oneQuery({ a: 9, b: 10, c: -3, d: 0, e: 1 }, ['a', 'b', 'c', 'd', 'x', 'e']);
    expect(evaluate(qrels, run, 'relstring').perQueryText.get('q')!.get('relstring')).toBe('9>.0-1');
    expect(evaluate(qrels, run, 'relstring@3').perQueryText.get('q')!.get('relstring')).toBe('9>.');
  });
});

describe('measures by hand', () => {
  it('ndcg with --gain exp is named ndcg(exp) and uses 2^rel - 1', () => {
    // b (1) then a (2): DCG = 1/log2 2 + 3/log2 3; ideal = 3/log2 2 + 1/log2 3
    const { qrels, run } = oneQuery({ a: 2, b: 1 }, ['b', 'a']);
    const r = evaluate(qrels, run, 'ndcg', { gain: 'exp' });
    expect(r.names).toEqual(['ndcg(exp)']);
    expect(r.mean.get('ndcg(exp)')).toBeCloseTo((1 + 3 / Math.log2(3)) / (3 + 1 / Math.log2(3)), 12);
  });

  it('Judged alone is Judged@10', () => {
    // 3 of the top 10 judged (a, b and c; u is -1: in the pool, not judged)
    const q = perQuery({ a: 1, b: 0, c: 2, u: -1 }, ['a', 'x', 'u', 'b', 'c'], 'Judged');
    expect([...q]).toEqual([['Judged@10', 3 / 10]]);
  });

  it('cutoff families read as deep as their largest cutoff', () => {
    // relevant at rank 4: P@2 = 0, P@5 = 1/5, recall@5 = 1/1
    const q = perQuery({ r: 1 }, ['a', 'b', 'c', 'r', 'd'], 'P.2,5 recall.5,2');
    expect([q.get('P_2'), q.get('P_5'), q.get('recall_2'), q.get('recall_5')]).toEqual([0, 0.2, 0, 1]);
  });

  it('runid is text: no numeric output, and it takes no parameters', async () => {
    const { qrels, run } = oneQuery({ a: 1 }, ['a']);
    const r = evaluate(qrels, run, 'runid map');
    expect(r.names).toEqual(['map']);
    expect(r.outputs.map((o) => [o.name, o.value, o.summary])).toEqual([
      ['runid', 'text', 'runid'],
      ['map', 'float', 'mean'],
    ]);
    expect((await medirErrorOf(() => parseMeasures('runid.5'))).message).toContain('runid takes no parameters');
  });

  it('cutoff lists: every cutoff must be a positive integer, not only one of them', async () => {
    expect((await medirErrorOf(() => parseMeasures('P.5,0'))).message).toContain('cutoffs must be positive integers');
    expect((await medirErrorOf(() => parseMeasures('ndcg_cut.10,2.5'))).message).toContain('cutoffs must be positive integers');
  });
});

describe('the registry', () => {
  it('every family declares kinds the parser, the evaluator and the formats know', () => {
    for (const f of Object.values(MEASURES)) {
      expect({ name: f.name, params: ['none', 'list', 'pairs'].includes(f.params) }).toEqual({ name: f.name, params: true });
      expect({ name: f.name, value: ['float', 'int', 'text'].includes(f.value) }).toEqual({ name: f.name, value: true });
      expect({ name: f.name, summary: ['mean', 'sum', 'gm', 'runid'].includes(f.summary) }).toEqual({ name: f.name, summary: true });
    }
  });

  it('names are unique in any case, so a family is found by its name in any case', async () => {
    const lower = Object.values(MEASURES).map((f) => f.name.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
    expect(measureFamily('map')).toBe(MEASURES.map);
    expect(measureFamily('NDCG_CUT')).toBe(MEASURES.ndcg_cut);
    expect(findFamily('rprec')).toBe(MEASURES.Rprec);
    const err = await medirErrorOf(() => measureFamily('mapp'));
    expect(err.message).toMatch(/^unknown measure 'mapp'; valid: runid, num_q, .*, Judged$/);
  });

  it("an Object.prototype name is an unknown measure, not a crash (bug: MEASURES['toString'] is a function)", async () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(findFamily(name)).toBeUndefined();
      expect((await medirErrorOf(() => parseMeasures(name))).message).toContain(`unknown measure '${name}'`);
    }
    expect((await medirErrorOf(() => parseMeasures('valueOf.5'))).message).toContain("unknown measure 'valueOf.5'");
  });
});
