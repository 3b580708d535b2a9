import { describe, expect, it } from 'vitest';
import type { AnswerRow } from '../../src/rag/answer.js';
import { conditionLabel, conditionsFor, expandConditions } from '../../src/rag/condition.js';
import { READERS } from '../../src/rag/readers/registry.js';
import { GENERATORS } from '../../src/generate/registry.js';
import { buildReport, formatReport, macroLines } from '../../src/rag/report.js';

const row = (id: string, group: string, lang: string, correct: boolean, extra: Partial<AnswerRow> = {}): AnswerRow => ({
  id, group, lang, answer: 'A', choice: correct ? 'A' : 'B', parsed: true, correct, reply: '', context: [], goldInContext: null, ...extra,
});

describe('RAG report lines, by hand', () => {
  // closed-book: g/en 1 of 2 right, g/es 0 of 2; rag: g/en 2 of 2 (one unparsed), g/es 1 of 2, h/en 1 of 1.
  const closed = [row('1', 'g', 'en', true), row('2', 'g', 'en', false), row('3', 'g', 'es', false), row('4', 'g', 'es', false)];
  const rag = [
    row('1', 'g', 'en', true, { goldInContext: true }),
    row('2', 'g', 'en', true, { goldInContext: false, parsed: false }),
    row('3', 'g', 'es', true, { goldInContext: true }),
    row('4', 'g', 'es', false, { goldInContext: true }),
    row('5', 'h', 'en', true, { goldInContext: false }),
  ];
  const results = [{ label: 'closed-book', rows: closed }, { label: 'rag', rows: rag }];
  // Built inside each test (not at collection), so the mutation runner sees which tests cover report.ts.
  const lines = () => buildReport(results, (label) => (label === 'closed-book' ? undefined : 'closed-book'));
  const line = (c: string, g: string, l: string) => lines().find((x) => x.condition === c && x.group === g && x.lang === l)!;

  it('one line per condition × group × language, in order of first appearance', () => {
    expect(lines().map((l) => `${l.condition} ${l.group} ${l.lang}`)).toEqual(['closed-book g en', 'closed-book g es', 'rag g en', 'rag g es', 'rag h en']);
  });

  it('accuracy, unparsed, the gap to English of the same group, and the gold link', () => {
    expect([line('rag', 'g', 'en').accuracy.correct, line('rag', 'g', 'en').accuracy.n]).toEqual([2, 2]);
    expect(line('rag', 'g', 'en').unparsed).toBe(1);
    expect(line('rag', 'g', 'es').unparsed).toBe(0);
    expect(line('rag', 'g', 'es').gapToEnglish).toBeCloseTo(0.5 - 1, 12);
    expect(line('closed-book', 'g', 'es').gapToEnglish).toBeCloseTo(0 - 0.5, 12);
    expect(line('rag', 'g', 'en').gapToEnglish).toBeNull();
    expect(line('rag', 'g', 'en').link).toMatchObject({ goldRate: 0.5 });
    expect(line('closed-book', 'g', 'en').link).toBeNull();
  });

  it('McNemar against the reference condition on the same items; the reference itself has none', () => {
    expect(line('closed-book', 'g', 'en').versus).toBeUndefined();
    // g/en: item 2 wrong → right: onlyA (reference only) 0, onlyB 1, p = 2 · 1/2 = 1
    expect(line('rag', 'g', 'en').versus).toEqual({ condition: 'closed-book', test: { onlyA: 0, onlyB: 1, p: 1 } });
    expect(line('rag', 'g', 'es').versus!.test).toMatchObject({ onlyA: 0, onlyB: 1 });
    // h/en has no reference cell.
    expect(line('rag', 'h', 'en').versus).toBeUndefined();
  });

  it('a condition that names itself as reference is not compared with itself', () => {
    const self = buildReport([{ label: 'rag', rows: rag }], () => 'rag');
    expect(self.every((l) => l.versus === undefined)).toBe(true);
  });

  it('mean F1 only where free-text rows carry one', () => {
    const free = buildReport([{ label: 'x', rows: [row('1', 'g', 'en', true, { f1: 1 }), row('2', 'g', 'en', false, { f1: 0.5 })] }], () => undefined);
    expect(free[0].f1).toBeCloseTo(0.75, 12);
    expect('f1' in lines()[0]).toBe(false);
  });

  it('macro lines average groups of one condition and language, only where there are several groups', () => {
    expect(macroLines(lines())).toEqual([{ condition: 'rag', lang: 'en', groups: 2, accuracy: 1 }]);
  });

  it('formats: sign of the gap, McNemar cell, gold share; empty columns left out; macro table after', () => {
    const text = formatReport(lines(), 'csv');
    const [table, macro] = text.split('\n\n');
    const rows = table.split('\n');
    expect(rows[0]).toBe('condition,group,lang,n,acc,SE,Wilson 95%,unparsed,gold in ctx,acc|gold,acc|no gold,Δ vs en,McNemar (ref only/this only)');
    expect(rows[1]).toBe('closed-book,g,en,2,0.5000,0.3536,0.0945–0.9055,0,,,,,');
    expect(rows[4]).toBe('rag,g,es,2,0.5000,0.3536,0.0945–0.9055,0,100.0%,0.5000,,-0.5000,0/1 p=1.00');
    expect(rows[5]).toBe('rag,h,en,1,1.0000,0.0000,0.2065–1.0000,0,0.0%,,1.0000,,');
    expect(macro).toBe('condition,lang,groups,macro avg\nrag,en,2,1.0000');
    const positive = formatReport(buildReport([{ label: 'x', rows: [row('1', 'g', 'en', false), row('2', 'g', 'es', true)] }], () => undefined), 'csv');
    expect(positive).toMatch(/,\+1\.0000$/m);
  });

  it('free-text reports say EM and show F1; no line fills gold or McNemar → those columns go', () => {
    const text = formatReport(buildReport([{ label: 'x', rows: [row('1', 'g', 'en', true, { f1: 1 }), row('2', 'g', 'en', false)] }], () => undefined), 'csv');
    expect(text).toBe('condition,group,lang,n,acc (EM),F1,SE,Wilson 95%,unparsed\nx,g,en,2,0.5000,1.0000,0.3536,0.0945–0.9055,0');
  });
});

describe('RAG report edges', () => {
  it('McNemar pairs only the items both conditions answered', () => {
    // Reference: 1 right, 2 wrong. This condition: 1 wrong, 2 right, and item 3 (right) the reference lacks.
    const lines = buildReport(
      [{ label: 'ref', rows: [row('1', 'g', 'en', true), row('2', 'g', 'en', false)] }, { label: 'x', rows: [row('1', 'g', 'en', false), row('2', 'g', 'en', true), row('3', 'g', 'en', true)] }],
      (label) => (label === 'x' ? 'ref' : undefined),
    );
    // Pairs (ref, x): (right, wrong) and (wrong, right): one each way; exact binomial p = 2 · P(X ≤ 1 | n = 2) = 1.5, capped at 1.
    expect(lines[1].versus).toEqual({ condition: 'ref', test: { onlyA: 1, onlyB: 1, p: 1 } });
  });

  it('no reference, no McNemar, whatever the group and language are called', () => {
    const lines = buildReport([{ label: 'x', rows: [row('1', 'undefined', 'undefined', true)] }], () => undefined);
    expect(lines[0]).not.toHaveProperty('versus');
  });

  it('F1 shows when any line has it, blank on the others; an equal gap to English is +0', () => {
    const lines = buildReport(
      [{ label: 'x', rows: [row('1', 'free', 'en', true, { f1: 0.5 }), row('2', 'mcq', 'en', true), row('3', 'mcq', 'es', true)] }],
      () => undefined,
    );
    expect(formatReport(lines, 'csv').split('\n')).toEqual([
      'condition,group,lang,n,acc (EM),F1,SE,Wilson 95%,unparsed,Δ vs en',
      'x,free,en,1,1.0000,0.5000,0.0000,0.2065–1.0000,0,',
      'x,mcq,en,1,1.0000,,0.0000,0.2065–1.0000,0,',
      'x,mcq,es,1,1.0000,,0.0000,0.2065–1.0000,0,+0.0000',
      '',
      // Two English groups: their mean accuracy, (1 + 1) / 2.
      'condition,lang,groups,macro avg',
      'x,en,2,1.0000',
    ]);
  });

  it('the default format is the aligned table, not markdown or CSV', () => {
    const text = formatReport(buildReport([{ label: 'x', rows: [row('1', 'g', 'en', true)] }], () => undefined));
    expect(text.split('\n')[0]).toMatch(/^condition +group +lang +n +acc +SE/);
  });
});

describe('RAG conditions', () => {
  it('labels name setting, retriever and k only for retrieving settings, then budget and shuffle', () => {
    expect(conditionLabel({ setting: 'closed-book', retriever: 'bm25', passages: 5 })).toBe('closed-book');
    expect(conditionLabel({ setting: 'oracle', passages: 1, contextTokens: 300 })).toBe('oracle-tok300');
    // A retrieving condition built without a retriever keeps the label's shape, its retriever part empty.
    expect(conditionLabel({ setting: 'rag', passages: 5 })).toBe('rag--k5');
    expect(conditionLabel({ setting: 'rag', retriever: 'bm25', passages: 5, contextTokens: 2000, shuffleSeed: 0 })).toBe('rag-bm25-k5-tok2000-shuffle0');
  });

  it('expands settings × retrievers × k; closed-book and oracle once, with the first retriever and k', () => {
    const c = expandConditions(['closed-book', 'rag', 'oracle'], ['bm25', 'dense'], [3, 7], { shuffleSeed: 1 });
    expect(c.map(conditionLabel)).toEqual(['closed-book-shuffle1', 'rag-bm25-k3-shuffle1', 'rag-bm25-k7-shuffle1', 'rag-dense-k3-shuffle1', 'rag-dense-k7-shuffle1', 'oracle-shuffle1']);
    expect(c[0]).toEqual({ setting: 'closed-book', retriever: 'bm25', passages: 3, shuffleSeed: 1 });
    expect(expandConditions(['oracle'], [], [], {})).toEqual([{ setting: 'oracle', retriever: undefined, passages: 1 }]);
    expect(() => expandConditions(['distractors'], [], [1], {})).toThrow(/--setting distractors retrieves passages: pass --retriever/);
    expect(() => expandConditions(['rag'], [], [1], {})).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
  });

  it('text generators run every condition; passage-blind readers run closed-book once; passage readers skip it', () => {
    const all = expandConditions(['closed-book', 'rag', 'oracle'], ['bm25'], [2], {});
    const notes: string[] = [];
    expect(conditionsFor(GENERATORS.onnx, all, (n) => notes.push(n))).toEqual(all);
    expect(conditionsFor(READERS.majority, all, (n) => notes.push(n))).toEqual([{ setting: 'closed-book', passages: 1 }]);
    expect(conditionsFor(READERS.majority, all.slice(0, 1), (n) => notes.push(n))).toEqual([{ setting: 'closed-book', passages: 1 }]);
    expect(conditionsFor(READERS['ir-solver'], all, (n) => notes.push(n)).map(conditionLabel)).toEqual(['rag-bm25-k2', 'oracle']);
    expect(conditionsFor(READERS['ir-solver'], all.slice(1), (n) => notes.push(n))).toHaveLength(2);
    expect(notes).toEqual(['majority: rag, oracle dropped (it ignores passages, so it answers closed-book once)', 'ir-solver: closed-book skipped (it reads passages)']);
  });
});
