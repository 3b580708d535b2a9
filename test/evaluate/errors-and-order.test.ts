import { describe, expect, it } from 'vitest';
import type { Qrels, Run } from '../../src/core/types.js';
import { evaluate, evaluateBy } from '../../src/evaluate/evaluate.js';
import { Evaluator } from '../../src/evaluate/evaluator.js';
import { parseMeasures } from '../../src/evaluate/parse.js';
import { resolvePolicy } from '../../src/evaluate/policy.js';
import { medirErrorOf } from '../helpers/errors.js';

const code = async (work: () => unknown) => (await medirErrorOf(work)).code;

describe('error codes scripts match on', () => {
  it('bad policy values are BAD_OPTION', async () => {
    expect(await code(() => resolvePolicy({ maxPerQuery: 0 }))).toBe('BAD_OPTION');
    expect(await code(() => resolvePolicy({ relevanceLevel: 1.5 }))).toBe('BAD_OPTION');
    expect(await code(() => resolvePolicy({ gain: 'log' as 'exp' }))).toBe('BAD_OPTION');
  });

  it('bad measure parameters are BAD_OPTION; trailing text after a cutoff or a family without cutoffs is unknown', async () => {
    expect(await code(() => parseMeasures('rbp.p'))).toBe('BAD_OPTION');
    expect(await code(() => parseMeasures('rbp.p=x'))).toBe('BAD_OPTION');
    expect(await code(() => parseMeasures('P.x'))).toBe('BAD_OPTION');
    expect(await code(() => parseMeasures('ndcg@10x'))).toBe('UNKNOWN_NAME');
    expect(await code(() => parseMeasures('P_5x'))).toBe('UNKNOWN_NAME');
    expect(await code(() => parseMeasures('bpref@5'))).toBe('UNKNOWN_NAME');
    expect(await code(() => parseMeasures('bpref_5'))).toBe('UNKNOWN_NAME');
  });

  it('no judged query is BAD_INPUT with a hint; a query added twice is BAD_INPUT', async () => {
    const qrels: Qrels = new Map([['q1', new Map([['a', 1]])]]);
    const err = await medirErrorOf(() => evaluate(qrels, new Map([['other', [{ docId: 'a', score: 1 }]]]), 'map'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.hint).toBe('check that the run and the qrels use the same query ids (and split)');
    const ev = new Evaluator(qrels, 'map');
    ev.add('q1', [{ docId: 'a', score: 1 }]);
    const twice = await medirErrorOf(() => ev.add('q1', [{ docId: 'a', score: 1 }]));
    expect([twice.code, twice.message]).toEqual(['BAD_INPUT', "query 'q1' was evaluated twice"]);
  });
});

describe('queries and groups in string order, whatever order the run gives', () => {
  it('per-query values and breakdown groups are sorted', () => {
    const qids = ['q5', 'q3', 'q1', 'q4', 'q2'];
    const qrels: Qrels = new Map(qids.map((q) => [q, new Map([['a', 1]])]));
    const run: Run = new Map(qids.map((q) => [q, [{ docId: 'a', score: 1 }]]));
    const r = evaluate(qrels, run, 'map');
    expect([...r.perQuery.keys()]).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
    const b = evaluateBy(r, qids.map((id, i) => ({ id, text: '', meta: { lang: ['es', 'en', 'fr', 'de', 'it'][i] } })), 'lang');
    expect(b.groups.map((g) => g.group)).toEqual(['de', 'en', 'es', 'fr', 'it']);
  });
});

describe('utility: coefficients in the order given (trec_eval get_double_params)', () => {
  it('utility.2,-1,0.5,0.25 = 2a - b + 0.5c + 0.25d, a duplicate coefficient kept, a wrong count refused', async () => {
    // Relevant r1 r2 r3; retrieved r1 n1 r2: a = 2 relevant retrieved, b = 1 non-relevant retrieved,
    // c = 1 relevant missed, d = a - retrieved - relevant = 2 - 3 - 3 = -4 (no collection size, as trec_eval's -N 0).
    const qrels: Qrels = new Map([['q', new Map([['r1', 1], ['r2', 1], ['r3', 1], ['n1', 0]])]]);
    const run: Run = new Map([['q', [{ docId: 'r1', score: 3 }, { docId: 'n1', score: 2 }, { docId: 'r2', score: 1 }]]]);
    const value = (spec: string) => evaluate(qrels, run, spec).perQuery.get('q')!.get('utility');
    expect(value('utility.2,-1,0.5,0.25')).toBe(2 * 2 - 1 * 1 + 0.5 * 1 + 0.25 * -4);
    expect(value('utility.1,-1,0,0')).toBe(2 - 1);
    expect(value('utility')).toBe(2 - 1);
    expect(await code(() => parseMeasures('utility.1,-1'))).toBe('BAD_OPTION');
  });
});
