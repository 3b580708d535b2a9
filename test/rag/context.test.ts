import { describe, expect, it } from 'vitest';
import { packPassages, shufflePassages, whitespaceTokens } from '../../src/rag/context.js';
import { fill, promptValues, type Template } from '../../src/rag/prompts/template.js';
import type { QaItem } from '../../src/rag/item.js';

const p = (id: string, words: number) => ({ id, title: '', text: Array(words).fill('w').join(' ') });

describe('token-budgeted packing', () => {
  it('keeps whole passages in rank order while they fit, and stops at the first that does not', () => {
    const passages = [p('a', 4), p('b', 5), p('c', 1)];
    expect(packPassages(passages, 9, whitespaceTokens).map((x) => x.id)).toEqual(['a', 'b']);
    expect(packPassages(passages, 8, whitespaceTokens).map((x) => x.id)).toEqual(['a']);
    expect(packPassages(passages, 3, whitespaceTokens)).toEqual([]);
  });
});

describe('seeded shuffle', () => {
  const ids = ['1', '2', '3', '4', '5', '6', '7', '8'];
  it('is a permutation, the same for the same seed and item, different across seeds', () => {
    const a = shufflePassages(ids, 7, 'q1');
    expect([...a].sort()).toEqual(ids);
    expect(shufflePassages(ids, 7, 'q1')).toEqual(a);
    const others = [1, 2, 3, 4, 5].map((s) => shufflePassages(ids, s, 'q1').join());
    expect(new Set([...others, a.join()]).size).toBeGreaterThan(1);
    expect(ids).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']); // input untouched
  });
});

describe('prompt templates', () => {
  const t = (text: string): Template => ({ path: 'test/v1/x.txt', text, sha256: '' });
  const item: QaItem = { id: 'q', question: 'Why?', options: { A: 'yes', B: 'no' }, answer: 'A', lang: 'en', group: 'g', gold: [], oracle: [] };

  it('fills placeholders and keeps a section only when its value is non-empty', () => {
    const tpl = t('{{#context}}Docs:\n{{context}}\n{{/context}}Q: {{question}}\n{{options}}\n');
    expect(fill(tpl, promptValues(item, []))).toBe('Q: Why?\nA. yes\nB. no');
    expect(fill(tpl, promptValues(item, [{ id: 'd', title: 'T', text: 'body' }]))).toBe('Docs:\nDocument [1] (Title: T) body\nQ: Why?\nA. yes\nB. no');
  });

  it('an unknown placeholder is an error naming the template file', () => {
    expect(() => fill(t('{{questoin}}'), promptValues(item, []))).toThrow(/prompts\/test\/v1\/x\.txt: unknown placeholder \{\{questoin\}\}/);
  });
});
