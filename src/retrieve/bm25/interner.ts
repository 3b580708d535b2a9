/**
 * Terms as UTF-8 bytes, how they cross build threads: the sending thread encodes a batch's terms
 * back to back into one transferable buffer (`encodeTerms`), the receiving one numbers them
 * straight from the bytes (`ByteInterner`), with no JS string per occurrence.
 */
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;
/** A UTF-16 surrogate without its pair: such a string has no UTF-8 bytes of its own. */
const LONE_SURROGATE = /\p{Cs}/u;
const encoder = new TextEncoder();

/** A batch's terms: term k is `bytes[ends[k − 1]..ends[k])` (the first from 0). */
export interface TermBytes {
  bytes: Uint8Array;
  ends: Int32Array;
}

/**
 * The terms of `lists`, one after another, as UTF-8 bytes; undefined if one is not well-formed
 * UTF-16 (its bytes would be U+FFFD's, shared with other strings). `sizeHint`: expected bytes.
 */
export function encodeTerms(lists: readonly (readonly string[])[], sizeHint = 1 << 16): TermBytes | undefined {
  let count = 0;
  for (const terms of lists) count += terms.length;
  const ends = new Int32Array(count);
  let bytes = new Uint8Array(sizeHint);
  let at = 0;
  let k = 0;
  for (const terms of lists) {
    for (const term of terms) {
      if (at + 3 * term.length > bytes.length) bytes = grow(bytes, 2 * (at + 3 * term.length));
      const start = at;
      // Stryker disable next-line UpdateOperator: i-- reads charCodeAt(-1), NaN, and the encoder writes the same bytes
      for (let i = 0; i < term.length; i++) {
        const c = term.charCodeAt(i);
        if (c < 0x80) bytes[at++] = c;
        else {
          // not ASCII: the encoder's (3 bytes per UTF-16 unit at most)
          if (LONE_SURROGATE.test(term)) return undefined;
          at = start + encoder.encodeInto(term, bytes.subarray(start)).written;
          break;
        }
      }
      ends[k++] = at;
    }
  }
  return { bytes: bytes.subarray(0, at), ends };
}

/**
 * Term ids for terms given as UTF-8 bytes, first-seen order: an open-addressing
 * table over FNV-1a hashes of the bytes, each slot holding the hash beside the id (one read
 * rejects most misses), hits checked byte by byte against the term's bytes kept in one arena.
 * A term becomes a string once, when it is first seen.
 */
export class ByteInterner {
  /** Terms by id. */
  readonly terms: string[] = [];
  /** Per slot: the hash, and id + 1 (0: empty); at most half the slots are used. */
  private table = new Int32Array(2 * 2048);
  /** The terms' bytes back to back: term t is `arena[offsets[t]..offsets[t + 1])` (empty if ill-formed). */
  private arena = new Uint8Array(1 << 16);
  private offsets = new Int32Array(1024);
  /** Slots in use. */
  private used = 0;
  private readonly decoder = new TextDecoder();
  private scratch = new Uint8Array(256);
  /** Terms that are not well-formed UTF-16 (a lone surrogate) have no bytes of their own: kept by string. */
  private illFormed?: Map<string, number>;

  /**
   * Writes the ids of the terms ending at `ends[from..to)` in `bytes` (each starts where the one
   * before it ends, the first at `ends[from − 1]`, or 0) to `ids` from `at`.
   */
  read(bytes: Uint8Array, ends: Int32Array, from: number, to: number, ids: Int32Array, at: number): void {
    let start = from > 0 ? ends[from - 1] : 0;
    for (let k = from; k < to; k++) {
      const end = ends[k];
      let hash = FNV_OFFSET;
      for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], FNV_PRIME);
      ids[at++] = this.find(bytes, start, end, hash);
      start = end;
    }
  }

  /** The id of `term`. */
  id(term: string): number {
    if (LONE_SURROGATE.test(term)) {
      this.illFormed ??= new Map();
      let t = this.illFormed.get(term);
      if (t === undefined) this.illFormed.set(term, (t = this.add(term, undefined, 0, 0)));
      return t;
    }
    if (this.scratch.length < 3 * term.length) this.scratch = new Uint8Array(6 * term.length);
    const { written } = encoder.encodeInto(term, this.scratch);
    let hash = FNV_OFFSET;
    for (let i = 0; i < written; i++) hash = Math.imul(hash ^ this.scratch[i], FNV_PRIME);
    return this.find(this.scratch, 0, written, hash, term);
  }

  private find(bytes: Uint8Array, start: number, end: number, hash: number, term?: string): number {
    const mask = (this.table.length >> 1) - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[2 * slot + 1];
      if (entry === 0) {
        const t = this.add(term ?? this.decoder.decode(bytes.subarray(start, end)), bytes, start, end);
        this.table[2 * slot] = hash;
        this.table[2 * slot + 1] = t + 1;
        if (4 * ++this.used > this.table.length) this.rehash();
        return t;
      }
      if (this.table[2 * slot] !== hash) continue;
      const t = entry - 1;
      let a = this.offsets[t];
      if (this.offsets[t + 1] - a !== length) continue;
      let i = start;
      while (i < end && this.arena[a] === bytes[i]) a++, i++;
      if (i === end) return t;
    }
  }

  /** Numbers `term` (its bytes `bytes[start..end)`, none for an ill-formed one) as the next id. */
  private add(term: string, bytes: Uint8Array | undefined, start: number, end: number): number {
    const t = this.terms.length;
    this.terms.push(term);
    if (t + 1 >= this.offsets.length) this.offsets = grow(this.offsets, 2 * this.offsets.length);
    const from = this.offsets[t];
    const to = from + end - start;
    if (to > this.arena.length) this.arena = grow(this.arena, 2 * to);
    if (bytes) this.arena.set(bytes.subarray(start, end), from);
    this.offsets[t + 1] = to;
    return t;
  }

  private rehash(): void {
    const old = this.table;
    this.table = new Int32Array(2 * old.length);
    const mask = (this.table.length >> 1) - 1;
    for (let s = 0; s < old.length; s += 2) {
      if (old[s + 1] === 0) continue;
      let slot = old[s] & mask;
      while (this.table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      this.table[2 * slot] = old[s];
      this.table[2 * slot + 1] = old[s + 1];
    }
  }
}

function grow<T extends Int32Array | Uint8Array>(array: T, length: number): T {
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
}
