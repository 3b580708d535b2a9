/**
 * Keeps the k best (document, score) pairs, with a bounded min-heap on typed arrays that are
 * reused across queries: no allocation per query beyond the result. Only positive scores count
 * (every variant's stored scores are ≥ 0; a document sharing no weighted term with the query is
 * no result). Ties go to the lower document number, so rankings are reproducible. The hot loops
 * keep the heap's worst score in a local: most documents are rejected by one comparison.
 */
export class TopK {
  private heapDoc = new Int32Array(0);
  private heapScore = new Float64Array(0);

  /** The best k among the `count` documents listed in `docs`. */
  fromCandidates(acc: Float64Array, docs: Int32Array, count: number, k: number): { docs: Int32Array; scores: Float64Array } {
    const { hd, hs } = this.heaps(k);
    return drain(hd, hs, selectCandidates(acc, docs, count, k, hd, hs));
  }

  /** The best k among documents 0..n−1. */
  fromAll(acc: Float64Array, n: number, k: number): { docs: Int32Array; scores: Float64Array } {
    const { hd, hs } = this.heaps(k);
    return drain(hd, hs, selectAll(acc, n, k, hd, hs));
  }

  /** The best k of `count` listed (document, score) pairs, documents ascending. */
  fromListed(docs: Int32Array, scores: Float64Array, count: number, k: number): { docs: Int32Array; scores: Float64Array } {
    const { hd, hs } = this.heaps(k);
    return drain(hd, hs, selectListed(docs, scores, count, k, hd, hs));
  }

  private heaps(k: number): { hd: Int32Array; hs: Float64Array } {
    if (this.heapDoc.length < k) {
      this.heapDoc = new Int32Array(k);
      this.heapScore = new Float64Array(k);
    }
    return { hd: this.heapDoc, hs: this.heapScore };
  }
}

// Plain functions of typed arrays, like fast-index.ts's hot loops: V8 compiles them tightly.

/** Fills the heap from listed candidates; returns its size. */
function selectCandidates(acc: Float64Array, docs: Int32Array, count: number, k: number, hd: Int32Array, hs: Float64Array): number {
  let size = 0;
  let floor = 0; // a score below this cannot enter (ties are settled by offer)
  for (let i = 0; i < count; i++) {
    const d = docs[i];
    const s = acc[d];
    if (!(s > 0)) continue;
    // Stryker disable next-line ConditionalExpression: a score below the floor offered anyway is refused by offer (only slower)
    if (s < floor) continue;
    size = offer(hd, hs, size, k, d, s);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the size never exceeds k; a floor left at 0 only makes offer do the refusing
    if (size === k) floor = hs[0];
  }
  return size;
}

/** Fills the heap from documents 0..n−1 in order: a later document never wins a tie, so only s > floor can enter. */
function selectAll(acc: Float64Array, n: number, k: number, hd: Int32Array, hs: Float64Array): number {
  let size = 0;
  let floor = 0;
  // Stryker disable next-line EqualityOperator: acc[n] reads undefined, which is never above the floor
  for (let d = 0; d < n; d++) {
    const s = acc[d];
    if (!(s > floor)) continue;
    size = offer(hd, hs, size, k, d, s);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: as in selectCandidates
    if (size === k) floor = hs[0];
  }
  return size;
}

/** As selectAll, over listed pairs in document order. */
function selectListed(docs: Int32Array, scores: Float64Array, count: number, k: number, hd: Int32Array, hs: Float64Array): number {
  let size = 0;
  let floor = 0;
  for (let i = 0; i < count; i++) {
    const s = scores[i];
    if (!(s > floor)) continue;
    size = offer(hd, hs, size, k, docs[i], s);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: as in selectCandidates
    if (size === k) floor = hs[0];
  }
  return size;
}

/** Adds (d, s) to a heap of `size` (at most k): pushes while not full, else replaces the worst if s ranks above it. */
function offer(hd: Int32Array, hs: Float64Array, size: number, k: number, d: number, s: number): number {
  if (size < k) {
    let j = size;
    // Stryker disable next-line EqualityOperator: at j = 0 the parent index is −1, whose undefined score is never worse, so the loop stops there anyway
    while (j > 0) {
      const p = (j - 1) >> 1;
      if (!worse(s, d, hs[p], hd[p])) break;
      hd[j] = hd[p];
      hs[j] = hs[p];
      j = p;
    }
    hd[j] = d;
    hs[j] = s;
    return size + 1;
  }
  if (worse(hs[0], hd[0], s, d)) siftDown(hd, hs, size, d, s);
  return size;
}

/** Pops the worst each time, filling from the back: the result comes out best first. */
function drain(hd: Int32Array, hs: Float64Array, size: number): { docs: Int32Array; scores: Float64Array } {
  const docs = new Int32Array(size);
  const scores = new Float64Array(size);
  // Stryker disable next-line EqualityOperator: a pass at n = 0 writes index −1 (ignored by typed arrays) and only scrambles the spent heap
  for (let n = size; n > 0; n--) {
    docs[n - 1] = hd[0];
    scores[n - 1] = hs[0];
    siftDown(hd, hs, n - 1, hd[n - 1], hs[n - 1]);
  }
  return { docs, scores };
}

/** Whether (s1, d1) ranks below (s2, d2). */
function worse(s1: number, d1: number, s2: number, d2: number): boolean {
  // Stryker disable next-line EqualityOperator: a document is never compared with itself, so d1 = d2 does not occur
  return s1 < s2 || (s1 === s2 && d1 > d2);
}

/** Puts (d, s) at the root of a heap of `size` and sinks it into place. */
function siftDown(hd: Int32Array, hs: Float64Array, size: number, d: number, s: number): void {
  let j = 0;
  for (;;) {
    let c = 2 * j + 1;
    if (c >= size) break;
    if (c + 1 < size && worse(hs[c + 1], hd[c + 1], hs[c], hd[c])) c++;
    if (!worse(hs[c], hd[c], s, d)) break;
    hd[j] = hd[c];
    hs[j] = hs[c];
    j = c;
  }
  hd[j] = d;
  hs[j] = s;
}
