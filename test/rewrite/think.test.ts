import { describe, expect, it } from 'vitest';
import { stripThinking } from '../../src/rewrite/think.js';

describe('stripThinking', () => {
  it.each([
    ['plain answer', 'plain answer'],
    ['<think>reasoning\nmore</think>\n\nThe passage.', 'The passage.'],
    ['reasoning the template opened</think> The passage.', 'The passage.'],
    ['<think>a</think>x</think>y', 'x</think>y'],
    ['<think>cut off by max tokens, never closed', 'cut off by max tokens, never closed'],
  ])('%j → %j', (reply, expected) => {
    expect(stripThinking(reply)).toBe(expected);
  });
});
