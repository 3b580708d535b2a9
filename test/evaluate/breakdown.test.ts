import { describe, expect, it } from 'vitest';
import type { Qrels, Query, Run } from '../../src/core/types.js';
import { evaluate, evaluateBy } from '../../src/evaluate/evaluate.js';

// Four queries; query i finds its relevant document at rank i, so its reciprocal rank is 1/i.
const qrels: Qrels = new Map(['1', '2', '3', '4'].map((q) => [q, new Map([[`rel${q}`, 1]])]));
const run: Run = new Map(
  ['1', '2', '3', '4'].map((q) => {
    const docs = Array.from({ length: 4 }, (_, i) => ({ docId: i + 1 === Number(q) ? `rel${q}` : `x${i}`, score: 10 - i }));
    return [q, docs];
  }),
);
const queries: Query[] = [
  { id: '1', text: '', meta: { lang: 'en' } },
  { id: '2', text: '', meta: { lang: 'es' } },
  { id: '3', text: '', meta: { lang: 'es' } },
  { id: '4', text: '', meta: {} },
];

describe('evaluateBy', () => {
  // computed inside each test (not at describe level) so the mutation run's per-test coverage sees it
  const grouped = () => evaluateBy(evaluate(qrels, run, 'mrr,num_q'), queries, 'lang');

  it('gives per-group means and counts; a query without the field goes to (none)', () => {
    const b = grouped();
    expect(b.groups.map((g) => [g.group, g.count, g.mean.get('recip_rank')])).toEqual([
      ['(none)', 1, 1 / 4],
      ['en', 1, 1],
      ['es', 2, (1 / 2 + 1 / 3) / 2],
    ]);
  });

  it('averages the groups equally (macro)', () => {
    const b = grouped();
    expect(b.macro.get('recip_rank')).toBeCloseTo((1 / 4 + 1 + 5 / 12) / 3, 12);
  });

  it('leaves out summary-only measures', () => {
    const b = grouped();
    expect(b.names).toEqual(['recip_rank']);
  });
});
