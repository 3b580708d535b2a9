import { createReadStream, existsSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { CsvError, parse, type Options } from 'csv-parse';
import { inputError, MedirError } from '../core/errors.js';
import { readError } from '../io/lines.js';
import { noteFromRecord, type ColumnChoice, type Note } from './note.js';

/** What the reader saw besides the notes it yields. */
export interface ReadCounts {
  records: number;
  emptyText: number;
  /** Bytes of the file read so far (CSV only), for progress over multi-gigabyte exports. */
  bytes: number;
}

interface Parsed {
  record: string[];
  /** Line where the record begins (a quoted field may span several). */
  start: number;
}

function checkHeader(file: string, header: string[], choice: ColumnChoice): void {
  const missing = [...choice.required].map((k) => choice.columns[k]).filter((c) => !header.includes(c));
  if (missing.length) {
    throw new MedirError('BAD_INPUT', `${file}:1: no column ${missing.map((c) => `'${c}'`).join(', ')} in the header (it has: ${header.join(', ')})`, 'name the columns with --id-column, --text-column, --patient-column, --encounter-column, --category-column, --date-column');
  }
}

/**
 * Streams the notes of a CSV file (plain or `.gz`) with a header row. Quoted fields may span lines,
 * as they do in NOTEEVENTS.csv; a broken quote or a wrong field count is an error naming the line
 * where the record starts. The file never sits in memory whole.
 */
export async function* readCsvNotes(file: string, choice: ColumnChoice, counts: ReadCounts): AsyncGenerator<Note> {
  if (!existsSync(file)) throw new MedirError('MISSING_FILE', `${file}: no such file`);
  const raw = createReadStream(file);
  raw.on('data', (chunk) => (counts.bytes += chunk.length));
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  let header: string[] | undefined;
  // Line where the last complete record ended, tracked synchronously so an error can name where its record began.
  let lastEnd = 0;
  const options: Options<Parsed, string[]> = {
    bom: true,
    on_record: (record, context) => {
      const start = lastEnd + 1;
      lastEnd = context.lines;
      return { record, start };
    },
  };
  const parser = input.pipe(parse(options as unknown as Options));
  // pipe() does not pass errors on: a truncated .gz would be an unhandled crash and the build's temp folder would stay.
  for (const stream of new Set([raw, input])) stream.on('error', (err: Error) => parser.destroy(readError(file, err)));
  try {
    for await (const { record, start } of parser as AsyncIterable<Parsed>) {
      if (!header) {
        header = record;
        checkHeader(file, header, choice);
        continue;
      }
      counts.records++;
      const row: Record<string, string> = {};
      header.forEach((name, i) => (row[name] = record[i]));
      const note = noteFromRecord(row, choice, `${file}:${start}`, (what) => inputError(file, start, what));
      if (note) yield note;
      else counts.emptyText++;
    }
  } catch (err) {
    if (!(err instanceof CsvError)) throw readError(file, err);
    const start = lastEnd + 1;
    const seen = (err as unknown as { lines: number }).lines;
    const what: Record<string, string> = {
      CSV_QUOTE_NOT_CLOSED: 'broken quote in the record starting here: a quoted field is never closed',
      CSV_INVALID_CLOSING_QUOTE: `broken quote in the record starting here: a quote inside a quoted field is not doubled (noticed on line ${seen})`,
      CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'the record starting here has a different number of fields than the header',
    };
    throw inputError(file, start, what[err.code] ?? `malformed CSV (${err.code})`);
  }
}
