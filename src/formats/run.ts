import { createReadStream, existsSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { inputError, MedirError } from '../core/errors.js';
import type { Run, ScoredDoc } from '../core/types.js';
import { AtomicLineWriter } from '../io/atomic.js';

/** One query's ranking as read from a run file, in file order. */
export interface RunQuery {
  qid: string;
  docs: ScoredDoc[];
  tag: string;
}

/** Thrown by `streamRun` when a query's lines are not contiguous; `readRun` handles such files. */
export class UnsortedRunError extends Error {}

/** Receives each parsed line; `qid` and `tag` are the same string object while they do not change. */
type LineSink = (qid: string, docId: string, score: number, tag: string, line: number) => void;

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * A decimal score without exponent and with at most 15 digits is an exact integer over an exact
 * power of ten, so one division gives the correctly rounded double, as Number() and C's atof do;
 * anything else goes through Number().
 */
function parseScore(buf: Buffer, start: number, end: number): number {
  let i = start;
  const negative = buf[i] === 45;
  if (negative || buf[i] === 43) i++;
  let int = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < end; i++) {
    const c = buf[i];
    if (c >= 48 && c <= 57) {
      int = int * 10 + (c - 48);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c === 46 && decimals < 0) decimals = 0;
    else return Number(buf.toString('utf8', start, end));
  }
  if (digits === 0 || digits > 15) return Number(buf.toString('utf8', start, end));
  const value = decimals > 0 ? int / POW10[decimals] : int;
  return negative ? -value : value;
}

/** The last qid or tag seen, kept as a string and as bytes so the next line compares in place. */
class Repeated {
  value = '';
  private bytes = Buffer.alloc(0);

  /** The field's string, the same object as last time when its bytes did not change. */
  of(buf: Buffer, start: number, end: number): string {
    const n = end - start;
    let same = n === this.bytes.length;
    for (let i = 0; same && i < n; i++) same = buf[start + i] === this.bytes[i];
    if (!same) {
      this.bytes = Buffer.from(buf.subarray(start, end));
      this.value = this.bytes.toString('utf8');
    }
    return this.value;
  }
}

const starts = new Int32Array(6);
const ends = new Int32Array(6);

/**
 * Parses the whole lines in buf[0, length) (TREC run format) byte by byte: no regex, no split, no
 * string per field except the docid; qid and tag are compared in place and reused while unchanged.
 * Fields are separated by any run of bytes <= 32 (space, tab, CR…). Returns the number of lines.
 */
function parseLines(file: string, buf: Buffer, length: number, firstLine: number, qid: Repeated, tag: Repeated, sink: LineSink): number {
  let line = firstLine;
  let p = 0;
  while (p < length) {
    let fields = 0;
    let high = 0;
    let c = 0;
    while (p < length && (c = buf[p]) !== 10) {
      if (c <= 32) {
        p++;
        continue;
      }
      const fieldStart = p;
      while (p < length && (c = buf[p]) > 32) {
        high |= c;
        p++;
      }
      if (fields < 6) {
        starts[fields] = fieldStart;
        ends[fields] = p;
      }
      fields++;
    }
    if (fields !== 0) {
      if (fields !== 6) throw inputError(file, line, `expected 6 columns 'qid Q0 docid rank score tag', got ${fields}`);
      const score = parseScore(buf, starts[4], ends[4]);
      if (!Number.isFinite(score)) throw inputError(file, line, `score must be a finite number, got '${buf.toString('utf8', starts[4], ends[4])}'`);
      const docId = buf.toString(high & 0x80 ? 'utf8' : 'latin1', starts[2], ends[2]);
      sink(qid.of(buf, starts[0], ends[0]), docId, score, tag.of(buf, starts[5], ends[5]), line);
    }
    line++;
    p++;
  }
  return line - firstLine;
}

/**
 * Feeds every line of a run file (plain or .gz) to `sink`, parsing 1 MB chunks of bytes and yielding
 * after each so the caller can hand on what the chunk completed. A line cut by a chunk end is carried.
 */
async function* parseRunFile(file: string, sink: LineSink): AsyncGenerator<void> {
  if (!existsSync(file)) throw new MedirError('MISSING_FILE', `${file}: no such file`);
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const qid = new Repeated();
  const tag = new Repeated();
  let carry: Buffer | undefined;
  let line = 1;
  for await (const chunk of input) {
    const buf: Buffer = carry ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    const cut = buf.lastIndexOf(10);
    if (cut < 0) {
      carry = buf;
      continue;
    }
    line += parseLines(file, buf, cut + 1, line, qid, tag, sink);
    carry = cut + 1 < buf.length ? buf.subarray(cut + 1) : undefined;
    yield;
  }
  if (carry) parseLines(file, carry, carry.length, line, qid, tag, sink);
}

/** One query's ranking as columns: what the evaluator reads, without an object per document. */
export interface RunColumns {
  qid: string;
  tag: string;
  docIds: string[];
  scores: number[];
}

/**
 * Streams a TREC run (`qid Q0 docid rank score tag`) one query at a time, in file order, holding one
 * query in memory, as columns. Runs are grouped by query in practice; a query whose lines are split
 * throws `UnsortedRunError` (use `readRun`). A document twice for one query, a non-numeric score or a
 * wrong column count is a `file:line` error. The rank column is ignored, as trec_eval does.
 */
export async function* streamRunColumns(file: string): AsyncGenerator<RunColumns> {
  const done = new Set<string>();
  const ready: RunColumns[] = [];
  const seen = new Set<string>();
  let current: RunColumns | undefined;
  const sink: LineSink = (qid, docId, score, tag, line) => {
    if (current?.qid !== qid) {
      if (current) {
        done.add(current.qid);
        ready.push(current);
      }
      if (done.has(qid)) throw new UnsortedRunError(`${file}:${line}: query '${qid}' appears again after other queries`);
      current = { qid, tag, docIds: [], scores: [] };
      seen.clear();
    }
    if (seen.has(docId)) throw inputError(file, line, `document '${docId}' appears twice for query '${qid}'`);
    seen.add(docId);
    current.docIds.push(docId);
    current.scores.push(score);
  };
  for await (const _ of parseRunFile(file, sink)) {
    yield* ready;
    ready.length = 0;
  }
  yield* ready;
  if (current) yield current;
}

/** `streamRunColumns` with each ranking as ScoredDoc objects. */
export async function* streamRun(file: string): AsyncGenerator<RunQuery> {
  for await (const { qid, tag, docIds, scores } of streamRunColumns(file)) {
    yield { qid, tag, docs: docIds.map((docId, i) => ({ docId, score: scores[i] })) };
  }
}

/** Reads a whole run into memory, in any line order. */
export async function readRun(file: string): Promise<{ run: Run; tag: string }> {
  const byQuery = new Map<string, { docs: ScoredDoc[]; seen: Set<string> }>();
  let tag = '';
  const sink: LineSink = (qid, docId, score, lineTag, line) => {
    tag ||= lineTag;
    let entry = byQuery.get(qid);
    if (!entry) byQuery.set(qid, (entry = { docs: [], seen: new Set() }));
    if (entry.seen.has(docId)) throw inputError(file, line, `document '${docId}' appears twice for query '${qid}'`);
    entry.seen.add(docId);
    entry.docs.push({ docId, score });
  };
  for await (const _ of parseRunFile(file, sink));
  const run: Run = new Map();
  for (const [qid, { docs }] of byQuery) run.set(qid, docs);
  return { run, tag };
}

/** Orders a ranking as trec_eval does: score descending, ties by docid in descending string order. */
export function compareCanonical(a: ScoredDoc, b: ScoredDoc): number {
  if (a.score !== b.score) return b.score - a.score;
  return a.docId < b.docId ? 1 : a.docId > b.docId ? -1 : 0;
}

/**
 * Writes a TREC run atomically, each ranking in canonical order with ranks from 1. Scores are written
 * in the shortest form that round-trips (never `%.6f`, which creates ties the evaluator re-breaks).
 */
export async function writeRun(file: string, run: Run, tag: string): Promise<void> {
  const out = new AtomicLineWriter(file);
  try {
    for (const [qid, docs] of run) {
      const ranked = [...docs].sort(compareCanonical);
      let lines = '';
      for (let i = 0; i < ranked.length; i++) lines += `${qid} Q0 ${ranked[i].docId} ${i + 1} ${ranked[i].score} ${tag}\n`;
      await out.write(lines);
    }
    await out.close();
  } catch (err) {
    out.abort();
    throw err;
  }
}
