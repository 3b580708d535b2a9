import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { MedirError, inputError } from '../core/errors.js';

export interface Line {
  text: string;
  /** 1-based line number, for `file:line` errors. */
  number: number;
}

/** Streams a text file (plain or `.gz`) line by line; the file never sits in memory whole. */
export async function* readLines(file: string): AsyncGenerator<Line> {
  if (!existsSync(file)) throw new MedirError('MISSING_FILE', `${file}: no such file`);
  const raw = createReadStream(file);
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const reader = createInterface({ input, crlfDelay: Infinity });
  let number = 0;
  for await (const text of reader) {
    number++;
    yield { text, number };
  }
}

/** Streams the JSON objects of a JSONL file; blank lines are skipped, bad JSON is a `file:line` error. */
export async function* readJsonl(file: string): AsyncGenerator<{ value: Record<string, unknown>; line: number }> {
  for await (const { text, number } of readLines(file)) {
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw inputError(file, number, `invalid JSON (${(err as Error).message})`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw inputError(file, number, 'expected a JSON object');
    }
    yield { value: value as Record<string, unknown>, line: number };
  }
}
