import { describe, expect, it } from 'vitest';
import type { Qrels, Run } from '../../src/core/types.js';
import { beats, compareResults, letter, type Comparison } from '../../src/evaluate/compare.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { formatComparison, perQueryCsv, summaryLines } from '../../src/evaluate/format/comparison.js';
import { resolvePolicy } from '../../src/evaluate/policy.js';

/**
 * A comparison written by hand (not computed), so every printed cell is known: three runs, two
 * measures, p-values chosen to hit the sampled floor (1/1001 with 1,000 permutations) and not.
 */
const c: Comparison = {
  runs: ['bm25', 'dense_x', 'hy%brid'],
  measures: ['ndcg_cut_10', 'P_5'],
  qids: ['q1', 'q2'],
  means: [new Map([['ndcg_cut_10', 0.25], ['P_5', 0.5]]), new Map([['ndcg_cut_10', 0.5], ['P_5', 0.4]]), new Map([['ndcg_cut_10', 0.5], ['P_5', 0.1]])],
  values: [
    new Map([['ndcg_cut_10', [0, 0.5]], ['P_5', [0.4, 0.6]]]),
    new Map([['ndcg_cut_10', [0.5, 0.5]], ['P_5', [0.4, 0.4]]]),
    new Map([['ndcg_cut_10', [0.25, 0.75]], ['P_5', [0, 0.2]]]),
  ],
  pairs: [
    { measure: 'ndcg_cut_10', a: 0, b: 1, diff: -0.25, p: 0.0005, pAdjusted: 0.0015, effectSize: -1, ci: [-0.5, 0], significant: true },
    { measure: 'ndcg_cut_10', a: 0, b: 2, diff: -0.25, p: 0.02, pAdjusted: 0.04, effectSize: -0.5, significant: true },
    { measure: 'ndcg_cut_10', a: 1, b: 2, diff: 0, p: 1, pAdjusted: 1, effectSize: 0, significant: false },
    { measure: 'P_5', a: 0, b: 1, diff: 0.1, p: 0.3, pAdjusted: 0.6, effectSize: Infinity, significant: false },
    { measure: 'P_5', a: 0, b: 2, diff: 0.4, p: 1 / 1001, pAdjusted: 3 / 1001, effectSize: 2, significant: true },
    { measure: 'P_5', a: 1, b: 2, diff: 0.3, p: 0.01, pAdjusted: 0.02, effectSize: 1.5, significant: true },
  ],
  options: { test: 'randomization', correction: 'holm', alpha: 0.05, permutations: 1000 },
  policy: resolvePolicy({ complete: true }),
};
const POLICY = 'missing queries count as 0 (-c), depth all, relevant if rel >= 1, unjudged docs kept, identical ids kept, nDCG gain linear, ties by docid desc';
const FOOTER = `2 queries shared by all runs; randomization, Holm over the 3 pairs of each measure, alpha=0.05; letters mark significant wins over the runs they name; ${POLICY}`;

describe('comparison report, cell by cell', () => {
  it('summary: the winner first, |diff| signed, "p <" bound at the sampled floor (p·1001/1000), the correction named', () => {
    expect(summaryLines(c)).toEqual([
      'dense_x beats bm25 on ndcg_cut_10 by +0.250 (p < 0.002 with 1,000 permutations, Holm)',
      'hy%brid beats bm25 on ndcg_cut_10 by +0.250 (p=0.040, Holm)',
      'bm25 beats hy%brid on P_5 by +0.400 (p < 0.003 with 1,000 permutations, Holm)',
      'dense_x beats hy%brid on P_5 by +0.300 (p=0.020, Holm)',
    ]);
    // Bootstrap without --samples: the floor is 1/10,001, so 0.0005 prints as the corrected p.
    expect(summaryLines({ ...c, options: { test: 'bootstrap', correction: 'bonferroni', alpha: 0.01 } })[0]).toBe('dense_x beats bm25 on ndcg_cut_10 by +0.250 (p=0.002, Bonferroni)');
    // Two runs: one pair per measure, no correction named; nothing significant says so.
    const two = { ...c, runs: c.runs.slice(0, 2), pairs: c.pairs.filter((p) => p.b === 1).map((p) => ({ ...p, significant: false })), options: { test: 'paired-t', correction: 'holm', alpha: 0.01 } };
    expect(summaryLines(two)).toEqual(['no significant difference at alpha=0.01 (paired-t)']);
    expect(formatComparison(two, 'table')).toContain('paired-t, one pair per measure (nothing to correct), alpha=0.01;');
    expect(summaryLines({ ...two, runs: c.runs, options: { ...two.options, correction: 'none' } })).toEqual(['no significant difference at alpha=0.01 (paired-t, uncorrected)']);
    // p below 0.001 prints in exponent form.
    expect(summaryLines({ ...c, pairs: [{ ...c.pairs[1], pAdjusted: 0.00042 }] })).toEqual(['hy%brid beats bm25 on ndcg_cut_10 by +0.250 (p=4.2e-4, Holm)']);
  });

  it('table: letters of the runs beaten, pair rows with CI and Infinity, then summary and footer', () => {
    const lines = formatComparison(c, 'table').split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'id  run      ndcg_cut_10  P_5',
      '--  -------  -----------  ---------',
      'a   bm25     0.2500       0.5000 ^c',
      'b   dense_x  0.5000 ^a    0.4000 ^c',
      'c   hy%brid  0.5000 ^a    0.1000',
    ]);
    expect(lines[8]).toBe('ndcg_cut_10  a vs b    -0.2500  0.0005      0.0015  -1.0000       [-0.5000, 0.0000]  yes');
    expect(lines[11]).toBe('P_5          a vs b     0.1000  0.3000      0.6000  Infinity                         no');
    expect(lines.at(-2)).toBe(FOOTER);
  });

  it('markdown: best in bold, <sup> letters, numeric columns right-aligned, summary as a list, footer in italics', () => {
    const md = formatComparison(c, 'markdown');
    expect(md).toContain('| id | run | ndcg_cut_10 | P_5 |\n|:---|:---|:---|:---|\n| a | bm25 | 0.2500 | **0.5000**<sup>c</sup> |\n| b | dense_x | **0.5000**<sup>a</sup> | 0.4000<sup>c</sup> |\n| c | hy%brid | **0.5000**<sup>a</sup> | 0.1000 |\n');
    expect(md).toContain('|:---|:---|---:|---:|---:|:---|:---|:---|');
    expect(md).toContain('\n- hy%brid beats bm25 on ndcg_cut_10 by +0.250 (p=0.040, Holm)\n');
    expect(md.endsWith(`\n\n_${FOOTER}_\n`)).toBe(true);
  });

  it('csv: means as numbers and the letters each run beats', () => {
    expect(formatComparison(c, 'csv')).toBe('id,run,ndcg_cut_10,ndcg_cut_10 beats,P_5,P_5 beats\na,bm25,0.25,,0.5,c\nb,dense_x,0.5,a,0.4,c\nc,hy%brid,0.5,a,0.1,\n');
  });

  it('json: runs with ids and beats, pairs by run name, the summary and policy', () => {
    const j = JSON.parse(formatComparison(c, 'json'));
    expect(j.runs[1]).toEqual({ id: 'b', name: 'dense_x', means: { ndcg_cut_10: 0.5, P_5: 0.4 }, beats: { ndcg_cut_10: ['a'], P_5: ['c'] } });
    expect([j.measures, j.queries, j.test, j.correction, j.alpha]).toEqual([['ndcg_cut_10', 'P_5'], 2, 'randomization', 'holm', 0.05]);
    expect(j.pairs[4]).toMatchObject({ measure: 'P_5', a: 'bm25', b: 'hy%brid', diff: 0.4, significant: true });
    expect(j.summary).toEqual(summaryLines(c));
    expect(j.policy.complete).toBe(true);
  });

  it('latex: booktabs, escaped names, bold best, superscript letters, footer as a comment', () => {
    expect(formatComparison(c, 'latex')).toBe(
      [
        '% requires \\usepackage{booktabs}',
        '\\begin{tabular}{llrr}',
        '\\toprule',
        ' & Run & ndcg\\_cut\\_10 & P\\_5 \\\\',
        '\\midrule',
        'a & bm25 & 0.2500 & \\textbf{0.5000}$^{c}$ \\\\',
        'b & dense\\_x & \\textbf{0.5000}$^{a}$ & 0.4000$^{c}$ \\\\',
        'c & hy\\%brid & \\textbf{0.5000}$^{a}$ & 0.1000 \\\\',
        '\\bottomrule',
        '\\end{tabular}',
        `% ${FOOTER}`,
        '',
      ].join('\n'),
    );
  });

  it('per-query CSV: every run with its difference to the first', () => {
    const rows = perQueryCsv(c).trim().split('\n');
    expect(rows[0]).toBe('qid,measure,run,value,delta vs bm25');
    expect(rows.slice(1, 7)).toEqual(['q1,ndcg_cut_10,bm25,0,0', 'q1,ndcg_cut_10,dense_x,0.5,0.5', 'q1,ndcg_cut_10,hy%brid,0.25,0.25', 'q1,P_5,bm25,0.4,0', 'q1,P_5,dense_x,0.4,0', 'q1,P_5,hy%brid,0,-0.4']);
    expect(rows).toHaveLength(13);
  });
});

describe('compareResults edges', () => {
  it('run letters go a…z, then a1, b1…', () => {
    expect([letter(0), letter(25), letter(26), letter(27), letter(52)]).toEqual(['a', 'z', 'a1', 'b1', 'a2']);
  });

  it('needs two shared queries; summary-only measures are not compared; significance uses the corrected p', () => {
    const qrels: Qrels = new Map([['q1', new Map([['d1', 1]])], ['q2', new Map([['d2', 1]])], ['q3', new Map([['d3', 1]])]]);
    const one: Run = new Map([['q1', [{ docId: 'd1', score: 1 }]]]);
    const r1 = evaluate(qrels, one, 'map,num_q');
    expect(() => compareResults([{ name: 'x', result: r1 }, { name: 'y', result: r1 }], { test: 'paired-t', correction: 'holm', alpha: 0.05 })).toThrow(
      'the runs share 1 evaluated queries; a paired test needs at least 2',
    );
    const all: Run = new Map(['q1', 'q2', 'q3'].map((q, i) => [q, [{ docId: `d${i + 1}`, score: 1 }]]));
    const none: Run = new Map(['q1', 'q2', 'q3'].map((q) => [q, [{ docId: 'x', score: 1 }]]));
    const cmp = compareResults([{ name: 'all', result: evaluate(qrels, all, 'map,num_q') }, { name: 'none', result: evaluate(qrels, none, 'map,num_q') }], { test: 'randomization', correction: 'none', alpha: 0.25 });
    expect(cmp.measures).toEqual(['map']);
    // Every difference is 1: all 8 sign flips of 3 values, 2 as extreme → p = 0.25, not < 0.25.
    expect(cmp.pairs[0]).toMatchObject({ p: 0.25, pAdjusted: 0.25, significant: false, diff: 1 });
    expect(compareResults([{ name: 'all', result: evaluate(qrels, all, 'map') }, { name: 'none', result: evaluate(qrels, none, 'map') }], { test: 'randomization', correction: 'none', alpha: 0.26 }).pairs[0].significant).toBe(true);
  });

  it('beats: wins as first or second of a pair, sorted; a zero difference beats nobody; other measures do not count', () => {
    const pairs = [
      { measure: 'm', a: 0, b: 2, diff: -0.1, p: 0, pAdjusted: 0, effectSize: 0, significant: true },
      { measure: 'm', a: 1, b: 2, diff: -0.2, p: 0, pAdjusted: 0, effectSize: 0, significant: true },
      { measure: 'm', a: 2, b: 3, diff: 0, p: 0, pAdjusted: 0, effectSize: 0, significant: true },
      { measure: 'm', a: 0, b: 3, diff: 0.3, p: 0.5, pAdjusted: 0.5, effectSize: 0, significant: false },
      { measure: 'other', a: 2, b: 3, diff: 0.3, p: 0, pAdjusted: 0, effectSize: 0, significant: true },
    ];
    const cmp = { ...c, runs: ['w', 'x', 'y', 'z'], pairs };
    expect(beats(cmp, 2, 'm')).toEqual([0, 1]);
    expect(beats(cmp, 0, 'm')).toEqual([]);
    expect(beats(cmp, 3, 'm')).toEqual([]);
    expect(beats({ ...cmp, pairs: [pairs[1], pairs[0]] }, 2, 'm')).toEqual([0, 1]);
  });
});
