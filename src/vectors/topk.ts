/**
 * The k best (score, row) pairs seen so far: a fixed-size min-heap in typed arrays, so scanning
 * millions of rows allocates nothing per row. `threshold` is the score a row must beat to enter.
 */
export class TopK {
  private readonly scores: Float64Array;
  private readonly rows: Int32Array;
  size = 0;

  constructor(readonly k: number) {
    this.scores = new Float64Array(k);
    this.rows = new Int32Array(k);
  }

  get threshold(): number {
    return this.size < this.k ? -Infinity : this.scores[0];
  }

  push(score: number, row: number): void {
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.scores[parent] <= score) break;
        this.scores[i] = this.scores[parent];
        this.rows[i] = this.rows[parent];
        i = parent;
      }
      this.scores[i] = score;
      this.rows[i] = row;
    } else if (score > this.scores[0]) {
      this.siftDown(score, row);
    }
  }

  /** Rows and scores, best first (ties by row, lower first). */
  sorted(): { row: number; score: number }[] {
    const out = [];
    for (let i = 0; i < this.size; i++) out.push({ row: this.rows[i], score: this.scores[i] });
    return out.sort((a, b) => b.score - a.score || a.row - b.row);
  }

  private siftDown(score: number, row: number): void {
    const n = this.size;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.scores[right] < this.scores[left] ? right : left;
      if (this.scores[child] >= score) break;
      this.scores[i] = this.scores[child];
      this.rows[i] = this.rows[child];
      i = child;
    }
    this.scores[i] = score;
    this.rows[i] = row;
  }
}
