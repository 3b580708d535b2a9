import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLocations } from '../../src/mirror/locations.js';
import { startFakeOpenAI } from '../generate/fake-openai.js';
import { tempDir } from '../helpers/tmp.js';
import { spawnMedir } from './spawn-medir.js';

const queries = readFileSync(join(resolveLocations().mirrors[0], 'data', 'casimedicos-mcq', 'queries.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { text: string; answer: string; lang: string; split: string });

// The cue each language's MedExpQA prompt asks for, written out here from the MedExpQA paper.
const CUE: Record<string, string> = { en: 'The correct answer is:', es: 'La opción correcta es:', fr: 'La bonne option est:', it: "L'opzione corretta è:" };

describe('CasiMedicos through an OpenAI-compatible server', () => {
  it("uses MedExpQA's prompt in each question's language and reads the answer after its cue", async () => {
    // A model that knows every answer and replies in the prompt's language.
    const server = await startFakeOpenAI([], {
      reply: (prompt) => {
        const q = queries.find((x) => prompt.includes(x.text))!;
        return `Razonamiento breve.\n${CUE[q.lang]} ${q.answer}`;
      },
    });
    const dir = tempDir();
    const { exited } = spawnMedir(
      ['rag', '--dataset', 'casimedicos-mcq', '--lang', 'en,es,fr,it', '--limit', '8', '--generator', 'openai-compatible', '--base-url', server.baseUrl, '--llm-model', 'fake', '--setting', 'closed-book,oracle', '--out', join(dir, 'out'), '--json'],
      { MEDIR_CACHE: join(dir, 'cache'), MEDIR_INDEXES: join(dir, 'indexes') },
    );
    const r = await exited;
    expect(r.code, r.stderr).toBe(0);
    const lines = (JSON.parse(r.stdout) as { lines: { condition: string; lang: string; accuracy: { accuracy: number; n: number }; unparsed: number }[] }).lines;
    expect(lines.reduce((n, l) => n + l.accuracy.n, 0)).toBe(16);
    for (const l of lines) expect([l.accuracy.accuracy, l.unparsed]).toEqual([1, 0]);
    // Each prompt is in its question's language and ends on that language's cue; the oracle adds the explanation.
    for (const { body } of server.received) {
      const prompt = body.messages.map((m) => m.content).join('\n');
      const q = queries.find((x) => prompt.includes(x.text))!;
      expect(prompt).toContain(CUE[q.lang].replace(/:$/, ''));
    }
    const spanish = server.received.map((x) => x.body.messages[0].content).filter((p) => p.includes('La opción correcta es'));
    expect(spanish.length).toBe(4); // 2 questions × closed-book + oracle
  });
});
