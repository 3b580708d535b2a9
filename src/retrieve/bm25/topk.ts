/**
 * Picks the k best of `count` candidate documents (ids in `docs`, scores in `acc` by document) with
 * a bounded min-heap, and returns them best first. Ties go to the lower document number, so a
 * ranking is reproducible. The heap arrays are reused across queries: no allocation per query
 * beyond the result.
 */
export class TopK {
  private heapDoc = new Int32Array(0);
  private heapScore = new Float64Array(0);

  select(acc: Float64Array, docs: Int32Array, count: number, k: number): { docs: Int32Array; scores: Float64Array } {
    if (this.heapDoc.length < k) {
      this.heapDoc = new Int32Array(k);
      this.heapScore = new Float64Array(k);
    }
    const hd = this.heapDoc;
    const hs = this.heapScore;
    let size = 0;
    for (let i = 0; i < count; i++) {
      const d = docs[i];
      const s = acc[d];
      if (size < k) {
        // sift up
        let j = size++;
        while (j > 0) {
          const p = (j - 1) >> 1;
          if (!worse(s, d, hs[p], hd[p])) break;
          hd[j] = hd[p];
          hs[j] = hs[p];
          j = p;
        }
        hd[j] = d;
        hs[j] = s;
      } else if (worse(hs[0], hd[0], s, d)) {
        siftDown(hd, hs, size, d, s);
      }
    }
    const outDocs = new Int32Array(size);
    const outScores = new Float64Array(size);
    // pop the worst each time, filling from the back: the result comes out best first
    for (let n = size; n > 0; n--) {
      outDocs[n - 1] = hd[0];
      outScores[n - 1] = hs[0];
      siftDown(hd, hs, n - 1, hd[n - 1], hs[n - 1]);
    }
    return { docs: outDocs, scores: outScores };
  }
}

/** Whether (s1, d1) ranks below (s2, d2). */
function worse(s1: number, d1: number, s2: number, d2: number): boolean {
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
