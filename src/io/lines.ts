import { isAscii, isUtf8 } from 'node:buffer';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { MedirError, inputError } from '../core/errors.js';

export interface Line {
  text: string;
  /** 1-based line number, for `file:line` errors. */
  number: number;
}

const NEWLINE = 10;

/** What a read failure means to the user, with the file named (zlib's and fs's own messages name neither). */
export function readError(file: string, err: unknown): MedirError {
  if (err instanceof MedirError) return err;
  const e = err as NodeJS.ErrnoException;
  const what =
    e.code === 'Z_BUF_ERROR' ? 'truncated gzip file (unexpected end of file)'
    : e.code === 'Z_DATA_ERROR' ? `not a valid gzip file (${e.message})`
    : e.code === 'EISDIR' ? 'is a folder, expected a file'
    : e.code === 'EACCES' ? 'permission denied'
    : (e.message ?? String(err));
  return new MedirError('BAD_INPUT', `${file}: ${what}`);
}

/**
 * Streams a file (plain, or gunzipped when it ends in `.gz`) as byte chunks of whole lines: each
 * chunk ends just before a newline byte (or at the end of the file), so no line and no UTF-8
 * character is ever cut; consecutive chunks are separated by exactly one newline. A UTF-8 byte order mark at the start is dropped. A missing file, a folder,
 * a truncated or non-gzip `.gz` are errors naming the file. The file never sits in memory whole.
 */
export async function* readLineChunks(file: string, chunkBytes = 1 << 20): AsyncGenerator<Buffer> {
  if (!existsSync(file)) throw new MedirError('MISSING_FILE', `${file}: no such file`);
  if (statSync(file).isDirectory()) throw readError(file, { code: 'EISDIR' });
  const raw = createReadStream(file, { highWaterMark: chunkBytes });
  let input: NodeJS.ReadableStream = raw;
  if (file.endsWith('.gz')) {
    const gunzip = createGunzip({ chunkSize: Math.min(chunkBytes, 1 << 16) * 4 });
    raw.on('error', (err) => gunzip.destroy(err));
    input = raw.pipe(gunzip);
  }
  let pending: Buffer[] = [];
  let first = true;
  const bomless = (buf: Buffer) => {
    if (!first) return buf;
    first = false;
    return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  };
  try {
    for await (const chunk of input) {
      const bytes = chunk as Buffer;
      const cut = bytes.lastIndexOf(NEWLINE);
      if (cut < 0) {
        pending.push(bytes);
        continue;
      }
      let from = 0;
      if (pending.length) {
        // Only the line cut across reads is copied: the rest of this read is handed on in place.
        const first = bytes.indexOf(NEWLINE);
        yield bomless(Buffer.concat([...pending, bytes.subarray(0, first)]));
        from = first + 1;
      }
      pending = cut + 1 < bytes.length ? [bytes.subarray(cut + 1)] : [];
      if (from <= cut) yield bomless(bytes.subarray(from, cut));
    }
  } catch (err) {
    throw readError(file, err);
  }
  if (pending.length) yield bomless(Buffer.concat(pending));
}

/**
 * Decodes a chunk of whole lines. ASCII becomes latin1 (the cheapest string V8 makes); other text must
 * be valid UTF-8: ids are compared as text, and invalid bytes decoded to U+FFFD would make distinct
 * ids equal, so they are an error at the first bad line instead.
 */
export function decodeLines(file: string, bytes: Buffer, firstLine: number): string {
  if (isAscii(bytes)) return bytes.toString('latin1');
  if (isUtf8(bytes)) return bytes.toString('utf8');
  let line = firstLine;
  for (let start = 0; start <= bytes.length; line++) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end < 0) end = bytes.length;
    if (!isUtf8(bytes.subarray(start, end))) throw inputError(file, line, 'invalid UTF-8 (re-encode the file as UTF-8)');
    start = end + 1;
  }
  throw inputError(file, firstLine, 'invalid UTF-8 (re-encode the file as UTF-8)');
}

/**
 * Streams a text file (plain or `.gz`, UTF-8) line by line, without line ends (`\n` or `\r\n`);
 * the file never sits in memory whole. See readLineChunks for the errors.
 */
export async function* readLines(file: string): AsyncGenerator<Line> {
  let number = 0;
  for await (const bytes of readLineChunks(file)) {
    const text = decodeLines(file, bytes, number + 1);
    for (let start = 0; ; ) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      yield { text: text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end), number: ++number };
      if (nl < 0) break;
      start = nl + 1;
    }
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
