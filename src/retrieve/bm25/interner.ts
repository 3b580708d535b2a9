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
   * Reads `count` terms of `joined` (separated by the code unit `sep`) from code unit `from` on,
   * writing their ids to `ids` from `at`; returns where the next term starts (`joined.length + 1`
   * past the last one), or −1 if the string holds fewer terms.
   */
  read(joined: string, sep: number, from: number, count: number, ids: Int32Array, at: number): number {
    let start = from;
    for (let k = 0; k < count; k++) {
      if (start > joined.length) return -1;
      let hash = FNV_OFFSET;
      let i = start;
      for (let c; i < joined.length && (c = joined.charCodeAt(i)) !== sep; i++) hash = Math.imul(hash ^ c, FNV_PRIME);
      ids[at + k] = this.find(joined, start, i, hash);
      start = i + 1;
    }
    return start;
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
