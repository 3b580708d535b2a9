import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/core/types.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { aggregateRun } from '../../src/notes/aggregate.js';
import { buildNotesCorpus, type NotesCorpusSpec } from '../../src/notes/notes-corpus.js';
import { passageGroups } from '../../src/notes/passage-groups.js';
import { restrictRanking } from '../../src/notes/restrict.js';
import { remoteGeneratorWarning } from '../../src/notes/privacy.js';
import { loadDataset } from '../../src/data/datasets.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

describe('restricting a run to one record', () => {
  it('keeps the run order and puts passages the run lacks below, tied, in docid-descending order', () => {
    const ranking = [
      { docId: 'n1_3', score: 2.5 },
      { docId: 'n2_0', score: 2.0 },
      { docId: 'n1_0', score: 1.5 },
    ];
    const restricted = restrictRanking(ranking, ['n1_0', 'n1_1', 'n1_2', 'n1_3']);
    const order = [...restricted].sort((a, b) => b.score - a.score || (a.docId < b.docId ? 1 : -1)).map((d) => d.docId);
    expect(order).toEqual(['n1_3', 'n1_0', 'n1_2', 'n1_1']);
    const [s1, s2] = restricted.filter((d) => d.docId === 'n1_1' || d.docId === 'n1_2').map((d) => d.score);
    expect(s1).toBe(s2);
    expect(s1).toBeLessThan(1.5);
  });
});

describe('aggregating passages to notes', () => {
  const run: Run = new Map([['q', [
    { docId: 'a_0', score: 3 },
    { docId: 'a_1', score: 2 },
    { docId: 'a_2', score: 2 },
    { docId: 'b_0', score: 4 },
  ]]]);
  const groupOf = new Map([['a_0', 'a'], ['a_1', 'a'], ['a_2', 'a'], ['b_0', 'b']]);

  it('max-passage: a note scores its best passage', () => {
    expect(aggregateRun(run, groupOf, 'max').get('q')).toEqual([{ docId: 'a', score: 3 }, { docId: 'b', score: 4 }]);
  });

  it('sum-top-k: a note scores the sum of its k best passages', () => {
    expect(aggregateRun(run, groupOf, 'sum-top-k', 2).get('q')).toEqual([{ docId: 'a', score: 5 }, { docId: 'b', score: 4 }]);
  });

  it('a passage outside the corpus is an error, not a silent drop', () => {
    expect(() => aggregateRun(new Map([['q', [{ docId: 'zz_0', score: 1 }]]]), groupOf, 'max')).toThrow("passage 'zz_0' is not in the notes corpus");
  });
});

describe('a notes corpus as a BEIR folder in the cache', () => {
  function spec(dir: string, passageWords: number): NotesCorpusSpec {
    return {
      name: 'notes',
      source: { file: join(dir, 'notes.jsonl'), columns: { id: 'id', patient: 'patient', text: 'text' }, dedupe: 'text' },
      chunker: 'words',
      chunkerParams: { passageWords, passageOverlap: 0, clean: 'none' },
      idFrom: 'note',
      task: { queries: [{ id: 'q1', text: 'cough', meta: {} }], qrels: new Map([['q1', new Map([['n2', 1]])]]) },
    };
  }

  it('holds passages with their record, patient and offsets; reuse until the chunking changes, which changes the corpus file', async () => {
    const dir = writeTree(tempDir(), {
      'notes.jsonl': [
        '{"id":"n1","patient":"p1","text":"one two three four five"}',
        '{"id":"n2","patient":"p1","text":"cough and fever"}',
        '{"id":"n3","patient":"p2","text":"one two three four five"}',
      ].join('\n') + '\n',
    });
    const loc = { ...resolveLocations(), cache: join(dir, 'cache') };
    const first = await buildNotesCorpus(spec(dir, 2), loc);
    expect(first.reused).toBe(false);
    expect(first.stats).toMatchObject({ records: 3, kept: 2, duplicates: 1, passages: 5 });
    const docs = [];
    for await (const d of first.dataset.corpus.docs()) docs.push(d);
    expect(docs.map((d) => [d.id, d.text, d.meta?.record, d.meta?.patient, d.meta?.start, d.meta?.end])).toEqual([
      ['n1_0', 'one two', 'n1', 'p1', 0, 7],
      ['n1_1', 'three four', 'n1', 'p1', 8, 18],
      ['n1_2', 'five', 'n1', 'p1', 19, 23],
      ['n2_0', 'cough and', 'n2', 'p1', 0, 9],
      ['n2_1', 'fever', 'n2', 'p1', 10, 15],
    ]);
    expect(first.dataset.queries.queries.map((q) => q.id)).toEqual(['q1']);
    expect(first.dataset.qrels.get('q1')).toEqual(new Map([['n2', 1]]));

    const patients = await passageGroups(first.dataset.corpus, 'patient');
    expect(patients.members.get('p1')).toEqual(['n1_0', 'n1_1', 'n1_2', 'n2_0', 'n2_1']);

    expect((await buildNotesCorpus(spec(dir, 2), loc)).reused).toBe(true);
    // Another task over the same notes reuses the corpus file, and so its indexes.
    const other = await buildNotesCorpus({ ...spec(dir, 2), task: { queries: [{ id: 'q9', text: 'fever', meta: {} }], qrels: new Map([['q9', new Map([['n2', 1]])]]) } }, loc);
    expect(other.reused).toBe(true);
    expect(other.dataset.corpus.source).toBe(first.dataset.corpus.source);
    expect(other.dataset.queries.queries.map((q) => q.id)).toEqual(['q9']);
    const rechunked = await buildNotesCorpus(spec(dir, 3), loc);
    expect(rechunked.reused).toBe(false);
    expect(rechunked.dataset.corpus.source).not.toBe(first.dataset.corpus.source);
    expect(rechunked.stats.passages).toBe(3);

    // Privacy: sending these passages to a remote generator is warned about; a local one is silent.
    expect(remoteGeneratorWarning(first.dataset, 'https://llm.example/v1')).toMatch(/clinical notes corpus .* will be sent to the remote generator https:\/\/llm\.example\/v1/);
    expect(remoteGeneratorWarning(first.dataset, undefined)).toBeUndefined();
  });

  it('a dataset that is not a notes corpus gets no warning', async () => {
    const dir = writeTree(tempDir(), { 'corpus.jsonl': '{"_id":"d","text":"t"}\n', 'queries.jsonl': '{"_id":"q","text":"t"}\n', 'qrels/test.tsv': 'query-id\tcorpus-id\tscore\n' });
    const dataset = await loadDataset(dir, { split: 'test' }, resolveLocations());
    expect(remoteGeneratorWarning(dataset, 'https://llm.example/v1')).toBeUndefined();
  });

  it('two notes of one encounter cannot share passage ids', async () => {
    const dir = writeTree(tempDir(), { 'n.csv': 'ROW_ID,HADM_ID,TEXT\n1,100,"a b"\n2,100,"c d"\n' });
    const loc = { ...resolveLocations(), cache: join(dir, 'cache') };
    await expect(
      buildNotesCorpus({ name: 'n', source: { file: join(dir, 'n.csv'), dedupe: 'none' }, chunker: 'whole', chunkerParams: {}, idFrom: 'encounter' }, loc),
    ).rejects.toThrow(/n\.csv:3: a second note for encounter '100'/);
  });
});
