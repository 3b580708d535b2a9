import { GrowableInt32 } from './growable.js';
import { TopK } from './topk.js';
import { BM25_VARIANTS, lengthNorm, type Bm25Params, type Bm25VariantName } from './variants.js';

/**
 * The fast engine's index, bm25s's idea on typed arrays: every (term, document) score is computed
 * at build time and stored term by term (CSR: `termPtr[t]..termPtr[t+1]` index `postDocs` and
 * `postScores`), so a query only sums a few rows into an accumulator and selects the top k.
 */
export interface FastIndexData {
  docIds: string[];
  terms: string[];
  termPtr: Uint32Array;
  postDocs: Int32Array;
  postScores: Float32Array;
  /** idf·tfc(0) per term for BM25L/BM25+ (see variants.ts); absent for the other variants. */
  absentScores?: Float32Array;
  avgLength: number;
}

export interface Hits {
  /** Document numbers (positions in `docIds`), best first. */
  docs: Int32Array;
  scores: Float64Array;
}

/** Collects analyzed documents; `finish` scores them into a FastIndex. Term ids are first-seen order. */
export class FastIndexBuilder {
  private readonly vocab = new Map<string, number>();
  private readonly docIds: string[] = [];
  /** Per document, its distinct term ids and their counts, back to back; `docEnd[d]` closes document d. */
  private readonly docTerms = new GrowableInt32(1 << 16);
  private readonly docTfs = new GrowableInt32(1 << 16);
  private readonly docEnd = new GrowableInt32();
  private readonly lengths = new GrowableInt32();
  private readonly df = new GrowableInt32();
  private counts = new Int32Array(1024);
  private readonly seen: number[] = [];

  addDocument(id: string, terms: readonly string[]): void {
    for (const term of terms) {
      let t = this.vocab.get(term);
      if (t === undefined) {
        t = this.vocab.size;
        this.vocab.set(term, t);
        if (t >= this.counts.length) {
          const next = new Int32Array(this.counts.length * 2);
          next.set(this.counts);
          this.counts = next;
        }
      }
      if (this.counts[t]++ === 0) this.seen.push(t);
    }
    for (const t of this.seen) {
      this.docTerms.push(t);
      this.docTfs.push(this.counts[t]);
      this.df.increment(t);
      this.counts[t] = 0;
    }
    this.seen.length = 0;
    this.docIds.push(id);
    this.docEnd.push(this.docTerms.length);
    this.lengths.push(terms.length);
  }

  get documents(): number {
    return this.docIds.length;
  }

  finish(variantName: Bm25VariantName, params: Bm25Params): FastIndex {
    const variant = BM25_VARIANTS[variantName];
    const n = this.docIds.length;
    const vocabSize = this.vocab.size;
    const df = this.df.view();
    const lengths = this.lengths.view();
    let total = 0;
    for (let d = 0; d < n; d++) total += lengths[d];
    const avgLength = n > 0 ? total / n : 0;

    const idf = new Float64Array(vocabSize);
    const termPtr = new Uint32Array(vocabSize + 1);
    for (let t = 0; t < vocabSize; t++) {
      idf[t] = variant.idf(df[t], n);
      termPtr[t + 1] = termPtr[t] + df[t];
    }
    const absent = variant.absentTermScores ? variant.tfc(0, 1, params) : 0;
    const nnz = termPtr[vocabSize];
    const postDocs = new Int32Array(nnz);
    const postScores = new Float32Array(nnz);
    const cursor = termPtr.slice(0, vocabSize);
    const docTerms = this.docTerms.view();
    const docTfs = this.docTfs.view();
    const docEnd = this.docEnd.view();
    for (let d = 0, i = 0; d < n; d++) {
      // an empty corpus-wide average (every document empty) has nothing to normalise
      const norm = avgLength > 0 ? lengthNorm(lengths[d], avgLength, params.b) : 1;
      for (const end = docEnd[d]; i < end; i++) {
        const t = docTerms[i];
        const pos = cursor[t]++;
        postDocs[pos] = d;
        postScores[pos] = idf[t] * (variant.tfc(docTfs[i], norm, params) - absent);
      }
    }
    const absentScores = variant.absentTermScores ? Float32Array.from(idf, (x) => x * absent) : undefined;
    return new FastIndex({ docIds: this.docIds, terms: [...this.vocab.keys()], termPtr, postDocs, postScores, absentScores, avgLength });
  }
}

export class FastIndex {
  private vocab?: Map<string, number>;
  /** Reused by every query: the score accumulator, which documents it touched, and the heap. */
  private readonly acc: Float64Array;
  private readonly touched: Int32Array;
  private readonly isTouched: Uint8Array;
  private readonly topK = new TopK();
  private termMax?: Float64Array;

  constructor(readonly data: FastIndexData) {
    const n = data.docIds.length;
    this.acc = new Float64Array(n);
    this.touched = new Int32Array(n);
    this.isTouched = new Uint8Array(n);
  }

  get documents(): number {
    return this.data.docIds.length;
  }

  /** Term ids of analyzed query terms; terms the corpus never had are dropped (repeats kept, as bm25s and wink do). */
  termIds(terms: readonly string[]): Int32Array {
    this.vocab ??= new Map(this.data.terms.map((t, i) => [t, i]));
    const ids: number[] = [];
    for (const term of terms) {
      const t = this.vocab.get(term);
      if (t !== undefined) ids.push(t);
    }
    return Int32Array.from(ids);
  }

  /** Each term's highest stored score: the most it can add to any document (computed on first use). */
  private maxScores(): Float64Array {
    if (!this.termMax) {
      const { termPtr, postScores } = this.data;
      this.termMax = new Float64Array(termPtr.length - 1);
      for (let t = 0; t + 1 < termPtr.length; t++) this.termMax[t] = rowMax(postScores, termPtr[t], termPtr[t + 1]);
    }
    return this.termMax;
  }

  /**
   * The k best documents for a query given as term ids (documents with a positive score only).
   * Terms go rarest first, tracking the documents they touch. Before a term whose postings
   * outnumber those documents, the k-th best partial score θ is checked against the most the
   * remaining terms can add: if even that is below θ, no untouched document can reach the top k,
   * and the remaining terms are only looked up for the touched ones (MaxScore-style pruning,
   * exact). Once the touched documents are a good share of the corpus, tracking stops and the
   * whole accumulator is scanned instead.
   */
  search(termIds: ArrayLike<number>, k: number): Hits {
    const { termPtr, postDocs, postScores, absentScores } = this.data;
    const { acc, touched, isTouched } = this;
    const n = acc.length;
    const maxScore = this.maxScores();
    const terms = Int32Array.from(termIds).sort((a, b) => termPtr[a + 1] - termPtr[a] - (termPtr[b + 1] - termPtr[b]));
    let shift = 0;
    if (absentScores) for (const t of terms) shift += absentScores[t];
    let count = 0;
    let dense = false;
    let q = 0;
    for (; q < terms.length; q++) {
      const start = termPtr[terms[q]];
      const end = termPtr[terms[q] + 1];
      if (!dense && count >= k && end - start > count) {
        let rest = 0;
        for (let r = q; r < terms.length; r++) rest += maxScore[terms[r]];
        // a margin for float rounding keeps the cut exact
        if (rest * (1 + 1e-9) < this.topK.kthScore(acc, touched, count, k)) break;
      }
      if (!dense && (count + end - start) * DENSE_SHARE >= n) dense = true;
      if (dense) addRow(acc, postDocs, postScores, start, end);
      else count = addRowTracked(acc, isTouched, touched, count, postDocs, postScores, start, end);
    }
    if (q < terms.length) {
      const candidates = touched.subarray(0, count).sort();
      for (; q < terms.length; q++) addRowAt(acc, candidates, postDocs, postScores, termPtr[terms[q]], termPtr[terms[q] + 1]);
    }
    const hits = dense ? this.topK.fromAll(acc, n, k) : this.topK.fromCandidates(acc, touched, count, k);
    if (dense) acc.fill(0);
    for (let i = 0; i < count; i++) {
      const d = touched[i];
      acc[d] = 0;
      isTouched[d] = 0;
    }
    if (shift !== 0) for (let i = 0; i < hits.scores.length; i++) hits.scores[i] += shift;
    return hits;
  }
}

/** Above 1/DENSE_SHARE postings per document, scanning the whole accumulator beats tracking touches. */
const DENSE_SHARE = 4;

/*
 * The hot loops are plain functions of typed arrays: V8 compiles them to tight machine code,
 * several times faster than the same loop inlined in a method (measured on Zipf-50k).
 */

/** Adds one term's postings start..end to the accumulator. */
function addRow(acc: Float64Array, docs: Int32Array, scores: Float32Array, start: number, end: number): void {
  let p = start;
  for (; p + 3 < end; p += 4) {
    acc[docs[p]] += scores[p];
    acc[docs[p + 1]] += scores[p + 1];
    acc[docs[p + 2]] += scores[p + 2];
    acc[docs[p + 3]] += scores[p + 3];
  }
  for (; p < end; p++) acc[docs[p]] += scores[p];
}

/** As addRow, also listing each document the first time it is touched; returns the new count. */
function addRowTracked(
  acc: Float64Array,
  isTouched: Uint8Array,
  touched: Int32Array,
  count: number,
  docs: Int32Array,
  scores: Float32Array,
  start: number,
  end: number,
): number {
  for (let p = start; p < end; p++) {
    const d = docs[p];
    if (isTouched[d] === 0) {
      isTouched[d] = 1;
      touched[count++] = d;
    }
    acc[d] += scores[p];
  }
  return count;
}

/** Adds a term's postings start..end (documents ascending) to the listed candidates only, galloping over the rest. */
function addRowAt(acc: Float64Array, candidates: Int32Array, docs: Int32Array, scores: Float32Array, start: number, end: number): void {
  let p = start;
  for (let i = 0; i < candidates.length && p < end; i++) {
    const d = candidates[i];
    if (docs[p] < d) {
      // gallop to a bound, then binary-search the first posting ≥ d
      let step = 1;
      let hi = p + 1;
      while (hi < end && docs[hi] < d) {
        p = hi;
        step *= 2;
        hi = p + step;
      }
      let lo = p + 1;
      hi = Math.min(hi, end);
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (docs[mid] < d) lo = mid + 1;
        else hi = mid;
      }
      p = lo;
      if (p >= end) break;
    }
    if (docs[p] === d) acc[d] += scores[p++];
  }
}

function rowMax(scores: Float32Array, start: number, end: number): number {
  let max = 0;
  for (let p = start; p < end; p++) if (scores[p] > max) max = scores[p];
  return max;
}
