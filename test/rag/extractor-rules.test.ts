import { describe, expect, it } from 'vitest';
import { extractorDefinition } from '../../src/rag/extractors/registry.js';
import { answerChoiceTail, locateAnswer } from '../../src/rag/extractors/locate-answer.js';

const ABCD = ['A', 'B', 'C', 'D'];

describe('generic extractor, rule by rule', () => {
  const extract = (reply: string, keys: readonly string[] = ABCD) => extractorDefinition('generic').extract(reply, keys, 'en');
  it.each([
    ['answer is (B)', 'B'],
    ['Answer - C', 'C'],
    ['Choice: D', 'D'],
    ['choice is B', 'B'],
    ['optionB', 'B'],
    ['The answer:B.', 'B'],
    ['answer\tis\tC', 'C'],
    ['answer is B and later answer: C', 'C'], // the last explicit answer wins
    ['B)', 'B'],
    ['(B', 'B'],
    ['  B.  ', 'B'],
    ['B:', 'B'],
  ])('%j → %s', (reply, choice) => {
    expect(extract(reply)).toEqual({ choice, parsed: true });
  });

  it.each(['answer is Bx', 'BB', 'A.B', 'answer is AB', 'B A'])('%j is no answer (a key must stand alone)', (reply) => {
    expect(extract(reply)).toEqual({ choice: null, parsed: false });
  });

  it('keys are matched literally, regex characters included', () => {
    expect(extract('answer is 1.5', ['1.5', '2'])).toEqual({ choice: '1.5', parsed: true });
    expect(extract('1x5', ['1.5', '2'])).toEqual({ choice: null, parsed: false });
    expect(extract('a+', ['a+', 'b'])).toEqual({ choice: 'a+', parsed: true });
  });
});

describe('LongHealth extractor', () => {
  const extract = (reply: string) => extractorDefinition('longhealth').extract(reply, ['A', 'B', 'C', 'D', 'E'], 'en');
  it.each([
    ['The correct answer is: (B)', 'B', true],
    ['The correct answer isB', 'B', true],
    ['The correct answer is  D', 'D', true],
    ['the correct answer is B', null, false], // the cue is case-sensitive
    ['The correct answer is Bx', null, false],
    ['The correct answer is G', null, false], // past F: not a LongHealth answer
  ])('%j → %s (parsed %s)', (reply, choice, parsed) => {
    expect(extract(reply)).toEqual({ choice, parsed });
  });
});

describe('MedExpQA extractor', () => {
  const extract = (reply: string, lang: string) => extractorDefinition('medexpqa').extract(reply, ['1', '2', '3', '4'], lang);
  it('falls back to the English cue for a language without its own; reads past blanks and newlines; the first cue counts', () => {
    expect(extract('The correct answer is:3', 'de')).toEqual({ choice: '3', parsed: true });
    expect(extract('The correct answer is:   \n 4', 'en')).toEqual({ choice: '4', parsed: true });
    expect(extract('The correct answer is: 1 or The correct answer is: 2', 'en')).toEqual({ choice: '1', parsed: true });
    expect(extract('The correct answer is:', 'en')).toEqual({ choice: null, parsed: false });
  });
});

describe("MIRAGE's cascade, anchors and case", () => {
  it.each([
    [' A\n', 'A'],
    ['A\n\n', null], // Python's $ allows one final newline, not two
    ['xA', null],
    ['A or', 'A'],
    [' B/ ', 'B'],
    ['the B, C', null], // "X," only at the start
    ['D"', 'D'],
    [' C:', 'C'],
    ['option B', 'B'],
    ['OPTION B', null],
    ['x:B', 'B'],
    ['x: \n B', 'B'],
    ['xA.', null],
    ['x A"', null],
    ['A B', null],
  ])('%j → %s', (sentence, expected) => {
    expect(locateAnswer(sentence)).toBe(expected);
  });

  it('splits on the exact JSON key with its ": " spacing', () => {
    expect(answerChoiceTail('"answer_choice":"B"')).toBe('"answer_choice":"B"');
    expect(answerChoiceTail('x "answer_choice": "B"')).toBe('B"');
  });
});
