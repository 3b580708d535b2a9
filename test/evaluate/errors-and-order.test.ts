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
