import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { resolveLocations, type Locations } from '../../src/mirror/locations.js';
import { loadQaSet } from '../../src/rag/load.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

// A folder named `*-as-mcq` is read with the CasiMedicos layout, which otherwise only a dataset card gives.
vi.mock('../../src/data/datasets.js', async (original) => {
  const real = await original<typeof import('../../src/data/datasets.js')>();
  return {
    ...real,
    resolveDatasetDir: async (nameOrPath: string, loc: Locations) => (nameOrPath.endsWith('-as-mcq') ? { name: 'mini', dir: nameOrPath, layout: 'mcq' as const } : real.resolveDatasetDir(nameOrPath, loc)),
  };
});

const loc = (): Locations => ({ ...resolveLocations(), cache: join(tempDir(), 'cache') });
const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('QA layouts', () => {
  it("CasiMedicos layout: the explanation is the oracle passage; none, or one that is not a string, gives no oracle", async () => {
    const row = (id: string, extra: object) => ({ _id: id, text: `case ${id}`, options: { 1: 'a', 2: 'b' }, answer: '2', lang: 'en', group: id, split: 'test', ...extra });
    const dir = join(writeTree(tempDir(), { 'x-as-mcq/queries.jsonl': jsonl([row('e', { explanation: 'because' }), row('none', {}), row('num', { explanation: 42 })]) }), 'x-as-mcq');
    const set = await loadQaSet(dir, { split: 'test' }, loc());
    expect(set.items.map((i) => [i.id, i.oracle, i.gold])).toEqual([
      ['e', [{ id: 'e#explanation', title: '', text: 'because' }], []],
      ['none', [], []],
      ['num', [], []],
    ]);
  });

  it('a BEIR gold id missing from the corpus gives no oracle passage, but stays gold', async () => {
    const root = writeTree(tempDir(), {
      'qa/corpus.jsonl': jsonl([{ _id: 'd1', title: 'T', text: 'one' }]),
      'qa/queries.jsonl': jsonl([{ _id: 'q', text: 'q?', options: { A: 'x', B: 'y' }, answer: 'A' }]),
      'qa/qrels/test.tsv': 'query-id\tcorpus-id\tscore\nq\td1\t1\nq\tgone\t1\n',
    });
    const set = await loadQaSet(join(root, 'qa'), { split: 'test' }, loc());
    expect(set.items[0]).toMatchObject({ gold: ['d1', 'gone'], oracle: [{ id: 'd1', title: 'T', text: 'one' }] });
  });

  it('a retrieval-only layout (R2MED) is not a question-answering set', async () => {
    const root = writeTree(tempDir(), { 'r2/corpus.jsonl': '', 'r2/query.jsonl': '', 'r2/qrels.jsonl': '' });
    await expect(loadQaSet(join(root, 'r2'), { split: 'test' }, loc())).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining("dataset 'r2' has layout 'r2med': not a question-answering set"),
      hint: expect.stringContaining('RAG needs questions with options and answers'),
    });
  });
});
