import { describe, expect, it } from 'vitest';
import { evaluate, evaluateBy } from '../../src/evaluate/evaluate.js';
import { formatBreakdown, formatResult, resultJson } from '../../src/evaluate/format/results.js';
import { renderRows } from '../../src/evaluate/format/render.js';
import { formatTrecEval } from '../../src/evaluate/format/trec-eval.js';
import { qrels, run } from './two-queries.js';

// Two queries: q1 finds its relevant document at rank 1, q2 at rank 2 (P@2 = 0.5 for both).
// computed inside each test (not at module level) so the mutation run's per-test coverage sees it
const evaluated = () => evaluate(qrels, run, 'mrr,P@2,num_rel_ret');

describe('result formats', () => {
  it('trec_eval: %-22s name, tab, qid, tab, %.4f (integers for counts), per query then all', () => {
    const result = evaluated();
    expect(formatTrecEval(result, true)).toBe(
      [
        'num_rel_ret           \tq1\t1',
        'recip_rank            \tq1\t1.0000',
        'P_2                   \tq1\t0.5000',
        'num_rel_ret           \tq2\t1',
        'recip_rank            \tq2\t0.5000',
        'P_2                   \tq2\t0.5000',
        'num_rel_ret           \tall\t2',
        'recip_rank            \tall\t0.7500',
        'P_2                   \tall\t0.5000',
        '',
      ].join('\n'),
    );
  });

  it('table and Markdown: one row per measure, or per query plus all, and the policy', () => {
    const result = evaluated();
    const table = formatResult(result, 'table', false);
    expect(table).toMatch(/^recip_rank\s+0\.7500$/m);
    expect(table).toMatch(/2 queries; missing queries skipped/);
    const md = formatResult(result, 'markdown', true);
    expect(md).toContain('| qid | recip_rank | P_2 | num_rel_ret |');
    expect(md).toContain('| all | 0.7500 | 0.5000 | 2 |');
  });

  it('CSV is long (qid, measure, value) for pandas; JSON has the policy', () => {
    const result = evaluated();
    const csv = formatResult(result, 'csv', true).trim().split('\n');
    expect(csv[0]).toBe('qid,measure,value');
    expect(csv).toContain('q2,recip_rank,0.5');
    expect(csv).toContain('all,recip_rank,0.75');
    const json = JSON.parse(resultJson(result, true));
    expect(json.perQuery.q2.recip_rank).toBe(0.5);
    expect(json.policy.complete).toBe(false);
  });

  it('breakdown tables end with the macro average', () => {
    const result = evaluated();
    const b = evaluateBy(result, [{ id: 'q1', text: '', meta: { lang: 'en' } }, { id: 'q2', text: '', meta: { lang: 'es' } }], 'lang');
    expect(formatBreakdown(result, b, 'csv').trim().split('\n')).toEqual(['lang,queries,recip_rank,P_2,num_rel_ret', 'en,1,1,0.5,1', 'es,1,0.5,0.5,1', 'macro (2 groups),2,0.75,0.5,1']);
  });

  it('quotes CSV cells and escapes Markdown pipes', () => {
    expect(renderRows('csv', ['a'], [['x,"y"']])).toBe('a\n"x,""y"""\n');
    expect(renderRows('markdown', ['a'], [['x|y']])).toContain('x\\|y');
  });
});
