import { describe, expect, it } from 'vitest';
import type { Qrels, Query, Run } from '../../src/core/types.js';
import { evaluate, evaluateBy } from '../../src/evaluate/evaluate.js';
import { DEFAULT_POLICY, describePolicy, resolvePolicy } from '../../src/evaluate/policy.js';
import { missingQueriesNote, REPORT_POLICY, reportPolicy } from '../../src/evaluate/report-spec.js';

describe('evaluation policy', () => {
  it("defaults are trec_eval's; given values replace them, undefined ones do not", () => {
    expect(resolvePolicy()).toEqual({ complete: false, relevanceLevel: 1, judgedOnly: false, ignoreIdenticalIds: false, gain: 'linear' });
    expect(resolvePolicy({ relevanceLevel: 2, complete: undefined, maxPerQuery: 5 })).toEqual({ ...DEFAULT_POLICY, relevanceLevel: 2, maxPerQuery: 5 });
    expect(resolvePolicy({ relevanceLevel: 0 }).relevanceLevel).toBe(0);
    expect(resolvePolicy({ relevanceLevel: -1 }).relevanceLevel).toBe(-1);
  });

  it.each([
    [{ maxPerQuery: 0 }, "--max-per-query: expected a positive integer, got '0'"],
    [{ maxPerQuery: -3 }, "--max-per-query: expected a positive integer, got '-3'"],
    [{ maxPerQuery: 2.5 }, "--max-per-query: expected a positive integer, got '2.5'"],
    [{ relevanceLevel: 1.5 }, "--relevance-level: expected an integer, got '1.5'"],
    [{ gain: 'log' as 'exp' }, "--gain: unknown value 'log'; valid: linear, exp"],
  ])('%j is an error naming the option', (given, message) => {
    expect(() => resolvePolicy(given)).toThrow(message);
  });

  it('--max-per-query 1 is the smallest valid depth', () => {
    expect(resolvePolicy({ maxPerQuery: 1 }).maxPerQuery).toBe(1);
  });

  it('describes every choice in one line', () => {
    expect(describePolicy(resolvePolicy())).toBe('missing queries skipped, depth all, relevant if rel >= 1, unjudged docs kept, identical ids kept, nDCG gain linear, ties by docid desc');
    expect(describePolicy(resolvePolicy({ complete: true, maxPerQuery: 7, relevanceLevel: 2, judgedOnly: true, ignoreIdenticalIds: true, gain: 'exp' }))).toBe(
      'missing queries count as 0 (-c), depth 7, relevant if rel >= 2, unjudged docs dropped (-J), query-id = doc-id dropped, nDCG gain exp, ties by docid desc',
    );
  });
});

describe('report policy layers', () => {
  it('reports count missing queries as 0 unless a layer says otherwise; later layers win; undefined never overrides', () => {
    expect(REPORT_POLICY).toEqual({ complete: true });
    expect(reportPolicy()).toEqual({ complete: true });
    expect(reportPolicy({ relevanceLevel: 2 }, { complete: false, relevanceLevel: undefined })).toEqual({ complete: false, relevanceLevel: 2 });
    expect(reportPolicy(undefined, { gain: 'exp' })).toEqual({ complete: true, gain: 'exp' });
  });

  it('names what is missing from where', () => {
    const r = { judged: 5, missing: 2, policy: resolvePolicy() };
    expect(missingQueriesNote(r, 'the fused run')).toBe('2 of 5 judged queries are missing from the fused run: skipped');
  });
});

describe('breakdown by a metadata field', () => {
  const qrels: Qrels = new Map(['1', '2', '3', '4', '5'].map((q) => [q, new Map([[`rel${q}`, 1]])]));
  const run: Run = new Map(['1', '2', '3', '4', '5'].map((q) => [q, [{ docId: Number(q) % 2 ? `rel${q}` : 'x', score: 1 }]]));
  const queries: Query[] = [
    { id: '1', text: '', meta: { task: 2 } },
    { id: '2', text: '', meta: { task: '' } },
    { id: '3', text: '', meta: { task: null } },
    { id: '4', text: '', meta: { task: ['a'] } },
  ];

  it('non-string values group by their JSON; empty, null, absent and unknown queries go to (none)', () => {
    const b = evaluateBy(evaluate(qrels, run, 'P_1'), queries, 'task');
    expect(b.field).toBe('task');
    expect(b.groups.map((g) => [g.group, g.count, g.mean.get('P_1')])).toEqual([
      ['(none)', 3, 2 / 3],
      ['2', 1, 1],
      ['["a"]', 1, 0],
    ]);
    expect(b.macro.get('P_1')).toBeCloseTo((2 / 3 + 1 + 0) / 3, 12);
  });
});
