import { describe, expect, it } from 'vitest';
import { formatReport, XLING_FORMATS } from '../../src/crosslingual/format.js';
import { isNotApplicable, notApplicable, type Gap, type LanguageRow, type XlingReport } from '../../src/crosslingual/report.js';

const gap = (g: Partial<Gap>): Record<string, Gap> => ({ 'nDCG@10': { absolute: 0, relative: 0, p: 1, ci: [0, 0], pairs: 3, ...g } });
const few = notApplicable('fewer than 2 languages');

/**
 * A report written by hand: condition c over en (the reference), es, fr, it and zh (not applicable),
 * condition d over en alone. Each cell exercises one rule of the text: 4 decimals, a sign on
 * differences (+ on 0), a percentage, p below 1e-4, and why a value is missing.
 */
function handReport(reference: XlingReport['reference'] = 'en'): XlingReport {
  const rows: LanguageRow[] = [
    { condition: 'c', label: 'Cond C', lang: 'en', queries: 3, scores: { 'nDCG@10': 1, 'R@100': 1, MRR: 1 }, gap: notApplicable('reference'), overlap: 0.25 },
    {
      condition: 'c', label: 'Cond C', lang: 'es', queries: 3,
      scores: { 'nDCG@10': 0.5, 'R@100': 0.75, MRR: NaN },
      gap: gap({ absolute: -0.5, relative: -0.5, p: 0.00009, ci: [-0.75, -0.25] }),
      overlap: notApplicable('one language only'),
    },
    { condition: 'c', label: 'Cond C', lang: 'fr', queries: 2, scores: { 'nDCG@10': 0, 'R@100': 0, MRR: 0 }, gap: gap({ absolute: 0, relative: NaN, p: 1e-4, ci: [0, NaN] }), overlap: 0 },
    { condition: 'c', label: 'Cond C', lang: 'it', queries: 2, scores: { 'nDCG@10': 0.06, 'R@100': 0.5, MRR: 0.25 }, gap: gap({ absolute: 0.06171, relative: 0.123456, p: NaN, ci: [-0.1, Infinity] }), overlap: 0.5 },
    { condition: 'c', label: 'Cond C', lang: 'zh', queries: 0, scores: notApplicable('no zh toy'), gap: notApplicable('no zh toy'), overlap: notApplicable('no zh toy') },
    { condition: 'd', label: 'Cond D', lang: 'en', queries: 3, scores: { 'nDCG@10': 0.3, 'R@100': 0.4, MRR: 0.2 }, gap: notApplicable('reference'), overlap: notApplicable('one language only') },
  ] as LanguageRow[];
  return {
    dataset: 'toy',
    split: 'test',
    measures: ['nDCG@10', 'R@100', 'MRR'],
    primary: 'nDCG@10',
    reference,
    method: { test: 'T-METHOD', bootstrap: 'B-METHOD', policy: 'P-POLICY' },
    rows,
    summaries: [
      { condition: 'c', label: 'Cond C', languages: ['en', 'es', 'fr', 'it'], worst: { lang: 'fr', value: 0 }, best: { lang: 'en', value: 1 }, spread: 1, overlap: 0.125, allLanguagesHit: 0.5, groups: 3 },
      { condition: 'd', label: 'Cond D', languages: ['en'], worst: few, best: few, spread: few, overlap: few, allLanguagesHit: few, groups: 3 },
    ],
    notes: ['first note', 'second note'],
    runs: [
      { condition: 'c', run: 'runs/toy.c.trec', queries: 'runs/toy.c.queries.jsonl' },
      { condition: 'd', run: 'runs/toy.d.trec' },
    ],
  };
}

describe('cells that do not apply', () => {
  it('are objects carrying the reason; nothing else is one (null, numbers, strings)', () => {
    expect(notApplicable('no zh toy')).toEqual({ notApplicable: 'no zh toy' });
    expect(isNotApplicable(notApplicable(''))).toBe(true);
    for (const value of [null, undefined, 0, 0.5, 'n/a', { lang: 'en', value: 1 }]) expect(isNotApplicable(value), String(value)).toBe(false);
  });
});

describe('language-gap report as text', () => {
  it('offers the table formats and json', () => {
    expect(XLING_FORMATS).toEqual(['table', 'markdown', 'csv', 'json']);
  });

  it('CSV: one flat table, the CI in two columns, the condition summary repeated on each of its rows', () => {
    expect(formatReport(handReport(), 'csv').split('\n')).toEqual([
      'condition,lang,queries,nDCG@10,R@100,MRR,Δ nDCG@10 vs en,Δ%,95% CI of Δ: low,95% CI of Δ: high,p,overlap@10,spread (best − worst),mean overlap@10,all-languages-hit@10',
      'Cond C,en,3,1.0000,1.0000,1.0000,n/a: reference,n/a,n/a,n/a,n/a,0.2500,1.0000,0.1250,0.5000',
      'Cond C,es,3,0.5000,0.7500,n/a (undefined),-0.5000,-50.0%,-0.7500,-0.2500,<0.0001,n/a: one language only,1.0000,0.1250,0.5000',
      'Cond C,fr,2,0.0000,0.0000,0.0000,+0.0000,n/a (reference is 0),+0.0000,n/a (undefined),0.0001,0.0000,1.0000,0.1250,0.5000',
      'Cond C,it,2,0.0600,0.5000,0.2500,+0.0617,+12.3%,-0.1000,n/a (undefined),n/a (undefined),0.5000,1.0000,0.1250,0.5000',
      'Cond C,zh,0,n/a: no zh toy,n/a,n/a,n/a: no zh toy,n/a,n/a,n/a,n/a,n/a: no zh toy,1.0000,0.1250,0.5000',
      'Cond D,en,3,0.3000,0.4000,0.2000,n/a: reference,n/a,n/a,n/a,n/a,n/a: one language only,n/a: fewer than 2 languages,n/a: fewer than 2 languages,n/a: fewer than 2 languages',
      '',
    ]);
  });

  it('Markdown: the per-language table with the CI in one cell, the per-condition table, then method, notes and runs', () => {
    const lines = formatReport(handReport(), 'markdown').split('\n');
    expect(lines[0]).toBe('toy (test): per-language scores; gap to en');
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe('| condition | lang | queries | nDCG@10 | R@100 | MRR | Δ nDCG@10 vs en | Δ% | 95% CI of Δ | p | overlap@10 |');
    expect(lines).toContain('| Cond C | es | 3 | 0.5000 | 0.7500 | n/a (undefined) | -0.5000 | -50.0% | [-0.7500, -0.2500] | <0.0001 | n/a: one language only |');
    expect(lines).toContain('| Cond C | fr | 2 | 0.0000 | 0.0000 | 0.0000 | +0.0000 | n/a (reference is 0) | [+0.0000, n/a (undefined)] | 0.0001 | 0.0000 |');
    expect(lines).toContain('| Cond C | zh | 0 | n/a: no zh toy | n/a | n/a | n/a: no zh toy | n/a | n/a | n/a | n/a: no zh toy |');
    expect(lines).toContain('| condition | languages | worst nDCG@10 | best nDCG@10 | spread (best − worst) | mean overlap@10 | all-languages-hit@10 | groups |');
    expect(lines).toContain('| Cond C | en es fr it | fr 0.0000 | en 1.0000 | 1.0000 | 0.1250 | 0.5000 | 3 |');
    expect(lines).toContain('| Cond D | en | n/a: fewer than 2 languages | n/a: fewer than 2 languages | n/a: fewer than 2 languages | n/a: fewer than 2 languages | n/a: fewer than 2 languages | 3 |');
    expect(lines.slice(-7)).toEqual([
      'p: T-METHOD; CI: B-METHOD.',
      'Evaluation: P-POLICY.',
      'Note: first note',
      'Note: second note',
      'run: runs/toy.c.trec (searched text: runs/toy.c.queries.jsonl)',
      'run: runs/toy.d.trec',
      '',
    ]);
  });

  it('says why there is no gap when the reference language is absent', () => {
    const text = formatReport(handReport(notApplicable('no en queries in toy')), 'markdown');
    expect(text.split('\n')[0]).toBe('toy (test): per-language scores; gap to the reference: n/a (no en queries in toy)');
    expect(text).toContain('| Δ nDCG@10 vs reference |');
    expect(formatReport(handReport(notApplicable('no en queries in toy')), 'csv').split('\n')[0]).toContain(',Δ nDCG@10 vs reference,');
  });

  it('the terminal table: aligned columns, no Markdown pipes', () => {
    const text = formatReport(handReport(), 'table');
    expect(text).not.toContain('|');
    expect(text).toMatch(/^Cond C +es +3 +0\.5000 +0\.7500 +n\/a \(undefined\) +-0\.5000 +-50\.0% +\[-0\.7500, -0\.2500\] +<0\.0001 +n\/a: one language only$/m);
    expect(text).toContain('run: runs/toy.d.trec\n');
  });

  it('JSON: the whole report, indented, every measure of every gap included', () => {
    const r = handReport();
    const text = formatReport(r, 'json');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "dataset": "toy",\n');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(r)));
  });
});
