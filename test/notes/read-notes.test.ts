import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MedirError } from '../../src/core/errors.js';
import type { Note } from '../../src/notes/note.js';
import { emptyNoteStats, readNotes, type NoteSource } from '../../src/notes/read-notes.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const HEADER = '"ROW_ID","SUBJECT_ID","HADM_ID","CHARTDATE","CATEGORY","DESCRIPTION","TEXT"\n';

async function collect(source: NoteSource): Promise<{ notes: Note[]; stats: ReturnType<typeof emptyNoteStats> }> {
  const stats = emptyNoteStats();
  const notes: Note[] = [];
  for await (const n of readNotes(source, stats)) notes.push(n);
  return { notes, stats };
}

async function failure(source: NoteSource): Promise<MedirError> {
  try {
    await collect(source);
  } catch (err) {
    return err as MedirError;
  }
  throw new Error('expected an error');
}

describe('CSV notes (NOTEEVENTS layout)', () => {
  it('reads MIMIC-III columns by default, with quoted newlines and doubled quotes inside a field', async () => {
    const dir = writeTree(tempDir(), {
      'notes.csv': HEADER + '1,10,100,2101-01-01,"Discharge summary","Report","line one\nline ""two""\n"\n2,11,,2101-01-02,"Nursing","Note","x"\n',
    });
    const { notes, stats } = await collect({ file: join(dir, 'notes.csv'), dedupe: 'none' });
    expect(notes.map((n) => [n.id, n.patientId, n.encounterId, n.category, n.date, n.text])).toEqual([
      ['1', '10', '100', 'Discharge summary', '2101-01-01', 'line one\nline "two"\n'],
      ['2', '11', undefined, 'Nursing', '2101-01-02', 'x'],
    ]);
    expect(notes[0].fields).toEqual({ DESCRIPTION: 'Report' });
    expect(notes[1].where).toBe(`${join(dir, 'notes.csv')}:5`);
    expect(stats.records).toBe(2);
  });

  it('reads a .csv.gz the same way', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.csv.gz'), gzipSync(HEADER + '1,10,100,d,"Discharge summary","R","hello"\n'));
    const { notes } = await collect({ file: join(dir, 'notes.csv.gz'), dedupe: 'none' });
    expect(notes.map((n) => n.text)).toEqual(['hello']);
  });

  it('an unclosed quote at the end of the file names the line where its record starts', async () => {
    const dir = writeTree(tempDir(), { 'n.csv': HEADER + '1,10,100,d,c,r,"fine\ntext"\n2,10,100,d,c,r,"broken\nmore\n' });
    const err = await failure({ file: join(dir, 'n.csv'), dedupe: 'none' });
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toBe(`${join(dir, 'n.csv')}:4: broken quote in the record starting here: a quoted field is never closed`);
  });

  it('a broken quote noticed lines later names both the record start and that line', async () => {
    const dir = writeTree(tempDir(), { 'n.csv': HEADER + '1,10,100,d,c,r,"fine\ntext"\n2,10,100,d,c,r,"broken\nmore\n3,10,100,d,c,r,"x"\n' });
    const err = await failure({ file: join(dir, 'n.csv'), dedupe: 'none' });
    expect(err.message).toBe(`${join(dir, 'n.csv')}:4: broken quote in the record starting here: a quote inside a quoted field is not doubled (noticed on line 6)`);
  });

  it('a stray quote inside a one-line quoted field names its line', async () => {
    const dir = writeTree(tempDir(), { 'n.csv': HEADER + '1,10,100,d,c,r,"ok"\n2,10,100,d,c,r,"he said "no" here"\n' });
    const err = await failure({ file: join(dir, 'n.csv'), dedupe: 'none' });
    expect(err.message).toMatch(/n\.csv:3: broken quote in the record starting here: a quote inside a quoted field is not doubled \(noticed on line 3\)/);
  });

  it('a record with a different field count names its first line, and never quotes the text', async () => {
    const dir = writeTree(tempDir(), { 'n.csv': HEADER + '1,10,100,d,c,r,"ok"\n2,10,100,d,c,"secret patient text"\n' });
    const err = await failure({ file: join(dir, 'n.csv'), dedupe: 'none' });
    expect(err.message).toMatch(/n\.csv:3: the record starting here has a different number of fields/);
    expect(err.message).not.toMatch(/secret/);
  });

  it('a column named explicitly must exist; the header is listed', async () => {
    const dir = writeTree(tempDir(), { 'n.csv': HEADER + '1,10,100,d,c,r,"x"\n' });
    const err = await failure({ file: join(dir, 'n.csv'), columns: { patient: 'PATIENT' }, dedupe: 'none' });
    expect(err.message).toMatch(/n\.csv:1: no column 'PATIENT' in the header \(it has: ROW_ID, SUBJECT_ID/);
  });

  it('custom columns replace the defaults; optional default columns may be absent', async () => {
    const dir = writeTree(tempDir(), { 'n.csv': 'nid,body,pid\nA,"first",p1\nB,"second",p2\n' });
    const { notes } = await collect({ file: join(dir, 'n.csv'), columns: { id: 'nid', text: 'body', patient: 'pid' }, dedupe: 'none' });
    expect(notes.map((n) => [n.id, n.patientId, n.text, n.category])).toEqual([
      ['A', 'p1', 'first', undefined],
      ['B', 'p2', 'second', undefined],
    ]);
  });
});

describe('JSONL notes', () => {
  it('reads configured keys; null or empty text is counted, not kept', async () => {
    const dir = writeTree(tempDir(), {
      'n.jsonl': ['{"note_id":"1","specialty":"Surgery","text":"a b","description":"d1"}', '{"note_id":"2","specialty":"Surgery","text":null}', '{"note_id":3,"text":"  "}'].join('\n') + '\n',
    });
    const { notes, stats } = await collect({ file: join(dir, 'n.jsonl'), columns: { id: 'note_id', category: 'specialty', text: 'text' }, dedupe: 'none' });
    expect(notes.map((n) => [n.id, n.category, n.text, n.fields.description])).toEqual([['1', 'Surgery', 'a b', 'd1']]);
    expect(stats).toMatchObject({ records: 3, emptyText: 2, kept: 1 });
  });

  it('a record without the text key is a file:line error', async () => {
    const dir = writeTree(tempDir(), { 'n.jsonl': '{"note_id":"1","text":"x"}\n{"note_id":"2","body":"y"}\n' });
    const err = await failure({ file: join(dir, 'n.jsonl'), columns: { id: 'note_id', text: 'text' }, dedupe: 'none' });
    expect(err.message).toBe(`${join(dir, 'n.jsonl')}:2: no key 'text' (the text column)`);
  });

  it('an unknown extension asks for --notes-format', async () => {
    const dir = writeTree(tempDir(), { 'n.txt': 'x' });
    const err = await failure({ file: join(dir, 'n.txt'), dedupe: 'none' });
    expect(err.message).toMatch(/cannot tell the format/);
    expect(err.hint).toMatch(/--notes-format/);
  });
});

describe('filters and de-duplication', () => {
  const csv = HEADER + [
    '1,10,100,d,"Discharge summary",r,"same text"',
    '2,10,100,d,"Discharge summary",r,"addendum"',
    '3,11,200,d,"Nursing",r,"same text"',
    '4,12,300,d,"Discharge summary",r,"same text"',
    '5,13,400,d,"Discharge summary",r,"other"',
  ].join('\n') + '\n';

  it('by text: the first note of each text is kept, repeats counted', async () => {
    const dir = writeTree(tempDir(), { 'n.csv': csv });
    const { notes, stats } = await collect({ file: join(dir, 'n.csv'), dedupe: 'text' });
    expect(notes.map((n) => n.id)).toEqual(['1', '2', '5']);
    expect(stats).toMatchObject({ records: 5, duplicates: 2, kept: 3 });
  });

  it("by encounter after the category filter (CliniQ's rule): the first discharge summary per HADM_ID", async () => {
    const dir = writeTree(tempDir(), { 'n.csv': csv });
    const { notes, stats } = await collect({ file: join(dir, 'n.csv'), categories: ['Discharge summary'], encounters: new Set(['100', '300']), dedupe: 'encounter' });
    expect(notes.map((n) => n.id)).toEqual(['1', '4']);
    expect(stats).toMatchObject({ otherCategory: 1, otherEncounter: 1, duplicates: 1, kept: 2 });
  });
});
