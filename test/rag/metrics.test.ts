import { describe, expect, it } from 'vitest';
import { accuracy, macroAverage } from '../../src/rag/metrics/accuracy.js';
import { mcnemar } from '../../src/rag/metrics/mcnemar.js';
import { exactMatch, tokenF1 } from '../../src/rag/metrics/text-match.js';
import { retrievalLink } from '../../src/rag/metrics/retrieval-link.js';
import type { AnswerRow } from '../../src/rag/answer.js';

describe('accuracy', () => {
  it('SE is √(p(1−p)/n)', () => {
    const a = accuracy(30, 40);
    expect(a.accuracy).toBe(0.75);
    expect(a.se).toBeCloseTo(Math.sqrt((0.75 * 0.25) / 40), 15);
  });

  // Textbook Wilson 95% intervals (Newcombe 1998, table I; Agresti & Coull 1998).
  it.each([
    [5, 10, 0.2366, 0.7634],
    [0, 10, 0, 0.2775],
    [10, 10, 0.7225, 1],
    [81, 263, 0.2553, 0.3662],
  ])('Wilson for %i/%i is [%f, %f]', (x, n, lo, hi) => {
    const [l, h] = accuracy(x, n).wilson;
    expect(l).toBeCloseTo(lo, 4);
    expect(h).toBeCloseTo(hi, 4);
  });

  it('macro average weighs data sets equally', () => {
    expect(macroAverage([0.5, 1])).toBe(0.75);
  });
});

describe('McNemar (exact)', () => {
  it('1 vs 9 discordant pairs: p = 2·(1+10)/2^10', () => {
    const a = [true, ...Array(9).fill(false), true, false];
    const b = [false, ...Array(9).fill(true), true, false];
    const t = mcnemar(a, b);
    expect([t.onlyA, t.onlyB]).toEqual([1, 9]);
    expect(t.p).toBeCloseTo(22 / 1024, 14);
  });

  it('no discordant pair gives p = 1; unequal lengths are refused', () => {
    expect(mcnemar([true, false], [true, false]).p).toBe(1);
    expect(() => mcnemar([true], [])).toThrow(/1 vs 0/);
  });
});

describe('EM and token F1 (SQuAD normalisation)', () => {
  it('ignores case, punctuation and articles; exact match is not containment', () => {
    expect(exactMatch('The Aspirin.', 'aspirin')).toBe(true);
    expect(exactMatch('aspirin 100 mg', 'aspirin')).toBe(false);
  });

  it('F1 counts shared tokens', () => {
    // pred {low, dose, aspirin}, ref {aspirin, daily}: overlap 1, P = 1/3, R = 1/2, F1 = 0.4
    expect(tokenF1('low dose aspirin', 'aspirin daily')).toBeCloseTo(0.4, 12);
    expect(tokenF1('a', 'the')).toBe(1);
    expect(tokenF1('x', 'y')).toBe(0);
  });
});

describe('retrieval–accuracy link', () => {
  const row = (correct: boolean, goldInContext: boolean | null): AnswerRow => ({ id: String(Math.random()), group: 'g', lang: 'en', answer: 'A', choice: correct ? 'A' : 'B', parsed: true, correct, reply: '', context: [], goldInContext });
  it('splits accuracy by whether gold reached the context', () => {
    const link = retrievalLink([row(true, true), row(true, true), row(false, true), row(false, false)])!;
    expect(link.goldRate).toBe(0.75);
    expect(link.withGold.accuracy).toBeCloseTo(2 / 3, 12);
    expect(link.withoutGold.accuracy).toBe(0);
  });

  it('is absent without context', () => {
    expect(retrievalLink([row(true, null)])).toBeNull();
  });
});
