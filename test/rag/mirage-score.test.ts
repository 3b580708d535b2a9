import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLocations } from '../../src/mirror/locations.js';
import { extractorDefinition } from '../../src/rag/extractors/registry.js';
import { loadQaSet } from '../../src/rag/load.js';
import { readReplies, scoreReplies } from '../../src/rag/score.js';
import { medir } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const predictions = join(resolveLocations().mirrors[0], 'data', 'mirage', 'predictions', 'gpt-35-turbo-16k');

interface Line {
  condition: string;
  group: string;
  accuracy: { accuracy: number; n: number };
  unparsed: number;
  versus?: { test: { onlyA: number; onlyB: number; p: number } };
}

// MIRAGE's current src/evaluate.py on its published GPT-3.5 replies (the table).
const EXPECTED = {
  cot: { mmlu: 0.7291, medqa: 0.6489, medmcqa: 0.5513, pubmedqa: 0.36, bioasq: 0.7411, average: 0.6061 },
  rag_32: { mmlu: 0.7548, medqa: 0.6661, medmcqa: 0.5804, pubmedqa: 0.674, bioasq: 0.9029, average: 0.7157 },
};

describe('medir rag score on MIRAGE', () => {
  it('mirage-compat reproduces evaluate.py to the last printed digit, CoT and RAG-32', () => {
    const r = medir(['rag', 'score', '--dataset', 'mirage', '--predictions', join(predictions, 'cot'), '--versus', join(predictions, 'rag_32'), '--extractor', 'mirage-compat', '--json']);
    expect(r.status).toBe(0);
    const { lines, macro } = JSON.parse(r.stdout) as { lines: Line[]; macro: { condition: string; accuracy: number }[] };
    for (const [condition, expected] of Object.entries(EXPECTED)) {
      for (const [group, acc] of Object.entries(expected)) {
        const value = group === 'average' ? macro.find((m) => m.condition === condition)!.accuracy : lines.find((l) => l.condition === condition && l.group === group)!.accuracy.accuracy;
        expect(value.toFixed(4), `${condition} ${group}`).toBe(acc.toFixed(4));
      }
    }
    // The 34 CoT questions with an empty reply list are wrong, not guessed (MIRAGE's README counts).
    expect(lines.filter((l) => l.condition === 'cot').reduce((n, l) => n + l.accuracy.n, 0)).toBe(7663);
    expect(r.stderr).toMatch(/^cot: extractor mirage-compat; (\d+) replies matched no rule \(mirage-compat scored them as "A"; strict counts them wrong\); 34 empty reply lists and 0 missing ids/m);
    expect(r.stderr).toMatch(/MedQA CoT 0\.6504/);
    // RAG-32 against CoT, paired per data set.
    const bioasq = lines.find((l) => l.condition === 'rag_32' && l.group === 'bioasq')!;
    expect(bioasq.versus!.test.onlyB).toBeGreaterThan(bioasq.versus!.test.onlyA);
    expect(bioasq.versus!.test.p).toBeLessThan(1e-6);
  });

  it('strict counts as wrong exactly the replies mirage-compat defaulted to "A"', async () => {
    const set = await loadQaSet('mirage', { split: 'test' }, resolveLocations());
    const replies = await readReplies(join(predictions, 'cot'), [...new Set(set.items.map((i) => i.group))]);
    const compat = scoreReplies(set.items, replies, extractorDefinition('mirage-compat'));
    const strict = scoreReplies(set.items, replies, extractorDefinition('strict'));
    expect(compat.empty).toBe(34);
    const fellBack = compat.rows.filter((r) => !r.parsed && r.reply !== '');
    expect(fellBack.length).toBeGreaterThan(0);
    for (const r of fellBack) expect(r.choice).toBe('A');
    // Same rows parsed either way; strict differs only on the fallbacks, where it has no answer.
    expect(strict.rows.map((r) => r.parsed)).toEqual(compat.rows.map((r) => r.parsed));
    const lost = compat.rows.filter((r, i) => r.correct && !strict.rows[i].correct);
    expect(lost.length).toBe(fellBack.filter((r) => r.answer === 'A').length);
    expect(lost.every((r) => !r.parsed)).toBe(true);
  });

  it.each([
    ['{"id": "mmlu-0000", "responses": ["A"]}\n{"id": "mmlu-0001", "responses": [1]}\n', /mmlu\.jsonl:2: 'responses' must hold strings/],
    ['{"id": "mmlu-0000", "reply": "A"}\n{"id": "mmlu-0000", "reply": "B"}\n', /mmlu\.jsonl:2: a second reply for 'mmlu-0000'/],
    ['{"responses": ["A"]}\n', /mmlu\.jsonl:1: missing 'id'/],
  ])('a malformed predictions line is a file:line error (%#)', async (content, message) => {
    const dir = writeTree(tempDir(), { 'mmlu.jsonl': content });
    await expect(readReplies(join(dir, 'mmlu.jsonl'), ['mmlu'])).rejects.toThrow(message);
  });

  it('a folder without one of the groups\' files names the file', async () => {
    const dir = writeTree(tempDir(), { 'mmlu.jsonl': '' });
    await expect(readReplies(dir, ['mmlu', 'medqa'])).rejects.toThrow(/medqa\.jsonl: no predictions/);
  });
});
