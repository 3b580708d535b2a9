import type { Hits } from './fast-index.js';

/**
 * The k best of listed (document, score) pairs, best first, ties to the lower document number so
 * rankings are reproducible. The pairs come in any order and only with positive scores (every
 * variant's stored scores are ≥ 0; a document sharing no weighted term with the query is no result).
 * Two ways, chosen by k, both exact and with scratch arrays reused across queries:
 * - a small k keeps a bounded min-heap: most pairs are rejected by one comparison with its worst;
 * - a large k (a run's 1,000 hits) buckets the scores by value instead: a heap of 1,000 costs a
 *   sift of ten levels for every pair that enters and every hit it gives back (the drain), which
 *   made k = 1000 about ten times the cost of k = 10. Buckets of equal width over [min, max] are
 *   ordered as the scores are, so counting them finds the bucket holding the k-th best; only
 *   pairs in or above it are placed, by bucket, and each bucket (one pair, mostly) is sorted.
 */
export class TopK {
  private heapDoc = new Int32Array(0);
  private heapScore = new Float64Array(0);
  private bucketOf = new Int32Array(0);
  private bucketEnd = new Int32Array(0);
  private placedDoc = new Int32Array(0);
  private placedScore = new Float64Array(0);

  /** The best k of the `count` pairs `docs[i]`, `scores[i]` (all scores > 0, documents distinct). */
  best(docs: Int32Array, scores: Float64Array, count: number, k: number): Hits {
    if (k <= HEAP_MAX_K) {
      if (this.heapDoc.length < k) {
        this.heapDoc = new Int32Array(k);
        this.heapScore = new Float64Array(k);
      }
      return drain(this.heapDoc, this.heapScore, heapSelect(docs, scores, count, k, this.heapDoc, this.heapScore));
    }
    if (this.bucketOf.length < count) {
      this.bucketOf = new Int32Array(count);
      this.bucketEnd = new Int32Array(count);
      this.placedDoc = new Int32Array(count);
      this.placedScore = new Float64Array(count);
    }
    const { placedDoc, placedScore } = this;
    const placed = bucketSelect(docs, scores, count, k, this.bucketOf, this.bucketEnd, placedDoc, placedScore);
    return copyHits(placedDoc, placedScore, placed);
  }
}

/** Up to this k the heap is the faster way (measured on NFCorpus and SciFact: about even at k = 50). */
export const HEAP_MAX_K = 32;

// Plain functions of typed arrays, like fast-index.ts's hot loops: V8 compiles them tightly.

/** Fills the heap from the listed pairs; returns its size. */
function heapSelect(docs: Int32Array, scores: Float64Array, count: number, k: number, hd: Int32Array, hs: Float64Array): number {
  let size = 0;
  let floor = 0; // a score below this cannot enter (ties are settled by offer)
  for (let i = 0; i < count; i++) {
    const s = scores[i];
    if (s < floor) continue;
    size = offer(hd, hs, size, k, docs[i], s);
    if (size === k) floor = hs[0];
  }
  return size;
}

/** Adds (d, s) to a heap of `size` (at most k): pushes while not full, else replaces the worst if s ranks above it. */
function offer(hd: Int32Array, hs: Float64Array, size: number, k: number, d: number, s: number): number {
  if (size < k) {
    let j = size;
    while (j > 0) {
      const p = (j - 1) >> 1;
      if (!before(hs[p], hd[p], s, d)) break;
      hd[j] = hd[p];
      hs[j] = hs[p];
      j = p;
    }
    hd[j] = d;
    hs[j] = s;
    return size + 1;
  }
  if (before(s, d, hs[0], hd[0])) siftDown(hd, hs, size, d, s);
  return size;
}

/** The first `size` pairs as Hits. */
function copyHits(docs: Int32Array, scores: Float64Array, size: number): Hits {
  // sized up front: pushed one by one, a run's 1,000 hits would grow each array again and again
  // Stryker disable next-line ArrayDeclaration: unsized arrays filled in order hold the same hits (only slower)
  const hits: Hits = { docs: new Array<number>(size), scores: new Array<number>(size) };
  for (let i = 0; i < size; i++) {
    hits.docs[i] = docs[i];
    hits.scores[i] = scores[i];
  }
  return hits;
}

/** Pops the worst each time: the reversed pops come out best first. */
function drain(hd: Int32Array, hs: Float64Array, size: number): Hits {
  const hits: Hits = { docs: [], scores: [] };
  for (let n = size; n > 0; n--) {
    hits.docs.push(hd[0]);
    hits.scores.push(hs[0]);
    siftDown(hd, hs, n - 1, hd[n - 1], hs[n - 1]);
  }
  hits.docs.reverse();
  hits.scores.reverse();
  return hits;
}

/** Puts (d, s) at the root of a heap of `size` and sinks it into place. */
function siftDown(hd: Int32Array, hs: Float64Array, size: number, d: number, s: number): void {
  let j = 0;
  for (;;) {
    let c = 2 * j + 1;
    if (c >= size) break;
    if (c + 1 < size && before(hs[c], hd[c], hs[c + 1], hd[c + 1])) c++;
    if (!before(s, d, hs[c], hd[c])) break;
    hd[j] = hd[c];
    hs[j] = hs[c];
    j = c;
  }
  hd[j] = d;
  hs[j] = s;
}

/**
 * Writes the best min(k, count) pairs, best first, to outDocs/outScores; returns how many. Bucket
 * b of `count` holds the scores s with ⌊(max − s)·count/(max − min)⌋ = b (the last also s = min):
 * subtracting from max and scaling are monotone in floating point, so a higher score never lands
 * in a later bucket and equal scores share one. The buckets are counted until k pairs are reached;
 * the pairs of those buckets are placed bucket by bucket, and each bucket sorted in place.
 */
function bucketSelect(
  docs: Int32Array,
  scores: Float64Array,
  count: number,
  k: number,
  bucketOf: Int32Array,
  bucketEnd: Int32Array,
  outDocs: Int32Array,
  outScores: Float64Array,
): number {
  if (count === 0) return 0;
  let max = scores[0];
  let min = max;
  for (let i = 1; i < count; i++) {
    max = Math.max(max, scores[i]);
    min = Math.min(min, scores[i]);
  }
  const buckets = count;
  // no range (every score equal), or one so small that count/range overflows: one bucket (only slower)
  const scale = buckets / (max - min);
  const perBucket = scale < Infinity ? scale : 0;
  bucketEnd.fill(0, 0, buckets);
  for (let i = 0; i < count; i++) {
    const x = (max - scores[i]) * perBucket;
    const b = Math.min(Math.floor(x), buckets - 1);
    bucketOf[i] = b;
    bucketEnd[b]++;
  }
  // each counted bucket's start (bucketEnd becomes a cursor), up to the one where k is reached
  let last = -1;
  let placed = 0;
  do {
    const n = bucketEnd[++last];
    bucketEnd[last] = placed;
    placed += n;
  } while (placed < k && last < buckets - 1);
  for (let i = 0; i < count; i++) {
    const b = bucketOf[i];
    if (b > last) continue;
    const at = bucketEnd[b]++;
    outDocs[at] = docs[i];
    outScores[at] = scores[i];
  }
  // the cursors now stand at each bucket's end
  for (let b = 0, start = 0; b <= last; b++) {
    const end = bucketEnd[b];
    sortRange(outDocs, outScores, start, end - 1); // a bucket of one pair (most) or none costs only the call
    start = end;
  }
  return Math.min(k, placed);
}

/** Sorts pairs lo..hi (inclusive) best first, ties to the lower document: quicksort, insertion sort for short ranges. */
function sortRange(d: Int32Array, s: Float64Array, lo: number, hi: number): void {
  while (hi - lo > INSERTION_MAX) {
    const mid = (lo + hi) >> 1;
    // the median of three as the pivot, at mid
    // Stryker disable ConditionalExpression: any pair of the range is a correct pivot (the scans stop at it); the median only makes a lopsided split rarer (speed)
    if (before(s[mid], d[mid], s[lo], d[lo])) swap(d, s, mid, lo);
    if (before(s[hi], d[hi], s[lo], d[lo])) swap(d, s, hi, lo);
    if (before(s[hi], d[hi], s[mid], d[mid])) swap(d, s, hi, mid);
    // Stryker restore ConditionalExpression
    const ps = s[mid];
    const pd = d[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (before(s[i], d[i], ps, pd)) i++;
      while (before(ps, pd, s[j], d[j])) j--;
      // Stryker disable next-line UpdateOperator: stepping back instead rescans a pair already on its side (only slower; the other end still moves, so the loop ends)
      if (i <= j) swap(d, s, i++, j--);
    }
    // recurse into the shorter side, loop on the longer: the stack stays logarithmic
    if (j - lo < hi - i) {
      sortRange(d, s, lo, j);
      lo = i;
    } else {
      sortRange(d, s, i, hi);
      hi = j;
    }
  }
  // Stryker disable next-line ArithmeticOperator: from lo − 1, the first two passes put back the pair they took (at lo = 0, s[−1] is read as undefined and written nowhere)
  for (let i = lo + 1; i <= hi; i++) {
    const xs = s[i];
    const xd = d[i];
    let j = i - 1;
    for (; j >= lo && before(xs, xd, s[j], d[j]); j--) {
      s[j + 1] = s[j];
      d[j + 1] = d[j];
    }
    s[j + 1] = xs;
    d[j + 1] = xd;
  }
}

const INSERTION_MAX = 16;

/** Whether (s1, d1) ranks above (s2, d2). */
function before(s1: number, d1: number, s2: number, d2: number): boolean {
  return s1 > s2 || (s1 === s2 && d1 < d2);
}

function swap(d: Int32Array, s: Float64Array, i: number, j: number): void {
  const x = s[i];
  s[i] = s[j];
  s[j] = x;
  const y = d[i];
  d[i] = d[j];
  d[j] = y;
}
