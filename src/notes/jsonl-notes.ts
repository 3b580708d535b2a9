import { inputError } from '../core/errors.js';
import { readLines, readError } from '../io/lines.js';
import type { ReadCounts } from './csv-notes.js';
import { noteFromRecord, type ColumnChoice, type Note } from './note.js';

/**
 * The 1-based column of a JSON syntax error. V8's message quotes the text around the error
 * ("Unexpected token 'P', "Patient Jo"... is not valid JSON") — note text that must not reach a
 * terminal or a log — so only the position is kept: from "at position N" when given, else the
 * shortest prefix with a non-truncation error (found by bisection: a longer prefix keeps the error).
 */
export function jsonErrorColumn(text: string, message: string): number {
  const at = /at position (\d+)/.exec(message);
  if (at) return Number(at[1]) + 1;
  if (!message.startsWith('Unexpected token')) return text.length + 1;
  const broken = (length: number) => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (err) {
      const m = (err as Error).message;
      const p = /at position (\d+)/.exec(m);
      return m.startsWith('Unexpected token') || (p !== null && Number(p[1]) < length);
    }
  };
  let lo = 1;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (broken(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** One line of a notes file as an object; a syntax error names the line and column, never the text. */
function parseNoteLine(file: string, line: number, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw inputError(file, line, `invalid JSON at column ${jsonErrorColumn(text, (err as Error).message)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw inputError(file, line, 'expected a JSON object');
  return value as Record<string, unknown>;
}

/** Streams the notes of a JSONL file (plain or `.gz`), one object per line; a missing id is a `file:line` error. */
export async function* readJsonlNotes(file: string, choice: ColumnChoice, counts: ReadCounts): AsyncGenerator<Note> {
  try {
    for await (const { text, number: line } of readLines(file)) {
      if (text.trim() === '') continue;
      const value = parseNoteLine(file, line, text);
      counts.records++;
      // Only the text key must be on every line: JSON lines often omit keys whose value is unknown.
      if (!(choice.columns.text in value)) throw inputError(file, line, `no key '${choice.columns.text}' (the text column)`);
      const note = noteFromRecord(value, choice, `${file}:${line}`, (what) => inputError(file, line, what));
      if (note) yield note;
      else counts.emptyText++;
    }
  } catch (err) {
    throw readError(file, err);
  }
}
