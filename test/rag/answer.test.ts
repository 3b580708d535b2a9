import { describe, expect, it } from 'vitest';
import { answerRow, readReply } from '../../src/rag/answer.js';
import { extractorDefinition } from '../../src/rag/extractors/registry.js';
import type { QaItem } from '../../src/rag/item.js';

const item = (options: Record<string, string>, answer: string): QaItem => ({ id: 'q', question: '?', options, answer, lang: 'en', group: 'g', gold: [], oracle: [] });
const generic = () => extractorDefinition('generic');

describe('scoring one reply', () => {
  it('option questions: the extracted key must equal the answer key', () => {
    const q = item({ A: 'aspirin', B: 'heparin' }, 'B');
    expect(answerRow(q, 'Answer: B', readReply(generic(), 'Answer: B', q), [], null)).toMatchObject({ choice: 'B', parsed: true, correct: true });
    expect(answerRow(q, 'heparin', readReply(generic(), 'heparin', q), [], null)).toMatchObject({ choice: null, parsed: false, correct: false });
    expect(answerRow(q, 'B', readReply(generic(), 'B', q), [], null).f1).toBeUndefined();
  });

  it('free-text questions: exact match after normalisation, plus token F1', () => {
    const q = item({}, 'Low dose aspirin');
    const exact = answerRow(q, ' low dose aspirin. ', readReply(generic(), ' low dose aspirin. ', q), [], null);
    expect(exact).toMatchObject({ choice: 'low dose aspirin.', parsed: true, correct: true, f1: 1 });
    const partial = answerRow(q, 'aspirin', readReply(generic(), 'aspirin', q), [], null);
    expect(partial.correct).toBe(false);
    expect(partial.f1).toBeCloseTo(0.5, 12); // P = 1, R = 1/3: 2PR/(P+R) = 1/2
    // SQuAD deletes punctuation: 'low-dose' is one token, 'lowdose', not 'low dose'.
    expect(answerRow(q, 'low-dose aspirin', readReply(generic(), 'low-dose aspirin', q), [], null).correct).toBe(false);
    // Citation markers are not part of the answer.
    expect(answerRow(q, 'Low dose aspirin [2].', readReply(generic(), 'Low dose aspirin [2].', q), [], null)).toMatchObject({ correct: true, f1: 1, rougeL: 1 });
    expect(answerRow(q, '', readReply(generic(), '', q), [], null)).toMatchObject({ parsed: false, correct: false, f1: 0 });
  });
});
