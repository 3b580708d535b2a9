/**
 * An append-only Int32 buffer that doubles when full: builds postings without a JS array per
 * document. A `shared` one lives in shared memory, so other threads can read it without a copy.
 */
export class GrowableInt32 {
  private data: Int32Array;
  length = 0;

  constructor(
    capacity = 1024,
    private readonly shared = false,
  ) {
    this.data = this.allocate(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length * 2);
    this.data[this.length++] = value;
  }

  /** Adds `by` at `index`, growing (zero-filled) to reach it: counters keyed by a growing id. */
  increment(index: number, by = 1): void {
    if (index >= this.data.length) this.grow(Math.max(index + 1, this.data.length * 2));
    if (index >= this.length) this.length = index + 1;
    this.data[index] += by;
  }

  get(index: number): number {
    return this.data[index];
  }

  /** The filled part, without copying; valid until the next push. */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }

  private allocate(length: number): Int32Array {
    return this.shared ? new Int32Array(new SharedArrayBuffer(4 * length)) : new Int32Array(length);
  }

  private grow(capacity: number): void {
    const next = this.allocate(capacity);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}
