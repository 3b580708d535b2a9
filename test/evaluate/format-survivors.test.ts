import { describe, expect, it } from 'vitest';
import type { Comparison, PairComparison } from '../../src/evaluate/compare.js';
import { formatComparison, summaryLines } from '../../src/evaluate/format/comparison.js';
import { renderRows } from '../../src/evaluate/format/render.js';
import { resolvePolicy } from '../../src/evaluate/policy.js';

// Markdown alignment and framing, sampled p-values at their floor, the pair table's header.

describe('renderRows markdown', () => {
  it('the exact text: header, alignment row, rows, one final newline', () => {
    expect(renderRows('markdown', ['run', 'map'], [['bm25', '0.2500']])).toBe('| run | map |\n|:---|---:|\n| bm25 | 0.2500 |\n');
  });

  it('a table without rows aligns every column left', () => {
    expect(renderRows('markdown', ['run', 'map'], [])).toBe('| run | map |\n|:---|:---|\n');
  });

  it('a number followed by text is text (left); a missing cell does not make a column text', () => {
    const md = renderRows('markdown', ['a', 'b', 'c'], [['0.5*', '1', '2'], ['0.25', '3']]);
    expect(md.split('\n')[1]).toBe('|:---|---:|---:|');
  });
});

/** Two runs x and y, one measure m, one significant pair; the test and its p as given. */
function comparison(pair: Partial<PairComparison>, options: Comparison['options']): Comparison {
  return {
    runs: ['x', 'y'],
    measures: ['m'],
    qids: ['q1', 'q2'],
    means: [new Map([['m', 0.5]]), new Map([['m', 0.3]])],
    values: [new Map([['m', [0.4, 0.6]]]), new Map([['m', [0.2, 0.4]]])],
    pairs: [{ measure: 'm', a: 0, b: 1, diff: 0.2, p: 0.5, pAdjusted: 0.5, effectSize: 1, significant: true, ...pair }],
    options,
    policy: resolvePolicy(),
  };
}

describe('sampled p-values at their floor', () => {
  it('bootstrap: 1/501 with 500 resamples is a bound, "p < 0.002 with 500 resamples"', () => {
    // bound = p (draws + 1) / draws = 1/500 = 0.002.
    const c = comparison({ p: 1 / 501, pAdjusted: 1 / 501 }, { test: 'bootstrap', correction: 'holm', alpha: 0.05, samples: 500 });
    expect(summaryLines(c)).toEqual(['x beats y on m by +0.200 (p < 0.002 with 500 resamples)']);
  });

  it('randomization: 1/1001 with 1,000 permutations is "p < 0.001" (exactly 1/1000: not below 0.001, so not 1e-3)', () => {
    const c = comparison({ p: 1 / 1001, pAdjusted: 1 / 1001 }, { test: 'randomization', correction: 'holm', alpha: 0.05, permutations: 1000 });
    expect(summaryLines(c)).toEqual(['x beats y on m by +0.200 (p < 0.001 with 1,000 permutations)']);
  });
});

describe('the pair table', () => {
  it('has its header in table and markdown formats', () => {
    const c = comparison({}, { test: 'paired-t', correction: 'holm', alpha: 0.05 });
    expect(formatComparison(c, 'markdown')).toContain('\n| measure | pair | mean diff | p | p adjusted | effect (d_z) | CI of diff | significant |\n');
    expect(formatComparison(c, 'table')).toMatch(/\nmeasure +pair +mean diff +p +p adjusted +effect \(d_z\) +CI of diff +significant\n/);
  });
});
