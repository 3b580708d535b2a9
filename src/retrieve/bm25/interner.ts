/**
 * Term ids for terms read straight out of a string of joined terms, first-seen order: an
 * open-addressing table over FNV-1a hashes of the UTF-16 code units, each hit checked against the
 * term itself. Splitting the string instead would make a string per occurrence, each hashed
 * again by a Map: about twice the cost of counting the terms (bench/bm25/README.md).
 */
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

export class JoinedInterner {
  /** Terms by id. */
  readonly terms: string[] = [];
  private hashes = new Int32Array(1024);
  /** id + 1 per slot, 0 when empty; at most half full. */
  private table = new Int32Array(2048);

  /**
   * Writes the ids of the terms of `joined`, separated by the code unit `sep`, into `ids`;
   * returns how many terms there were (more than `ids` holds: only that many are written).
   */
  read(joined: string, sep: number, ids: Int32Array): number {
    let count = 0;
    let hash = FNV_OFFSET;
    let start = 0;
    for (let i = 0; i <= joined.length; i++) {
      const c = i < joined.length ? joined.charCodeAt(i) : sep;
      if (c !== sep) {
        hash = Math.imul(hash ^ c, FNV_PRIME);
        continue;
      }
      if (count < ids.length) ids[count] = this.find(joined, start, i, hash);
      count++;
      hash = FNV_OFFSET;
      start = i + 1;
    }
    return count;
  }

  /** The id of `term`. */
  id(term: string): number {
    let hash = FNV_OFFSET;
    for (let i = 0; i < term.length; i++) hash = Math.imul(hash ^ term.charCodeAt(i), FNV_PRIME);
    return this.find(term, 0, term.length, hash);
  }

  private find(s: string, start: number, end: number, hash: number): number {
    const mask = this.table.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot];
      if (entry === 0) return this.insert(s.slice(start, end), hash, slot);
      const t = entry - 1;
      const term = this.terms[t];
      if (this.hashes[t] === hash && term.length === end - start && s.startsWith(term, start)) return t;
    }
  }

  private insert(term: string, hash: number, slot: number): number {
    const t = this.terms.length;
    this.terms.push(term);
    if (t === this.hashes.length) {
      const next = new Int32Array(t * 2);
      next.set(this.hashes);
      this.hashes = next;
    }
    this.hashes[t] = hash;
    this.table[slot] = t + 1;
    if (2 * this.terms.length > this.table.length) this.rehash();
    return t;
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2);
    const mask = this.table.length - 1;
    for (let t = 0; t < this.terms.length; t++) {
      let slot = this.hashes[t] & mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & mask;
      this.table[slot] = t + 1;
    }
  }
}
