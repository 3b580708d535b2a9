import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLocations } from '../../src/mirror/locations.js';
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

  it('strict counts the same unparsable replies wrong and reports them', () => {
    const compat = medir(['rag', 'score', '--dataset', 'mirage', '--predictions', join(predictions, 'cot'), '--extractor', 'mirage-compat', '--json']);
    const strict = medir(['rag', 'score', '--dataset', 'mirage', '--predictions', join(predictions, 'cot'), '--extractor', 'strict', '--json']);
    const rejected = Number(/(\d+) replies matched no rule/.exec(compat.stderr)![1]);
    expect(rejected).toBeGreaterThan(0);
    expect(strict.stderr).toMatch(new RegExp(`^cot: extractor strict; ${rejected} replies matched no rule;`, 'm'));
    const lines = (out: string) => (JSON.parse(out) as { lines: Line[] }).lines;
    const correct = (ls: Line[]) => ls.reduce((n, l) => n + Math.round(l.accuracy.accuracy * l.accuracy.n), 0);
    // Strict loses exactly the fallback "A"s that happened to be right: never more than were rejected.
    const lost = correct(lines(compat.stdout)) - correct(lines(strict.stdout));
    expect(lost).toBeGreaterThan(0);
    expect(lost).toBeLessThanOrEqual(rejected);
  });

  it('a malformed predictions line is a file:line error', () => {
    const dir = writeTree(tempDir(), { 'mmlu.jsonl': '{"id": "mmlu-0000", "responses": ["A"]}\n{"id": "mmlu-0001", "responses": [1]}\n' });
    const r = medir(['rag', 'score', '--dataset', 'mirage', '--predictions', join(dir, 'mmlu.jsonl'), '--extractor', 'strict']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/mmlu\.jsonl:2: 'responses' must hold strings/);
  });
});
