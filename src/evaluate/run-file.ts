import { isAscii, isUtf8 } from 'node:buffer';
import { inputError, MedirError } from '../core/errors.js';
import { decodeLines, readLineChunks } from '../io/lines.js';
import { parseDecimal, SCORE_RULE } from '../formats/numbers.js';
import type { Evaluator } from './evaluator.js';
import type { QueryJudgments } from './judgments.js';

/**
 * Evaluates a TREC run file straight from its bytes: no string per line or per document id. Each line's
 * docid is hashed and copied into a byte arena, looked up in its query's judged ids (by bytes), and
 * only its score, the index of its judgment and its id's place are kept, in columns. A run grouped
 * by query (the usual case) is evaluated query by query while it is read; a query whose lines come
 * back after other queries makes the reader hold every line until the end (no second read), up to
 * HOLD_LINES lines — beyond that a grouped run stops holding, and a run that turns out ungrouped after
 * that point is reported as `tooLate` (the caller reads it again whole).
 */

const SEGMENT_BITS = 20;
const SEGMENT = 1 << SEGMENT_BITS;
const MASK = SEGMENT - 1;
/** Lines held for a possible ungrouped query: about 24 bytes a line (score, judgment, id bytes and end). */
const HOLD_LINES = 12 * SEGMENT;

const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/** FNV-1a over bytes. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h;
}

function sameBytes(a: Uint8Array, as: number, ae: number, b: Uint8Array, bs: number, be: number): boolean {
  if (ae - as !== be - bs) return false;
  for (let i = 0; i < ae - as; i++) if (a[as + i] !== b[bs + i]) return false;
  return true;
}

/** strcmp over two byte ranges (trec_eval's docid order). */
function compareBytes(a: Uint8Array, as: number, ae: number, b: Uint8Array, bs: number, be: number): number {
  const n = Math.min(ae - as, be - bs);
  for (let i = 0; i < n; i++) if (a[as + i] !== b[bs + i]) return a[as + i] - b[bs + i];
  return ae - as - (be - bs);
}

/** One query's judged document ids as bytes, in an open-addressing table: lookups without strings. */
class JudgedIds {
  readonly values: Float64Array;
  private readonly keys: Buffer[];
  private readonly slots: Int32Array;

  constructor(docs: ReadonlyMap<string, number>) {
    this.keys = [...docs.keys()].map((id) => Buffer.from(id));
    this.values = Float64Array.from(docs.values());
    let size = 16;
    while (size < 4 * this.keys.length) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.keys.forEach((key, k) => {
      let slot = hashBytes(key, 0, key.length) & (size - 1);
      while (this.slots[slot] >= 0) slot = (slot + 1) & (size - 1);
      this.slots[slot] = k;
    });
  }

  /** The index of the judgment of the id in `bytes[start, end)` hashed to `hash`, or -1. */
  find(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const k = this.slots[slot];
      if (k < 0) return -1;
      const key = this.keys[k];
      if (sameBytes(key, 0, key.length, bytes, start, end)) return k;
    }
  }
}


/** 1M lines of columns: score, index of the judgment (-1: none), end of the id in the segment's arena. */
class Segment {
  readonly scores = new Float64Array(SEGMENT);
  readonly judged = new Int32Array(SEGMENT);
  readonly idEnds = new Int32Array(SEGMENT);
  arena = new Uint8Array(SEGMENT * 8);
  arenaLength = 0;

  idStart(off: number): number {
    return off === 0 ? 0 : this.idEnds[off - 1];
  }
}

/** A maximal run of consecutive lines of one query: held lines [start, end), first line number. */
interface Part {
  start: number;
  end: number;
  line: number;
}

interface QueryState {
  parts: Part[];
  judgments: QueryJudgments | undefined;
  /** The judged ids as bytes while the query is read; dropped once it is evaluated (a huge run has millions). */
  ids: JudgedIds | undefined;
  /** Evaluated already (as a single part); an ungrouped query is evaluated again at the end. */
  evaluated: boolean;
}

/** A set of held lines keyed by their id bytes, to reject a document given twice for one query. */
class IdSet {
  private stamps = new Int32Array(4096);
  private lines = new Int32Array(4096);
  private generation = 0;
  private size = 0;

  reset(): void {
    this.generation++;
    this.size = 0;
  }

  /** Adds held line `i` (id `bytes[start, end)`, `hash`); the line already holding that id, or -1. */
  add(i: number, hash: number, bytes: Uint8Array, start: number, end: number, held: HeldLines): number {
    if (2 * (this.size + 1) > this.stamps.length) this.grow(held);
    const mask = this.stamps.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      if (this.stamps[slot] !== this.generation) {
        this.stamps[slot] = this.generation;
        this.lines[slot] = i;
        this.size++;
        return -1;
      }
      const other = this.lines[slot];
      const seg = held.segment(other);
      const off = other & MASK;
      if (sameBytes(seg.arena, seg.idStart(off), seg.idEnds[off], bytes, start, end)) return other;
    }
  }

  private grow(held: HeldLines): void {
    const live = Array.from(this.lines).filter((_, slot) => this.stamps[slot] === this.generation);
    this.stamps = new Int32Array(this.stamps.length * 2);
    this.lines = new Int32Array(this.stamps.length);
    this.reset();
    for (const i of live) {
      const seg = held.segment(i);
      const off = i & MASK;
      const start = seg.idStart(off);
      this.add(i, hashBytes(seg.arena, start, seg.idEnds[off]), seg.arena, start, seg.idEnds[off], held);
    }
  }
}

/** The held lines, in segments; segments before `base` were dropped (a grouped run needs none back). */
class HeldLines {
  private segments: (Segment | undefined)[] = [];
  private base = 0;
  private spare: Segment | undefined;
  n = 0;

  segment(i: number): Segment {
    return this.segments[i >>> SEGMENT_BITS]!;
  }

  /** Appends a line; returns its index. */
  push(score: number, judged: number, bytes: Uint8Array, start: number, end: number): number {
    const i = this.n++;
    const off = i & MASK;
    if (off === 0) this.segments.push(this.spare ?? new Segment()), (this.spare = undefined);
    const seg = this.segments[i >>> SEGMENT_BITS]!;
    seg.scores[off] = score;
    seg.judged[off] = judged;
    let at = seg.arenaLength;
    const length = end - start;
    if (at + length > seg.arena.length) {
      const grown = new Uint8Array(Math.max(2 * seg.arena.length, at + length));
      grown.set(seg.arena.subarray(0, at));
      seg.arena = grown;
    }
    const arena = seg.arena;
    for (let k = start; k < end; k++) arena[at++] = bytes[k];
    seg.arenaLength = at;
    seg.idEnds[off] = at;
    return i;
  }

  /** Drops every whole segment before line `keep`; their lines are never read again. */
  dropBefore(keep: number): void {
    for (; this.base < keep >>> SEGMENT_BITS; this.base++) {
      const seg = this.segments[this.base]!;
      this.segments[this.base] = undefined;
      // One dropped segment is kept for the next one to come: no new 24 MB of columns per million lines.
      if (!this.spare) {
        seg.arenaLength = 0;
        this.spare = seg;
      }
    }
  }
}

export interface RunFileOutcome {
  tag: string;
  /** True when the run was ungrouped and every line was held to the end. */
  heldEverything: boolean;
  /** True when the run turned out ungrouped after the reader had stopped holding lines: read it again whole. */
  tooLate: boolean;
}

/** A line's fields (start, end offsets): module scratch, so parsing a line allocates nothing. */
const field = new Int32Array(12);

/**
 * Reads a run's bytes chunk by chunk (plain methods, not the async loop, so V8 optimises the line
 * loop) and feeds every query to `evaluator` (whose judgments decide which queries count).
 */
class RunReader {
  private readonly held = new HeldLines();
  private readonly queries = new Map<string, QueryState>();
  private readonly seen = new IdSet();
  private ungrouped = false;
  private stoppedHolding = false;
  tag = '';
  line = 1;
  // The open part: its qid (as text and bytes), state and judged ids.
  private qid = '';
  private qidBytes: Uint8Array = new Uint8Array(0);
  private state: QueryState | undefined;
  private part: Part | undefined;
  private ids: JudgedIds | undefined;

  constructor(
    private readonly file: string,
    private readonly evaluator: Evaluator,
    private readonly onQuery: (() => void) | undefined,
    private readonly holdLines: number,
  ) {}

  get heldEverything(): boolean {
    return this.ungrouped;
  }

  /** Parses a chunk of whole lines; false when the run turned out ungrouped too late (RunFileOutcome.tooLate). */
  chunk(bytes: Buffer): boolean {
    const length = bytes.length;
    let tagStart = -1;
    let tagEnd = 0; // read only once tagStart is set
    let line = this.line;
    for (let p = 0; ; line++) {
      // One pass per line, no indexOf (a native call costs more than scanning a short line here).
      let c = 0;
      while (p < length && (c = bytes[p]) !== 10 && isSpace(c)) p++;
      if (p < length && c !== 10 && c !== 35) {
        let fields = 0;
        while (fields < 12) {
          field[fields++] = p;
          while (p < length && !isSpace(bytes[p])) p++;
          field[fields++] = p;
          while (p < length && (c = bytes[p]) !== 10 && isSpace(c)) p++;
          if (p >= length || c === 10) break;
        }
        if (fields < 12) throw inputError(this.file, line, `expected 6 columns 'qid Q0 docid rank score tag', got ${fields / 2}`);
        tagStart = field[10];
        tagEnd = field[11];
        this.line = line;
        if (!this.add(bytes, field[0], field[1], field[4], field[5], field[8], field[9])) return false;
      }
      while (p < length && bytes[p] !== 10) p++; // a comment, or fields after the sixth
      if (p >= length) break;
      p++;
    }
    this.line = line + 1;
    if (tagStart >= 0) this.tag = bytes.toString('utf8', tagStart, tagEnd);
    return true;
  }

  /** One result line: qid, docid and score fields of `bytes`. */
  private add(bytes: Buffer, qs: number, qe: number, ds: number, de: number, ss: number, se: number): boolean {
    const score = scoreOf(bytes, ss, se);
    if (score !== score) throw inputError(this.file, this.line, `score must be ${SCORE_RULE}, got '${bytes.toString('utf8', ss, se)}'`);
    const qidBytes = this.qidBytes;
    if (!sameBytes(bytes, qs, qe, qidBytes, 0, qidBytes.length) || !this.part) {
      if (!this.openPart(bytes, qs, qe)) return false;
    }
    const hash = hashBytes(bytes, ds, de);
    const ids = this.ids;
    const i = this.held.push(score, ids ? ids.find(bytes, ds, de, hash) : -1, bytes, ds, de);
    if (this.seen.add(i, hash, bytes, ds, de, this.held) >= 0) {
      throw inputError(this.file, this.line, `document '${bytes.toString('utf8', ds, de)}' appears twice for query '${this.qid}'`);
    }
    return true;
  }

  private openPart(bytes: Buffer, qs: number, qe: number): boolean {
    this.closePart();
    const qid = bytes.toString('utf8', qs, qe);
    this.qid = qid;
    this.qidBytes = bytes.slice(qs, qe);
    let state = this.queries.get(qid);
    if (state) {
      if (this.stoppedHolding) return false;
      this.ungrouped = true;
      this.evaluator.forget(qid); // its result so far, if it had one: it is evaluated again whole at the end
    } else this.queries.set(qid, (state = { parts: [], judgments: this.evaluator.judgmentsOf(qid), ids: undefined, evaluated: false }));
    this.state = state;
    if (state.judgments) state.ids ??= new JudgedIds(state.judgments.docs);
    this.ids = state.ids;
    this.part = { start: this.held.n, end: this.held.n, line: this.line };
    state.parts.push(this.part);
    this.seen.reset();
    return true;
  }

  /** Closes the open part: a grouped query is evaluated now; the lines of older queries may be dropped. */
  private closePart(): void {
    if (!this.part) return;
    this.part.end = this.held.n;
    if (this.ungrouped) return;
    this.evaluate(this.qid, this.state!);
    if (this.held.n > this.holdLines) {
      this.stoppedHolding = true;
      this.held.dropBefore(this.held.n);
    }
  }

  /** After the last chunk: evaluates what is left (every query of an ungrouped run). */
  finish(): void {
    if (this.held.n === 0) throw new MedirError('BAD_INPUT', `${this.file}: the run has no result lines`);
    this.closePart();
    // In a grouped run every judged query was evaluated as it closed: only unjudged ones are left, a no-op.
    for (const [qid, q] of this.queries) if (!q.evaluated || q.parts.length > 1) this.evaluate(qid, q);
  }

  /** Puts a query's held lines in canonical order (score desc, docid desc) and evaluates its relevance column. */
  private evaluate(qid: string, q: QueryState): void {
    const j = q.judgments;
    if (!j) return;
    const held = this.held;
    if (q.parts.length > 1) this.checkDuplicates(qid, q);
    let count = 0;
    for (const p of q.parts) count += p.end - p.start;
    let order = new Int32Array(count);
    count = 0;
    for (const p of q.parts) for (let i = p.start; i < p.end; i++) order[count++] = i;
    if (this.evaluator.policy.ignoreIdenticalIds) {
      const own = Buffer.from(qid);
      order = order.filter((i) => {
        const seg = held.segment(i);
        const off = i & MASK;
        return !sameBytes(seg.arena, seg.idStart(off), seg.idEnds[off], own, 0, own.length);
      });
    }
    if (!inCanonicalOrder(held, order)) order.sort((a, b) => byRank(held, a, b));
    const values = q.ids!.values;
    const raw = this.evaluator.scratch(order.length);
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      const judged = held.segment(i).judged[i & MASK];
      raw[k] = judged < 0 ? NaN : values[judged];
    }
    this.evaluator.addRelevance(qid, raw, order.length);
    q.evaluated = true;
    q.ids = undefined; // a query that comes back builds them again
    this.onQuery?.();
  }

  private checkDuplicates(qid: string, q: QueryState): void {
    const held = this.held;
    this.seen.reset();
    for (const p of q.parts) {
      for (let i = p.start; i < p.end; i++) {
        const seg = held.segment(i);
        const off = i & MASK;
        const start = seg.idStart(off);
        const end = seg.idEnds[off];
        if (this.seen.add(i, hashBytes(seg.arena, start, end), seg.arena, start, end, held) >= 0) {
          const docId = Buffer.from(seg.arena.subarray(start, end)).toString('utf8');
          throw inputError(this.file, p.line, `document '${docId}' appears twice for query '${qid}' (in the lines of that query from here)`);
        }
      }
    }
  }
}

/** trec_eval's order of two held lines: score descending, then docid descending (strcmp). */
function byRank(held: HeldLines, a: number, b: number): number {
  const sa = held.segment(a);
  const sb = held.segment(b);
  const oa = a & MASK;
  const ob = b & MASK;
  const d = sb.scores[ob] - sa.scores[oa];
  if (d !== 0) return d;
  return -compareBytes(sa.arena, sa.idStart(oa), sa.idEnds[oa], sb.arena, sb.idStart(ob), sb.idEnds[ob]);
}

function inCanonicalOrder(held: HeldLines, order: Int32Array): boolean {
  for (let k = 1; k < order.length; k++) if (byRank(held, order[k - 1], order[k]) > 0) return false;
  return true;
}

/**
 * Reads `file` and feeds every query of it to `evaluator`. Errors name file:line: fewer than 6
 * fields, a score outside the decimal grammar, a document twice for one query, invalid UTF-8, an
 * empty run.
 */
export async function evaluateRunBytes(file: string, evaluator: Evaluator, onQuery?: () => void, holdLines = HOLD_LINES): Promise<RunFileOutcome> {
  const reader = new RunReader(file, evaluator, onQuery, holdLines);
  for await (const bytes of readLineChunks(file)) {
    if (!isAscii(bytes) && !isUtf8(bytes)) decodeLines(file, bytes, reader.line); // throws at the first bad line
    if (!reader.chunk(bytes)) return { tag: reader.tag, heldEverything: false, tooLate: true };
  }
  reader.finish();
  return { tag: reader.tag, heldEverything: reader.heldEverything, tooLate: false };
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * A score field by the decimal grammar (numbers.ts). A decimal without exponent and with at most 15
 * digits is an exact integer over an exact power of ten, so one division gives the correctly rounded
 * double, as Number() and C's atof do; anything else goes through parseDecimal. NaN when malformed.
 */
function scoreOf(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  const negative = bytes[i] === 45;
  if (negative || bytes[i] === 43) i++;
  let int = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < end; i++) {
    const c = bytes[i];
    if (c >= 48 && c <= 57) {
      int = int * 10 + (c - 48);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c === 46 && decimals < 0) decimals = 0;
    else return slowScore(bytes, start, end);
  }
  if (digits === 0 || digits > 15) return slowScore(bytes, start, end);
  const value = decimals > 0 ? int / POW10[decimals] : int;
  return negative ? -value : value;
}

function slowScore(bytes: Uint8Array, start: number, end: number): number {
  return parseDecimal(Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1')) ?? NaN;
}
