import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyNoteStats, readNotes, type NoteSource } from '../../src/notes/read-notes.js';
import { bounded, expectCleanError, idArb, outcome, params, scratch, textArb } from './fuzz.js';

async function notesOf(source: NoteSource): Promise<{ id: string; text: string }[]> {
  const out: { id: string; text: string }[] = [];
  for await (const n of readNotes(source, emptyNoteStats())) out.push({ id: n.id, text: n.text });
  return out;
}

/** The reference CSV reader (RFC 4180: quoted fields may hold commas, newlines and doubled quotes). */
function referenceCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
const noteArb = fc.uniqueArray(fc.record({ id: idArb, text: textArb }), { minLength: 1, maxLength: 12, selector: (n) => n.id });
const source = (file: string): NoteSource => ({ file, columns: { id: 'ID', text: 'TEXT' }, dedupe: 'none' });

describe('notes: valid files equal the reference reading', () => {
  const dir = scratch();

  it('CSV with quoted commas, quotes and newlines in the text, plain and .gz', async () => {
    await fc.assert(
      fc.asyncProperty(noteArb, fc.boolean(), async (notes, gz) => {
        const text = 'ID,TEXT\n' + notes.map((n) => `${quote(n.id)},${quote(n.text)}\n`).join('');
        const file = join(dir, gz ? 'n.csv.gz' : 'n.csv');
        writeFileSync(file, gz ? gzipSync(text) : text);
        const expected = referenceCsv(text)
          .slice(1)
          .map(([id, t]) => ({ id, text: t }))
          .filter((n) => n.text.trim() !== '');
        expect(await bounded(() => notesOf(source(file)))).toEqual(expected);
      }),
      params(),
    );
  });

  it('JSONL, plain and .gz', async () => {
    await fc.assert(
      fc.asyncProperty(noteArb, fc.boolean(), async (notes, gz) => {
        const text = notes.map((n) => JSON.stringify({ ID: n.id, TEXT: n.text })).join('\n') + '\n';
        const file = join(dir, gz ? 'n.jsonl.gz' : 'n.jsonl');
        writeFileSync(file, gz ? gzipSync(text) : text);
        const expected = text
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => JSON.parse(l))
          .map((v) => ({ id: v.ID, text: v.TEXT }))
          .filter((n) => n.text.trim() !== '');
        expect(await bounded(() => notesOf(source(file)))).toEqual(expected);
      }),
      params(),
    );
  });
});

describe('notes: invalid files name file and line, never the note text', () => {
  const dir = scratch();
  const SECRET = 'Jones';

  it('a JSONL line broken anywhere: file:line, and no text of the line in the message', async () => {
    await fc.assert(
      fc.asyncProperty(noteArb, fc.nat(), fc.nat(), async (notes, pick, cut) => {
        const rows = notes.map((n) => JSON.stringify({ ID: n.id, TEXT: `${SECRET} ${n.text}` }));
        const at = pick % rows.length;
        // Cut inside the JSON (never at its end): the line can no longer parse.
        rows[at] = rows[at].slice(0, 1 + (cut % (rows[at].length - 1)));
        const file = join(dir, 'bad.jsonl');
        writeFileSync(file, rows.join('\n') + '\n');
        const result = await outcome(() => notesOf(source(file)));
        expectCleanError(result, file, at + 1);
        expect((result as { error: Error }).error.message).not.toContain(SECRET);
      }),
      params(),
    );
  });

  it('a CSV quote left open: an error naming the file and the line where that record starts', async () => {
    await fc.assert(
      fc.asyncProperty(noteArb, fc.nat(), async (notes, pick) => {
        const rows = notes.map((n) => `${quote(n.id)},${quote(`${SECRET} ${n.text}`)}`);
        const at = pick % rows.length;
        rows[at] = `${quote(notes[at].id)},"${SECRET} never closed`;
        const text = ['ID,TEXT', ...rows].join('\n') + '\n';
        const file = join(dir, 'bad.csv');
        writeFileSync(file, text);
        const result = await outcome(() => notesOf(source(file)));
        // The record starts on the line after everything before it (quoted newlines included).
        const start = ['ID,TEXT', ...rows.slice(0, at)].join('\n').split('\n').length + 1;
        expectCleanError(result, file, start);
        expect((result as { error: Error }).error.message).not.toContain(SECRET);
      }),
      params(),
    );
  });
});
