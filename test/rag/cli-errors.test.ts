import { describe, expect, it } from 'vitest';
import { medir } from '../helpers/cli.js';

describe('medir rag: bad options name themselves and list what is valid', () => {
  it.each([
    [['--dataset', 'pubmedqa-pqal', '--generator', 'gpt9'], /unknown generator 'gpt9'; valid: openai-compatible, onnx, ir-solver, majority, random/],
    [['--dataset', 'pubmedqa-pqal', '--generator', 'majority', '--setting', 'open-book'], /unknown setting 'open-book'; valid: closed-book, rag, oracle, distractors/],
    [['--dataset', 'pubmedqa-pqal', '--generator', 'majority', '--passages', '3,x'], /--passages: expected a positive integer, got 'x'/],
    [['--dataset', 'pubmedqa-pqal', '--generator', 'onnx', '--setting', 'rag'], /--setting rag retrieves passages: pass --retriever/],
    [['--dataset', 'pubmedqa-pqal', '--generator', 'majority', '--split', 'dev'], /--split dev: dataset 'pubmedqa-pqal' has no questions there/],
  ])('%j', (args, message) => {
    const r = medir(['rag', ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
