import { describe, expect, it } from 'vitest';
import type { Comparison, PairComparison } from '../../src/evaluate/compare.js';
import { formatComparison, summaryLines } from '../../src/evaluate/format/comparison.js';
import { resolvePolicy } from '../../src/evaluate/policy.js';

/** A comparison written by hand: run x beats y and z on m; the p-values are chosen per test. */
function comparison(pairs: Partial<PairComparison>[], options: Partial<Comparison['options']> = {}): Comparison {
  return {
    runs: ['x', 'y', 'z'],
    measures: ['m'],
    qids: ['q1', 'q2'],
    means: [new Map([['m', 0.5]]), new Map([['m', 0.3]]), new Map([['m', 0.2]])],
    values: [new Map([['m', [0.5, 0.5]]]), new Map([['m', [0.3, 0.3]]]), new Map([['m', [0.2, 0.2]]])],
    pairs: pairs.map((p, i) => ({ measure: 'm', a: [0, 0, 1][i], b: [1, 2, 2][i], diff: [0.2, 0.3, 0.1][i], p: 0.5, pAdjusted: 0.5, effectSize: 1, significant: false, ...p })),
    options: { test: 'paired-t', correction: 'holm', alpha: 0.05, ...options },
    policy: resolvePolicy({}),
  };
}

describe('comparison report edges', () => {
  it('p exactly 0.001 prints with three decimals (below it, in exponent form)', () => {
    const c = comparison([{ p: 0.001, pAdjusted: 0.001, significant: true }, { p: 0.0004, pAdjusted: 0.0004, significant: true }, {}]);
    expect(summaryLines(c)).toEqual(['x beats y on m by +0.200 (p=0.001, Holm)', 'x beats z on m by +0.300 (p=4.0e-4, Holm)']);
  });

  it('a sampled p at its floor is a bound in exponent form: 1/10,001 with 10,000 permutations → p < 1e-4', () => {
    const c = comparison([{ p: 1 / 10001, pAdjusted: 1 / 10001, significant: true }, {}, {}], { test: 'randomization', permutations: 10000 });
    expect(summaryLines(c)).toEqual(['x beats y on m by +0.200 (p < 1e-4 with 10,000 permutations, Holm)']);
  });

  it('table: summary lines as they are (no list dashes); CSV: the runs beaten, space-separated; JSON ends with a newline', () => {
    const c = comparison([{ p: 0.01, pAdjusted: 0.01, significant: true }, { p: 0.02, pAdjusted: 0.02, significant: true }, {}]);
    const table = formatComparison(c, 'table');
    expect(table).toContain('\nx beats y on m by +0.200 (p=0.010, Holm)\nx beats z on m by +0.300 (p=0.020, Holm)\n');
    expect(table).not.toContain('- x beats');
    expect(formatComparison(c, 'csv').split('\n')[1]).toBe('a,x,0.5,b c');
    expect(formatComparison(c, 'json').endsWith('}\n')).toBe(true);
  });
});
