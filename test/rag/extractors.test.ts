import { describe, expect, it } from 'vitest';
import { extractorDefinition } from '../../src/rag/extractors/registry.js';
import { answerChoiceTail, locateAnswer } from '../../src/rag/extractors/locate-answer.js';

const ABCD = ['A', 'B', 'C', 'D'];
const NUMS = ['1', '2', '3', '4', '5'];

describe("MIRAGE's locate_answer cascade", () => {
  // Each case follows src/utils.py's rule order: the first pattern that matches anywhere wins.
  it.each([
    ['B', 'B'],
    ['B\n', 'B'], // Python's $ matches before a final newline
    ['  C', 'C'],
    ['A or B', 'A'],
    ['C and D', 'C'],
    ['D/E', 'D'],
    ['B, because', 'B'],
    ['I pick option C here', 'C'],
    ['Option D', 'D'],
    ['B. Reason: C', 'C'], // ':\s*X' is tried before '^X\.'
    ['B. Because it is', 'B'],
    ['C"}', 'C'],
    ['D: yes', 'D'],
    ['E', null],
    ['b', null],
    ['none of these', null],
  ])('%j → %s', (sentence, expected) => {
    expect(locateAnswer(sentence)).toBe(expected);
  });

  it('reads after the last "answer_choice": " and strips', () => {
    expect(answerChoiceTail('{"answer_choice": "A", "x": 1, "answer_choice": "C"}  ')).toBe('C"}');
    expect(answerChoiceTail('  no json here ')).toBe('no json here');
  });
});

describe('extractors', () => {
  const json = (choice: string) => `{"step_by_step_thinking": "Option A is tempting, but", "answer_choice": "${choice}"}`;
  it.each([
    ['mirage-compat', json('B'), ABCD, 'en', 'B', true],
    ['mirage-compat', 'I cannot decide.', ABCD, 'en', 'A', false], // the silent default, flagged as unparsed
    ['strict', json('B'), ABCD, 'en', 'B', true],
    ['strict', 'I cannot decide.', ABCD, 'en', null, false],
    ['strict', json('E'), ABCD, 'en', null, false],
    ['medexpqa', 'Razonamiento... La opción correcta es: 3. Porque', NUMS, 'es', '3', true],
    ['medexpqa', "Dunque L'opzione corretta è:4", NUMS, 'it', '4', true],
    ['medexpqa', 'Donc La bonne option est: 2', NUMS, 'fr', '2', true],
    ['medexpqa', 'The correct answer is: 5)', NUMS, 'en', '5', true],
    ['medexpqa', 'The correct answer is: none', NUMS, 'en', null, false],
    ['medexpqa', 'La opción correcta es: 3', NUMS, 'en', null, false], // the cue of another language
    ['longhealth', 'The correct answer is C.', ['A', 'B', 'C', 'D', 'E'], 'en', 'C', true],
    ['longhealth', 'The correct answer is F', ['A', 'B', 'C', 'D', 'E'], 'en', null, true], // abstained on purpose
    ['longhealth', 'Probably C', ['A', 'B', 'C', 'D', 'E'], 'en', null, false],
    ['generic', 'Answer: 2', NUMS, 'en', '2', true],
    ['generic', 'Option A looks wrong; the answer is D.', ABCD, 'en', 'D', true],
    ['generic', ' (C). ', ABCD, 'en', 'C', true],
    ['generic', 'the answer is a trick question', ABCD, 'en', null, false],
    ['generic', 'I think 2 or 3', NUMS, 'en', null, false],
  ] as const)('%s reads %j', (name, reply, keys, lang, choice, parsed) => {
    expect(extractorDefinition(name).extract(reply, keys, lang)).toEqual({ choice, parsed });
  });

  it('an unknown extractor lists the valid ones', () => {
    expect(() => extractorDefinition('regex')).toThrow(/unknown extractor 'regex'; valid: mirage-compat, strict, medexpqa, longhealth, generic/);
  });
});
