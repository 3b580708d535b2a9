import { inputError } from '../core/errors.js';
import { readJsonl } from '../io/lines.js';
import type { ReadCounts } from './csv-notes.js';
import { noteFromRecord, type ColumnChoice, type Note } from './note.js';

/** Streams the notes of a JSONL file (plain or `.gz`), one object per line; a missing id is a `file:line` error. */
export async function* readJsonlNotes(file: string, choice: ColumnChoice, counts: ReadCounts): AsyncGenerator<Note> {
  for await (const { value, line } of readJsonl(file)) {
    counts.records++;
    // Only the text key must be on every line: JSON lines often omit keys whose value is unknown.
    if (!(choice.columns.text in value)) throw inputError(file, line, `no key '${choice.columns.text}' (the text column)`);
    const note = noteFromRecord(value, choice, `${file}:${line}`, (what) => inputError(file, line, what));
    if (note) yield note;
    else counts.emptyText++;
  }
}
