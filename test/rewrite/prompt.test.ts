import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillPrompt, loadPrompt } from '../../src/rewrite/prompt.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

describe('rewrite prompts', () => {
  it('fills a user folder given by path, with and without a system file', () => {
    const dir = writeTree(tempDir(), { 'mine/v2/user.txt': 'Answer {{query}} using:{{passages}}\n', 'bare/user.txt': 'Q: {{query}}' });
    const mine = loadPrompt(join(dir, 'mine', 'v2'), ['query', 'passages']);
    expect(mine.version).toBe(join(dir, 'mine', 'v2'));
    expect(fillPrompt(mine, { query: 'why {{x}}?', passages: '\n[1]. p' })).toEqual([{ role: 'user', content: 'Answer why {{x}}? using:\n[1]. p' }]);
    expect(fillPrompt(loadPrompt('rewrite/hyde/v1'), { query: 'Q' })).toEqual([
      { role: 'system', content: 'You are a helpful assistant.' },
      { role: 'user', content: 'Write a passage from a medical reference that answers the question below.\nQuestion: Q\nPassage:' },
    ]);
    expect(loadPrompt(join(dir, 'bare')).system).toBeUndefined();
  });

  it('names the file when a prompt is missing, lacks a slot, or uses an unknown one', () => {
    const dir = writeTree(tempDir(), { 'p/user.txt': 'Question: {{question}}' });
    expect(() => loadPrompt(join(dir, 'nowhere'))).toThrow(`${join(dir, 'nowhere', 'user.txt')}: no such prompt file`);
    expect(() => loadPrompt(join(dir, 'p'), ['query'])).toThrow(`${join(dir, 'p', 'user.txt')}: the prompt lacks {{query}}`);
    expect(() => fillPrompt(loadPrompt(join(dir, 'p')), { query: 'x' })).toThrow('unknown placeholder {{question}}');
  });
});
