import { inputError, MedirError } from '../core/errors.js';
import type { Run, ScoredDoc } from '../core/types.js';
import { AtomicLineWriter } from '../io/atomic.js';
import { decodeLines, readLineChunks } from '../io/lines.js';
import { parseDecimal, SCORE_RULE } from './numbers.js';

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
 * Parses a score field of `text` by the decimal grammar (numbers.ts). A decimal without exponent and
 * with at most 15 digits is an exact integer over an exact power of ten, so one division gives the
 * correctly rounded double, as Number() and C's atof do; anything else goes through parseDecimal.
 * NaN when the field is not a decimal number.
 */
function parseScore(text: string, start: number, end: number): number {
  let i = start;
  const negative = text.charCodeAt(i) === 45;
  if (negative || text.charCodeAt(i) === 43) i++;
  let int = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      int = int * 10 + (c - 48);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c === 46 && decimals < 0) decimals = 0;
    else return parseDecimal(text.slice(start, end)) ?? NaN;
  }
  if (digits === 0 || digits > 15) return parseDecimal(text.slice(start, end)) ?? NaN;
  const value = decimals > 0 ? int / POW10[decimals] : int;
  return negative ? -value : value;
}

/**
 * A copy of a string cut from a chunk. V8 keeps substrings of 13+ characters as views of their parent,
 * so a qid kept after its query would pin a whole 1 MB chunk in memory.
 */
function detached(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}

/**
 * The docids of one query, to reject a document given twice. An open-addressing table with a
 * generation stamp per slot: `reset` is O(1), so a run of 10,000 queries × 1,000 documents costs no
 * clearing or rehashing per query (a Set spent more time here than the whole parse).
 */
class DocIdSet {
  private stamps = new Int32Array(4096);
  private ids: string[] = new Array<string>(4096);
  private generation = 1;
  private size = 0;

  reset(): void {
    this.generation++;
    this.size = 0;
  }

  /** Adds `id`; false when it was already there. */
  add(id: string): boolean {
    if (2 * (this.size + 1) > this.stamps.length) this.grow();
    let h = 0x811c9dc5;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    const mask = this.stamps.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      if (this.stamps[slot] !== this.generation) {
        this.stamps[slot] = this.generation;
        this.ids[slot] = id;
        this.size++;
        return true;
      }
      if (this.ids[slot] === id) return false;
    }
  }

  private grow(): void {
    const live = this.ids.filter((_, slot) => this.stamps[slot] === this.generation);
    this.stamps = new Int32Array(this.stamps.length * 2);
    this.ids = new Array<string>(this.stamps.length);
    this.reset();
    for (const id of live) this.add(id);
  }
}

const starts = new Int32Array(6);
const ends = new Int32Array(6);

/** trec_eval's isspace (space, \t, \n, \v, \f, \r): the only field separators. */
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/**
 * Parses the lines of `text` (TREC run format) with one pass of charCodeAt: no regex, no split, no
 * string per field except the docid; qid and tag are compared in place and reused while unchanged.
 * As in trec_eval, blank lines and lines whose first field starts with `#` are skipped and fields after
 * the sixth are ignored. `text` holds whole lines, the last one ending at its end. Returns the number
 * of lines and of result lines.
 */
function parseLines(file: string, text: string, firstLine: number, last: { qid: string; tag: string }, sink: LineSink): { lines: number; results: number } {
  const length = text.length;
  let line = firstLine;
  let results = 0;
  for (let p = 0; p <= length; p++, line++) {
    let fields = 0;
    let c = 0;
    while (p < length && (c = text.charCodeAt(p)) !== 10) {
      if (isSpace(c)) {
        p++;
        continue;
      }
      const fieldStart = p;
      while (p < length && !isSpace(text.charCodeAt(p))) p++;
      if (fields < 6) {
        starts[fields] = fieldStart;
        ends[fields] = p;
      }
      fields++;
    }
    if (fields === 0 || text.charCodeAt(starts[0]) === 35) continue;
    if (fields < 6) throw inputError(file, line, `expected 6 columns 'qid Q0 docid rank score tag', got ${fields}`);
    if (ends[0] - starts[0] !== last.qid.length || !text.startsWith(last.qid, starts[0])) last.qid = detached(text.slice(starts[0], ends[0]));
    if (ends[5] - starts[5] !== last.tag.length || !text.startsWith(last.tag, starts[5])) last.tag = detached(text.slice(starts[5], ends[5]));
    const score = parseScore(text, starts[4], ends[4]);
    if (Number.isNaN(score)) throw inputError(file, line, `score must be ${SCORE_RULE}, got '${text.slice(starts[4], ends[4])}'`);
    sink(last.qid, text.slice(starts[2], ends[2]), score, last.tag, line);
    results++;
  }
  return { lines: line - firstLine, results };
}

/**
 * Feeds every result line of a run file (plain or .gz) to `sink`, 1 MB at a time, yielding after each
 * chunk so the caller can hand on what it completed. A run without any result line is an error, as in
 * trec_eval ("Cannot read results file").
 */
async function* parseRunFile(file: string, sink: LineSink): AsyncGenerator<void> {
  const last = { qid: '', tag: '' };
  let line = 1;
  let results = 0;
  for await (const bytes of readLineChunks(file)) {
    const parsed = parseLines(file, decodeLines(file, bytes, line), line, last, sink);
    line += parsed.lines;
    results += parsed.results;
    yield;
  }
  if (results === 0) throw new MedirError('BAD_INPUT', `${file}: the run has no result lines`);
}

/** One query's ranking as columns: what the evaluator reads, without an object per document. */
export interface RunColumns {
  qid: string;
  /** The tag of the query's last line (trec_eval's runid is the tag of the file's last line). */
  tag: string;
  docIds: string[];
  scores: Float64Array;
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
  const seen = new DocIdSet();
  // Lines accumulate in reused buffers; each finished query gets exact-size copies.
  let ids: string[] = [];
  let scores = new Float64Array(1024);
  let n = 0;
  let qid = '';
  let tag = '';
  const finish = () => {
    if (n === 0) return;
    done.add(qid);
    ready.push({ qid, tag, docIds: ids.slice(0, n), scores: scores.slice(0, n) });
    n = 0;
  };
  const sink: LineSink = (lineQid, docId, score, lineTag, line) => {
    if (lineQid !== qid || n === 0) {
      finish();
      if (done.has(lineQid)) throw new UnsortedRunError(`${file}:${line}: query '${lineQid}' appears again after other queries`);
      qid = lineQid;
      seen.reset();
    }
    tag = lineTag;
    if (!seen.add(docId)) throw inputError(file, line, `document '${docId}' appears twice for query '${qid}'`);
    if (n === scores.length) {
      const grown = new Float64Array(2 * n);
      grown.set(scores);
      scores = grown;
    }
    ids[n] = docId;
    scores[n++] = score;
  };
  for await (const _ of parseRunFile(file, sink)) {
    yield* ready;
    ready.length = 0;
    if (ids.length > 4 * Math.max(n, 1024)) ids = ids.slice(0, n);
  }
  finish();
  yield* ready;
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
    tag = lineTag;
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
