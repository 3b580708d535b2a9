import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLocations } from '../../src/mirror/locations.js';
import { medir } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const mirror = resolveLocations().mirrors[0];

interface Line {
  condition: string;
  lang: string;
  accuracy: { n: number; accuracy: number; wilson: [number, number] };
  unparsed: number;
  link: { goldRate: number } | null;
  gapToEnglish: number | null;
  versus?: { condition: string };
}

function rag(args: string[]) {
  const dir = tempDir();
  const env = { MEDIR_CACHE: join(dir, 'cache'), MEDIR_INDEXES: join(dir, 'indexes') };
  const r = medir(['rag', ...args, '--out', join(dir, 'out'), '--json'], { env });
  return { ...r, dir, lines: r.status === 0 ? (JSON.parse(r.stdout) as { lines: Line[] }).lines : [] };
}

function jsonl(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

describe('medir rag on PubMedQA PQA-L (offline, end to end)', () => {
  it('majority and random ignore passages, so they run once, closed-book; majority scores the train majority answer\'s test share', () => {
    const r = rag(['--dataset', 'pubmedqa-pqal', '--generator', 'majority,random', '--setting', 'closed-book,rag,oracle,distractors', '--retriever', 'bm25', '--passages', '1,3,5']);
    expect(r.status).toBe(0);
    // Majority = the train split's most frequent answer; its accuracy = that answer's share of test.
    const queries = jsonl(join(mirror, 'data', 'pubmedqa-pqal', 'queries.jsonl'));
    const count = (split: string, answer: string) => queries.filter((q) => q.split === split && q.answer === answer).length;
    const top = ['A', 'B', 'C'].sort((a, b) => count('train', b) - count('train', a))[0];
    const majority = r.lines.find((l) => l.condition === 'majority closed-book')!;
    expect(majority.accuracy.n).toBe(500);
    expect(majority.accuracy.accuracy).toBe(count('test', top) / 500);
    // Readers that ignore passages run once; the rest of the table has no such rows.
    expect(r.lines.map((l) => l.condition)).toEqual(['majority closed-book', 'random closed-book']);
  });

  it('the IR solver is not applicable to yes/no/maybe options', () => {
    const r = rag(['--dataset', 'pubmedqa-pqal', '--generator', 'ir-solver', '--setting', 'rag', '--retriever', 'bm25']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/ir-solver: not applicable to yes\/no\/maybe options/);
  });

  it('tiny-random-gpt2 through the ONNX generator: every setting runs, gold-in-context rises with k, outputs are saved', () => {
    const r = rag(['--dataset', 'pubmedqa-pqal', '--generator', 'onnx', '--llm-model', 'tiny-random-gpt2', '--max-tokens', '8', '--setting', 'closed-book,rag,oracle,distractors', '--retriever', 'bm25', '--passages', '1,5', '--limit', '12']);
    expect(r.status).toBe(0);
    const gold = (c: string) => r.lines.find((l) => l.condition === c)!.link?.goldRate;
    expect(gold('closed-book')).toBeUndefined();
    expect(gold('oracle')).toBe(1);
    expect(gold('distractors-bm25-k5')).toBe(0);
    expect(gold('rag-bm25-k1')!).toBeGreaterThan(0.5);
    expect(gold('rag-bm25-k5')!).toBeGreaterThanOrEqual(gold('rag-bm25-k1')!);
    for (const l of r.lines) expect(l.accuracy.n).toBe(12);
    expect(r.lines.find((l) => l.condition === 'rag-bm25-k5')!.versus?.condition).toBe('closed-book');

    const selection = join(r.dir, 'out', 'pubmedqa-pqal', 'test-first12');
    const [readerDir] = readdirSync(selection).filter((f) => f.startsWith('onnx-'));
    const cond = join(selection, readerDir, 'rag-bm25-k5');
    const rows = jsonl(join(cond, 'predictions.jsonl'));
    expect(rows).toHaveLength(12);
    expect((rows[0].context as string[]).length).toBe(5);
    // The run that fed the answers is saved beside them, and the manifest says how it was made.
    const run = readFileSync(join(cond, 'run.trec'), 'utf8').trim().split('\n');
    expect(run[0].split(' ')[0]).toBe(rows[0].id);
    const manifest = JSON.parse(readFileSync(join(cond, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ dataset: { sample: 'first 12' }, condition: { setting: 'rag', passages: 5 }, reader: { generator: 'onnx', prompt: 'medrag', extractor: 'strict' }, retriever: { name: 'bm25' } });
    expect(manifest.stats.truncatedPrompts).toBeGreaterThan(0); // a 128-token model cannot hold five abstracts
    expect(existsSync(join(selection, 'report-onnx.txt'))).toBe(true);
  });
});

describe('medir rag on CasiMedicos (per language)', () => {
  it('IR solver over the de-duplicated English train explanations and the oracle explanation, with baselines', () => {
    const r = rag(['--dataset', 'casimedicos-mcq', '--generator', 'ir-solver,random', '--setting', 'rag,oracle', '--retriever', 'bm25', '--passages', '1']);
    expect(r.status).toBe(0);
    // The README lists the train/test duplicate pairs: train-140, 259, 276, 340, 341.
    expect(r.stderr).toMatch(/corpus: 376 English train explanations; removed 5 train case\(s\) whose text repeats an evaluated test case \(casimedicos-arg-train-140, casimedicos-arg-train-259, casimedicos-arg-train-276, casimedicos-arg-train-340, casimedicos-arg-train-341\)/);
    const rows = (c: string) => r.lines.filter((l) => l.condition === c);
    for (const c of ['ir-solver rag-bm25-k1', 'ir-solver oracle', 'random closed-book']) {
      expect(rows(c).map((l) => l.lang).sort()).toEqual(['en', 'es', 'fr', 'it']);
      for (const l of rows(c)) {
        expect(l.accuracy.n).toBe(117);
        expect(l.gapToEnglish === null).toBe(l.lang === 'en');
        expect(l.accuracy.wilson[0]).toBeLessThan(l.accuracy.accuracy);
      }
    }
    // The doctors' explanation names the answer: the oracle beats chance (1 in 5) clearly in English.
    const oracleEn = rows('ir-solver oracle').find((l) => l.lang === 'en')!;
    expect(oracleEn.accuracy.wilson[0]).toBeGreaterThan(0.2);
  });

  it('--context-tokens packs whole passages in rank order within the budget; --shuffle-seed only reorders them', () => {
    const budget = 250;
    const args = ['--dataset', 'casimedicos-mcq', '--lang', 'en', '--limit', '20', '--generator', 'ir-solver', '--setting', 'rag', '--retriever', 'bm25', '--passages', '5', '--context-tokens', String(budget)];
    const packed = rag(args);
    const shuffled = rag([...args, '--shuffle-seed', '3']);
    expect(packed.status).toBe(0);
    expect(shuffled.status).toBe(0);
    const conditionDir = (dir: string, label: string) => {
      const selection = join(dir, 'out', 'casimedicos-mcq', 'test-en-first20');
      return join(selection, readdirSync(selection).find((f) => f.startsWith('ir-solver-'))!, label);
    };
    const corpusDir = join(packed.dir, 'cache', 'derived', readdirSync(join(packed.dir, 'cache', 'derived')).find((f) => f.includes('train-explanations'))!);
    const words = new Map(jsonl(join(corpusDir, 'corpus.jsonl')).map((d) => [d._id as string, String(d.text).split(/\s+/).filter(Boolean).length]));
    const dir = conditionDir(packed.dir, `rag-bm25-k5-tok${budget}`);
    const rows = jsonl(join(dir, 'predictions.jsonl'));
    const runLines = readFileSync(join(dir, 'run.trec'), 'utf8').trim().split('\n').map((l) => l.split(' '));
    let someCut = false;
    for (const row of rows) {
      const context = row.context as string[];
      const ranked = runLines.filter((l) => l[0] === row.id).map((l) => l[2]).slice(0, 5);
      expect(context).toEqual(ranked.slice(0, context.length)); // a prefix of the ranking
      expect(context.reduce((n, id) => n + words.get(id)!, 0)).toBeLessThanOrEqual(budget);
      if (context.length < 5) {
        someCut = true;
        const next = ranked[context.length];
        expect(context.reduce((n, id) => n + words.get(id)!, 0) + words.get(next)!).toBeGreaterThan(budget);
      }
    }
    expect(someCut).toBe(true);
    const reordered = jsonl(join(conditionDir(shuffled.dir, `rag-bm25-k5-tok${budget}-shuffle3`), 'predictions.jsonl'));
    for (let i = 0; i < rows.length; i++) expect([...(reordered[i].context as string[])].sort()).toEqual([...(rows[i].context as string[])].sort());
    expect(reordered.some((r, i) => (r.context as string[]).join() !== (rows[i].context as string[]).join())).toBe(true);
  });

  it('a data set without a corpus asks for --corpus and suggests closed-book', () => {
    const r = rag(['--dataset', 'mirage', '--generator', 'ir-solver', '--setting', 'rag', '--retriever', 'bm25']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/dataset 'mirage' comes without a retrieval corpus: pass --corpus NAME\|PATH/);
    expect(r.stderr).toMatch(/hint: .*closed-book/);
  });
});
