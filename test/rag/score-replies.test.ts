import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractorDefinition } from '../../src/rag/extractors/registry.js';
import type { QaItem } from '../../src/rag/item.js';
import { readReplies, scoreReplies } from '../../src/rag/score.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const item = (id: string, answer: string, group = 'g'): QaItem => ({ id, question: '?', options: { A: 'x', B: 'y' }, answer, lang: 'en', group, gold: [], oracle: [] });

describe('stored replies', () => {
  it("reads MIRAGE's first response and medir's reply, per group file, and an empty list as no reply", async () => {
    const dir = writeTree(tempDir(), {
      'g.jsonl': '{"id": "1", "responses": ["{\\"answer_choice\\": \\"B\\"}", "{\\"answer_choice\\": \\"A\\"}"]}\n{"id": "2", "responses": []}\n',
      'h.jsonl': '{"id": "3", "reply": "A"}\n',
    });
    const replies = await readReplies(dir, ['g', 'h']);
    expect([...replies]).toEqual([['1', { reply: '{"answer_choice": "B"}' }], ['2', { reply: undefined }], ['3', { reply: 'A' }]]);
    // One predictions file instead of a folder.
    expect([...(await readReplies(join(dir, 'h.jsonl'), ['g', 'h']))]).toEqual([['3', { reply: 'A' }]]);
  });

  it('a line with neither field, or a reply that is not a string, names the file and line and what was expected', async () => {
    const dir = writeTree(tempDir(), { 'g.jsonl': '{"id": "1", "reply": "A"}\n{"id": "2", "reply": 3}\n' });
    await expect(readReplies(join(dir, 'g.jsonl'), ['g'])).rejects.toThrow(/g\.jsonl:2: expected 'responses' \(a list of strings\) or 'reply' \(a string\)/);
  });

  it('a folder missing a group file lists every file it expects', async () => {
    const dir = writeTree(tempDir(), { 'g.jsonl': '' });
    await expect(readReplies(dir, ['g', 'h'])).rejects.toThrow(/h\.jsonl: no predictions/);
    await expect(readReplies(dir, ['g', 'h'])).rejects.toMatchObject({ code: 'MISSING_FILE', hint: 'expected g.jsonl, h.jsonl in the folder' });
  });

  it('scores each item by its own reply; an empty list and a missing line are wrong and counted apart', () => {
    const items = [item('1', 'B'), item('2', 'A'), item('3', 'A'), item('4', 'A')];
    const replies = new Map([['1', { reply: 'Answer: B' }], ['2', { reply: undefined }], ['3', { reply: 'Answer: B' }]]);
    const { rows, empty, missing } = scoreReplies(items, replies, extractorDefinition('generic'));
    expect([empty, missing]).toEqual([1, 1]);
    expect(rows.map((r) => [r.id, r.reply, r.choice, r.parsed, r.correct, r.goldInContext])).toEqual([
      ['1', 'Answer: B', 'B', true, true, null],
      ['2', '', null, false, false, null],
      ['3', 'Answer: B', 'B', true, false, null],
      ['4', '', null, false, false, null],
    ]);
  });

  it('mirage-compat never guesses "A" for an empty or missing reply', () => {
    const { rows } = scoreReplies([item('1', 'A'), item('2', 'A')], new Map([['1', { reply: undefined }]]), extractorDefinition('mirage-compat'));
    expect(rows.map((r) => [r.choice, r.correct])).toEqual([[null, false], [null, false]]);
  });
});

describe('stored replies have no context', () => {
  it('rows show no passages and no gold link', () => {
    const { rows } = scoreReplies([item('1', 'A')], new Map([['1', { reply: 'Answer: A' }]]), extractorDefinition('generic'));
    expect([rows[0].context, rows[0].goldInContext]).toEqual([[], null]);
  });
});
