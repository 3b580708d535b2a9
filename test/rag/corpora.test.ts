import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLocations, type Locations } from '../../src/mirror/locations.js';
import { corpusDataset, oracleCorpus, ragCorpus } from '../../src/rag/corpora.js';
import { loadQaSet, selectionName } from '../../src/rag/load.js';
import { defaultPrompt } from '../../src/rag/pipeline.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

/*
 * Expected counts from Python over the mirror's casimedicos-mcq/queries.jsonl:
 *   English train cases 381; those whose text (lower case, blanks squeezed) repeats an English test
 *   case: train-140, -259, -276, -340, -341 → 376 kept; for dev: train-158, -352 → 379 kept.
 *   MIRAGE: 7663 questions in 5 data sets (medmcqa 4183, medqa 1273, mmlu 1089, bioasq 618, pubmedqa 500).
 */
const location = (): Locations => ({ ...resolveLocations(), cache: join(tempDir(), 'cache') });
async function ids(dataset: { corpus: { docs(): AsyncIterable<{ id: string }> } }): Promise<string[]> {
  const out: string[] = [];
  for await (const d of dataset.corpus.docs()) out.push(d.id);
  return out;
}

describe("CasiMedicos: questions in four languages, the doctors' explanations as oracle and corpus", () => {
  it('test items carry their explanation as oracle passage; the prompt is MedExpQA\'s', async () => {
    const loc = location();
    const set = await loadQaSet('casimedicos-mcq', { split: 'test', langs: ['es'] }, loc);
    expect(set).toMatchObject({ name: 'casimedicos-mcq', layout: 'mcq', split: 'test' });
    expect(set.items).toHaveLength(117);
    expect(set.train).toHaveLength(381);
    const first = set.items[0];
    expect(first).toMatchObject({ id: 'casimedicos-arg-test-000-es', answer: '4', lang: 'es', group: 'casimedicos-mcq', gold: [] });
    expect(Object.keys(first.options)).toEqual(['1', '2', '3', '4', '5']);
    expect(first.oracle).toHaveLength(1);
    expect(first.oracle[0]).toMatchObject({ id: 'casimedicos-arg-test-000-es#explanation', title: '' });
    expect(first.oracle[0].text.startsWith('Para contestar correctamente a esta pregunta')).toBe(true);
    expect(defaultPrompt(set)).toBe('medexpqa');
    expect(selectionName(set)).toBe('test-es');
  });

  it('the retrieval corpus is the English train explanations minus cases repeating an evaluated one, named in the note', async () => {
    const loc = location();
    const test = await ragCorpus(await loadQaSet('casimedicos-mcq', { split: 'test', langs: ['en'] }, loc), undefined, loc);
    const removed = ['casimedicos-arg-train-140', 'casimedicos-arg-train-259', 'casimedicos-arg-train-276', 'casimedicos-arg-train-340', 'casimedicos-arg-train-341'];
    expect(test.note).toBe(`376 English train explanations; removed 5 train case(s) whose text repeats an evaluated test case (${removed.join(', ')})`);
    const docs = await ids(test.dataset);
    expect(docs).toHaveLength(376);
    expect(docs).not.toContain(removed[0]);
    expect(docs).toContain('casimedicos-arg-train-000');
    expect(test.dataset.dir.startsWith(join(loc.cache, 'derived', 'casimedicos-mcq-train-explanations-en-'))).toBe(true);
    const first = JSON.parse(readFileSync(join(test.dataset.dir, 'corpus.jsonl'), 'utf8').split('\n')[0]);
    expect(first).toMatchObject({ _id: 'casimedicos-arg-train-000', title: '' });
    expect(first.text.length).toBeGreaterThan(100);
    const dev = await ragCorpus(await loadQaSet('casimedicos-mcq', { split: 'dev' }, loc), undefined, loc);
    expect(dev.note).toBe('379 English train explanations; removed 2 train case(s) whose text repeats an evaluated dev case (casimedicos-arg-train-158, casimedicos-arg-train-352)');
    expect(dev.dataset.dir).not.toBe(test.dataset.dir);
  });

  it('evaluating train leaves no explanation to retrieve from', async () => {
    const loc = location();
    const train = await loadQaSet('casimedicos-mcq', { split: 'train', langs: ['en'] }, loc);
    expect(train.train).toEqual([]);
    await expect(ragCorpus(train, undefined, loc)).rejects.toThrow('--split train: no train explanation is left once the evaluated cases are removed');
  });
});

describe('MIRAGE and other corpora', () => {
  it('MIRAGE: every question, grouped by its data set, split "all", no train; no corpus without --corpus', async () => {
    const loc = location();
    const set = await loadQaSet('mirage', { split: 'test' }, loc);
    expect([set.split, set.items.length, set.train.length, set.layout]).toEqual(['all', 7663, 0, 'mirage']);
    const groups = new Map<string, number>();
    for (const i of set.items) groups.set(i.group, (groups.get(i.group) ?? 0) + 1);
    expect(Object.fromEntries(groups)).toEqual({ medmcqa: 4183, medqa: 1273, mmlu: 1089, bioasq: 618, pubmedqa: 500 });
    expect(set.items.every((i) => i.gold.length === 0 && i.oracle.length === 0)).toBe(true);
    await expect(ragCorpus(set, undefined, loc)).rejects.toThrow("dataset 'mirage' comes without a retrieval corpus: pass --corpus NAME|PATH");
  });

  it('--corpus takes a folder; a folder without corpus.jsonl is an error naming the file', async () => {
    const loc = location();
    const dir = writeTree(tempDir(), { 'mine/corpus.jsonl': '{"_id": "a", "title": "", "text": "x"}\n', 'mine/queries.jsonl': '{"_id": "q", "text": "?"}\n' });
    const set = await loadQaSet('mirage', { split: 'test' }, loc);
    const given = await ragCorpus(set, join(dir, 'mine'), loc);
    expect(given.note).toBeUndefined();
    expect(given.dataset).toMatchObject({ name: 'mine', layout: 'beir', split: 'test', queries: { name: 'mine', queries: [] } });
    expect(given.dataset.qrels.size).toBe(0);
    expect(await ids(given.dataset)).toEqual(['a']);
    expect(() => corpusDataset(dir)).toThrow(`${join(dir, 'corpus.jsonl')}: no corpus.jsonl in ${dir}`);
  });

  it('the oracle corpus holds each oracle passage once, under a name that changes with the passages', async () => {
    const loc = location();
    const set = await loadQaSet('casimedicos-mcq', { split: 'dev', langs: ['en', 'es'] }, loc);
    const oracle = await oracleCorpus(set, loc);
    expect(await ids(oracle)).toHaveLength(110);
    expect(oracle.dir.startsWith(join(loc.cache, 'derived', 'casimedicos-mcq-dev-oracle-'))).toBe(true);
    const fewer = await oracleCorpus({ ...set, items: set.items.slice(0, 3) }, loc);
    expect(await ids(fewer)).toHaveLength(3);
    expect(fewer.dir).not.toBe(oracle.dir);
    // A second call finds the folder already built.
    expect((await oracleCorpus({ ...set, items: set.items.slice(0, 3) }, loc)).dir).toBe(fewer.dir);
  });
});
