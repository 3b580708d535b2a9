import { describe, expect, it } from 'vitest';
import { evaluate, evaluateBy } from '../../src/evaluate/evaluate.js';
import { renderRows } from '../../src/evaluate/format/render.js';
import { formatBreakdown, formatResult, formatValue, resultJson } from '../../src/evaluate/format/results.js';
import { formatTrecEval } from '../../src/evaluate/format/trec-eval.js';
import { qrels, run } from './two-queries.js';

// q1 finds its relevant document at rank 1, q2 at rank 2: recip_rank 1 and 0.5 (mean 0.75), two
// documents retrieved each (num_ret sums to 4), num_q is summary-only. Cells written by hand; the
// tables are laid out by renderRows (tested on its own in format.test.ts).
const POLICY = '2 queries; missing queries skipped, depth all, relevant if rel >= 1, unjudged docs kept, identical ids kept, nDCG gain linear, ties by docid desc';
const evaluated = () => evaluate(qrels, run, 'mrr,num_q,num_ret');

describe('evaluation reports, cell by cell', () => {
  it('summary table: measure and value, counts as integers, then the policy line', () => {
    const rows = [['recip_rank', '0.7500'], ['num_q', '2'], ['num_ret', '4']];
    expect(formatResult(evaluated(), 'table', false)).toBe(renderRows('table', ['measure', 'value'], rows) + `\n${POLICY}\n`);
    expect(formatResult(evaluated(), 'markdown', false)).toBe(renderRows('markdown', ['measure', 'value'], rows) + `\n_${POLICY}_\n`);
  });

  it('summary CSV: only the all rows, no policy line', () => {
    expect(formatResult(evaluated(), 'csv', false)).toBe('qid,measure,value\nall,recip_rank,0.75\nall,num_q,2\nall,num_ret,4\n');
  });

  it('per query: one row per query without the summary-only measures, then all', () => {
    const rows = [['q1', '1.0000', '2'], ['q2', '0.5000', '2'], ['all', '0.7500', '4']];
    expect(formatResult(evaluated(), 'table', true)).toBe(renderRows('table', ['qid', 'recip_rank', 'num_ret'], rows) + `\n${POLICY}\n`);
  });

  it('a result without any query renders its header and all row, no crash', () => {
    const r = evaluated();
    r.perQuery.clear();
    expect(formatResult(r, 'csv', true)).toBe('qid,measure,value\nall,recip_rank,0.75\nall,num_q,2\nall,num_ret,4\n');
    expect(formatResult(r, 'table', true)).toBe(renderRows('table', ['qid'], [['all']]) + `\n${POLICY}\n`);
  });

  it('formatValue: four decimals for a name it does not know', () => {
    expect(formatValue(evaluated(), 'not_a_measure', 0.5)).toBe('0.5000');
    expect(formatValue(evaluated(), 'num_ret', 4)).toBe('4');
  });

  it('JSON ends with a newline', () => {
    expect(resultJson(evaluated(), false).endsWith('}\n')).toBe(true);
  });

  it('breakdown: JSON with groups and macro; table cells with four decimals', () => {
    const r = evaluate(qrels, run, 'mrr');
    const b = evaluateBy(r, [{ id: 'q1', text: '', meta: { lang: 'en' } }, { id: 'q2', text: '', meta: { lang: 'es' } }], 'lang');
    const json = formatBreakdown(r, b, 'json');
    expect(json.endsWith('}\n')).toBe(true);
    expect(JSON.parse(json)).toEqual({
      field: 'lang',
      policy: r.policy,
      names: ['recip_rank'],
      groups: [{ group: 'en', count: 1, mean: { recip_rank: 1 } }, { group: 'es', count: 1, mean: { recip_rank: 0.5 } }],
      macro: { recip_rank: 0.75 },
    });
    const rows = [['en', '1', '1.0000'], ['es', '1', '0.5000'], ['macro (2 groups)', '2', '0.7500']];
    expect(formatBreakdown(r, b, 'table')).toBe(renderRows('table', ['lang', 'queries', 'recip_rank'], rows) + `\n${POLICY}\n`);
  });
});

describe('trec_eval format', () => {
  it('without -q: only the all lines', () => {
    expect(formatTrecEval(evaluate(qrels, run, 'mrr'), false)).toBe('recip_rank            \tall\t0.7500\n');
  });

  it('outputs of one family keep the order they were asked for', () => {
    const lines = (spec: string) => formatTrecEval(evaluate(qrels, run, spec), false).split('\n').filter(Boolean).map((l) => l.split('\t')[0].trim());
    expect(lines('P_5,P_10,P_20')).toEqual(['P_5', 'P_10', 'P_20']);
    expect(lines('P_20,P_5,P_10')).toEqual(['P_20', 'P_5', 'P_10']);
  });
});
