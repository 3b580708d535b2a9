import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLocations, type Locations } from '../../src/mirror/locations.js';
import { corpusDataset, oracleCorpus, ragCorpus } from '../../src/rag/corpora.js';
import type { QaItem } from '../../src/rag/item.js';
import type { QaSet } from '../../src/rag/load.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

/**
 * The corpus rules on a CasiMedicos-shaped queries.jsonl written here (the real one is covered in
 * corpora.test.ts). A train case is left out when its English text, lower-cased with runs of blanks
 * squeezed to one space and the ends trimmed, equals an evaluated case's.
 */
const location = (): Locations => ({ ...resolveLocations(), cache: join(tempDir(), 'cache') });
const mcq = (id: string, split: string, text: string, explanation?: string, lang = 'en') => ({ _id: `${id}-${lang}`, text, options: { 1: 'a', 2: 'b' }, answer: '1', lang, group: id, split, ...(explanation === undefined ? {} : { explanation }) });
const set = (dir: string, split: string, layout: QaSet['layout'] = 'mcq', items: QaItem[] = []): QaSet => ({ name: 'mini', dir, layout, split, items, train: [] });

function miniCasimedicos(): string {
  const rows = [
    mcq('t1', 'test', 'A  Woman\twith fever. '),
    mcq('t2', 'test', 'STRASSE FEVER'),
    mcq('d1', 'dev', 'a different case'),
    // Same as t1 once lower-cased, squeezed and trimmed: left out of the test corpus.
    mcq('r1', 'train', 'a woman with\n FEVER.', 'explains r1'),
    // One space fewer than t1: another text.
    mcq('r2', 'train', 'awoman with fever.', 'explains r2'),
    // Lower-cased, "straße" stays "straße", not t2's "strasse".
    mcq('r3', 'train', 'Straße fever', 'explains r3'),
    // No explanation: an empty passage.
    mcq('r4', 'train', 'a fourth case'),
    // Spanish train cases are never part of the corpus.
    mcq('r5', 'train', 'A woman with fever.', 'explica r5', 'es'),
  ];
  const dir = writeTree(tempDir(), { 'mini/queries.jsonl': rows.map((r) => JSON.stringify(r)).join('\n') + '\n' });
  return join(dir, 'mini');
}

const corpusRows = (dir: string) => readFileSync(join(dir, 'corpus.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

describe('train explanations as the retrieval corpus', () => {
  it('drops train cases whose normalised text repeats an evaluated case, and says which', async () => {
    const loc = location();
    const c = await ragCorpus(set(miniCasimedicos(), 'test'), undefined, loc);
    expect(c.note).toBe('3 English train explanations; removed 1 train case(s) whose text repeats an evaluated test case (r1)');
    expect(corpusRows(c.dataset.dir)).toEqual([
      { _id: 'r2', title: '', text: 'explains r2' },
      { _id: 'r3', title: '', text: 'explains r3' },
      { _id: 'r4', title: '', text: '' },
    ]);
    expect(readFileSync(join(c.dataset.dir, 'corpus.jsonl'), 'utf8')).toMatch(/\}\n$/);
  });

  it('nothing removed: the note names no case', async () => {
    const c = await ragCorpus(set(miniCasimedicos(), 'dev'), undefined, location());
    expect(c.note).toBe('4 English train explanations; removed 0 train case(s) whose text repeats an evaluated dev case');
  });

  it('is written once: a second call reuses the folder', async () => {
    const loc = location();
    const dir = miniCasimedicos();
    const first = await ragCorpus(set(dir, 'test'), undefined, loc);
    const file = join(first.dataset.dir, 'corpus.jsonl');
    const before = statSync(file);
    const again = await ragCorpus(set(dir, 'test'), undefined, loc);
    expect(again.dataset.dir).toBe(first.dataset.dir);
    expect(statSync(file).ino).toBe(before.ino);
  });

  it('evaluating train leaves nothing: a bad option, with the way out', async () => {
    await expect(ragCorpus(set(miniCasimedicos(), 'train'), undefined, location())).rejects.toMatchObject({
      code: 'BAD_OPTION',
      message: expect.stringContaining('--split train: no train explanation is left once the evaluated cases are removed'),
      hint: 'evaluate test or dev, or pass --corpus',
    });
  });
});

describe('other corpora', () => {
  it('a layout without a corpus (MIRAGE) asks for --corpus and says why', async () => {
    await expect(ragCorpus(set(tempDir(), 'all', 'mirage'), undefined, location())).rejects.toMatchObject({
      code: 'BAD_OPTION',
      message: expect.stringContaining("dataset 'mini' comes without a retrieval corpus: pass --corpus NAME|PATH"),
      hint: expect.stringContaining('run MIRAGE with --setting closed-book'),
    });
  });

  it('a folder without corpus.jsonl is a missing file', () => {
    expect(() => corpusDataset(tempDir())).toThrow(expect.objectContaining({ code: 'MISSING_FILE' }));
  });

  it('the oracle corpus of different passage texts under the same ids is another corpus', async () => {
    const loc = location();
    const item = (text: string): QaItem => ({ id: 'q', question: '?', options: {}, answer: 'x', lang: 'en', group: 'g', gold: [], oracle: [{ id: 'p', title: '', text }] });
    const a = await oracleCorpus(set(tempDir(), 'test', 'beir', [item('first text')]), loc);
    const b = await oracleCorpus(set(tempDir(), 'test', 'beir', [item('second text')]), loc);
    expect(b.dir).not.toBe(a.dir);
    expect(corpusRows(b.dir)).toEqual([{ _id: 'p', title: '', text: 'second text' }]);
  });
});
