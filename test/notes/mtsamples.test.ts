import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { resolveLocations } from '../../src/mirror/locations.js';
import { addNotesOptions, notesDatasetFrom, type NotesFlags } from '../../src/cli/notes-options.js';
import { buildMtsamplesTask, mtsamplesFile } from '../../src/notes/mtsamples.js';
import { medir } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

describe('the MTSamples task by construction', () => {
  it('queries are distinct descriptions and sample names; relevant = the de-duplicated notes that carry them under any copy', async () => {
    const dir = writeTree(tempDir(), {
      'notes.jsonl': [
        '{"note_id":"1","specialty":"Surgery","sample_name":"Hernia Repair","description":"Inguinal hernia.","text":"Text one."}',
        '{"note_id":"2","specialty":"Gastro","sample_name":"Hernia Repair 2","description":"Inguinal hernia.","text":"Text two."}',
        '{"note_id":"3","specialty":"Consult","sample_name":"Consult","description":" Chest pain. ","text":"Text one."}',
        '{"note_id":"4","specialty":"Consult","sample_name":"Consult","description":null,"text":null}',
      ].join('\n') + '\n',
    });
    const task = await buildMtsamplesTask(join(dir, 'notes.jsonl'));
    expect(task.queries.map((q) => [q.id, q.text, q.meta.field])).toEqual([
      ['desc-1', 'Inguinal hernia.', 'description'],
      ['name-2', 'Hernia Repair', 'sample_name'],
      ['name-3', 'Hernia Repair 2', 'sample_name'],
      ['desc-4', 'Chest pain.', 'description'],
      ['name-5', 'Consult', 'sample_name'],
    ]);
    // Note 3 repeats note 1's text: its description and name judge note 1. Note 4 has no text: no query.
    expect(Object.fromEntries([...task.qrels].map(([q, d]) => [q, [...d.keys()]]))).toEqual({
      'desc-1': ['1', '2'],
      'name-2': ['1'],
      'name-3': ['2'],
      'desc-4': ['1'],
      'name-5': ['1'],
    });
    expect(task.notes).toEqual({ records: 4, emptyText: 1, distinctTexts: 2, duplicates: 1 });
  });

  it('on the mirror: 4,999 notes, 33 without text, 2,357 distinct texts (the README counts)', async () => {
    const task = await buildMtsamplesTask(await mtsamplesFile(resolveLocations()));
    expect(task.notes).toEqual({ records: 4999, emptyText: 33, distinctTexts: 2357, duplicates: 4999 - 33 - 2357 });
  });
});

describe('--notes on any command (addNotesOptions + notesDatasetFrom)', () => {
  it('builds a dataset from a CSV with custom columns, a category filter and the chosen chunker', async () => {
    const dir = writeTree(tempDir(), {
      'clinic.csv': 'id,who,kind,body\n1,p1,Discharge,"HISTORY: cough.\nPLAN: rest."\n2,p2,Radiology,"chest x-ray"\n',
      'queries.jsonl': '{"_id":"q1","text":"cough"}\n',
      'qrels.tsv': 'q1 0 1 1\n',
    });
    const cmd = addNotesOptions(new Command('x').exitOverride().option('--queries <f>').option('--qrels <f>'));
    cmd.parse(['--notes', join(dir, 'clinic.csv'), '--id-column', 'id', '--patient-column', 'who', '--category-column', 'kind', '--text-column', 'body', '--category', 'Discharge', '--chunker', 'sections', '--passage-ids', 'note', '--queries', join(dir, 'queries.jsonl'), '--qrels', join(dir, 'qrels.tsv')], { from: 'user' });
    const flags = cmd.opts<NotesFlags & { notes: string }>();
    const dataset = await notesDatasetFrom(flags, { ...resolveLocations(), cache: join(dir, 'cache') });
    const docs = [];
    for await (const d of dataset.corpus.docs()) docs.push([d.id, d.text, d.meta?.section, d.meta?.patient]);
    expect(docs).toEqual([
      ['1_0', 'HISTORY: cough.', 'HISTORY', 'p1'],
      ['1_1', 'PLAN: rest.', 'PLAN', 'p1'],
    ]);
    expect(dataset.queries.queries.map((q) => q.id)).toEqual(['q1']);
    expect(dataset.name).toMatch(/^clinic-[0-9a-f]{12}$/);
  });

  it('a bad chunker parameter names its flag', async () => {
    const dir = writeTree(tempDir(), { 'n.csv': 'ROW_ID,TEXT\n1,"a b"\n' });
    const cmd = addNotesOptions(new Command('x').exitOverride());
    cmd.parse(['--notes', join(dir, 'n.csv'), '--passage-words', 'many'], { from: 'user' });
    await expect(notesDatasetFrom(cmd.opts<NotesFlags & { notes: string }>(), { ...resolveLocations(), cache: join(dir, 'cache') })).rejects.toThrow("--passage-words: expected an integer, got 'many'");
  });
});

describe('CLI', () => {
  it('`medir index --notes` fails on a broken quote with the file and line, exit 1', () => {
    const dir = writeTree(tempDir(), { 'b.csv': 'ROW_ID,TEXT\n1,"ok"\n2,"broken\n3,"x"\n' });
    const r = medir(['index', '--notes', join(dir, 'b.csv'), '--retriever', 'bm25'], { env: { MEDIR_CACHE: join(dir, 'cache'), MEDIR_INDEXES: join(dir, 'indexes') } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'b.csv')}:3: broken quote in the record starting here`);
  });

  it('an unknown retriever in --retrievers lists the registry, exit 2', () => {
    const r = medir(['ehr', 'mtsamples', '--retrievers', 'bm25,splade']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown retriever 'splade'; valid: .*bm25/);
  });
});
