import { GrowableInt32 } from './growable.js';
import { kernel, type Kernel } from './kernel.js';
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

/**
 * Plain arrays, not typed ones: a query returns a fresh pair, and a small typed array allocates a
 * backing store of its own, which a plain array does not (a cost a k = 10 query on a small corpus feels).
 */
export interface Hits {
  /** Document numbers (positions in `docIds`), best first. */
  docs: number[];
  scores: number[];
}

/** Analyzed documents as the build holds them: per document its distinct term ids and their counts, back to back. */
export interface DocumentTerms {
  /** `docEnd[d]` closes document d's run in docTerms/docTfs. */
  docEnd: Int32Array;
  docTerms: Int32Array;
  docTfs: Int32Array;
  lengths: Int32Array;
}

/** Counts the terms of documents given as term ids (`shared`: into shared memory, for other threads to read). */
export class TermCounter {
  private readonly docTerms: GrowableInt32;
  private readonly docTfs: GrowableInt32;
  private readonly docEnd: GrowableInt32;
  private readonly lengths: GrowableInt32;
  private readonly df = new GrowableInt32();
  private counts = new Int32Array(1024);
  private readonly seen: number[] = [];
  /** Terms counted so far, repeats included. */
  tokens = 0;

  constructor(shared = false) {
    this.docTerms = new GrowableInt32(1 << 16, shared);
    this.docTfs = new GrowableInt32(1 << 16, shared);
    this.docEnd = new GrowableInt32(1024, shared);
    this.lengths = new GrowableInt32(1024, shared);
  }

  /** Adds one document: the term ids `ids[start..end)`. */
  addIds(ids: ArrayLike<number>, start: number, end: number): void {
    for (let i = start; i < end; i++) this.tally(ids[i]);
    this.close(end - start);
  }

  protected tally(t: number): void {
    if (t >= this.counts.length) {
      const next = new Int32Array(Math.max(t + 1, this.counts.length * 2));
      next.set(this.counts);
      this.counts = next;
    }
    if (this.counts[t]++ === 0) this.seen.push(t);
  }

  /** Ends the document being tallied, of `length` terms. */
  protected close(length: number): void {
    for (const t of this.seen) {
      this.docTerms.push(t);
      this.docTfs.push(this.counts[t]);
      this.df.increment(t);
      this.counts[t] = 0;
    }
    this.seen.length = 0;
    this.docEnd.push(this.docTerms.length);
    this.lengths.push(length);
    this.tokens += length;
  }

  get documents(): number {
    return this.docEnd.length;
  }

  /** The counts so far, without copying (valid until the next document); `df[t]` = documents holding term t. */
  view(): DocumentTerms & { df: Int32Array } {
    return { docEnd: this.docEnd.view(), docTerms: this.docTerms.view(), docTfs: this.docTfs.view(), lengths: this.lengths.view(), df: this.df.view() };
  }
}

/** Counts the terms of analyzed documents; term ids are first-seen order. */
export class VocabularyCounter extends TermCounter {
  readonly vocab = new Map<string, number>();

  /** Adds one document: `terms` from `start` to `end` (all of them by default). */
  add(terms: readonly string[], start = 0, end = terms.length): void {
    for (let i = start; i < end; i++) {
      let t = this.vocab.get(terms[i]);
      if (t === undefined) this.vocab.set(terms[i], (t = this.vocab.size));
      this.tally(t);
    }
    this.close(end - start);
  }
}

/** What scoring a posting needs: the corpus-wide statistics, which only the whole corpus gives. */
export interface Scoring {
  variant: Bm25VariantName;
  params: Bm25Params;
  documents: number;
  avgLength: number;
  idf: Float64Array;
  /** `termPtr[t]..termPtr[t+1]`: term t's postings. */
  termPtr: Uint32Array;
}

/** The statistics of a corpus of `documents` documents and `totalLength` terms, its terms held by df[t] documents. */
export function scoring(variant: Bm25VariantName, params: Bm25Params, df: ArrayLike<number>, documents: number, totalLength: number): Scoring {
  const idf = new Float64Array(df.length);
  const termPtr = new Uint32Array(df.length + 1);
  for (let t = 0; t < df.length; t++) {
    idf[t] = BM25_VARIANTS[variant].idf(df[t], documents);
    termPtr[t + 1] = termPtr[t] + df[t];
  }
  return { variant, params, documents, avgLength: documents > 0 ? totalLength / documents : 0, idf, termPtr };
}

/** Documents start..end of part `part`: the index numbers documents run after run. */
export type Run = readonly [part: number, start: number, end: number];

/**
 * Writes the postings of the documents of `runs[from..to)` — each document's terms, scored — into
 * their places in term order then document order: the documents are runs of `parts`, whose term
 * ids `globalOf[part]` maps to the index's. Threads write disjoint document ranges of the same
 * arrays (parallel-build.ts): a range that ends the corpus fills each term's postings from its
 * end backwards, one in the middle first counts the postings before it; one thread writes them
 * all (`finish`).
 */
export function writePostings(
  parts: readonly DocumentTerms[],
  globalOf: readonly Int32Array[],
  runs: readonly Run[],
  s: Scoring,
  from: number,
  to: number,
  postDocs: Int32Array,
  postScores: Float32Array,
): void {
  const variant = BM25_VARIANTS[s.variant];
  const absent = variant.absentTermScores ? variant.tfc(0, 1, s.params) : 0;
  const terms = s.termPtr.length - 1;
  const backward = from > 0 && to === runs.length;
  const cursor = backward ? s.termPtr.slice(1) : s.termPtr.slice(0, terms);
  let first = 0; // the number of the first document of runs[from]
  for (let r = 0; r < from; r++) {
    const [part, start, end] = runs[r];
    first += end - start;
    if (backward) continue;
    const { docEnd, docTerms } = parts[part];
    const toGlobal = globalOf[part];
    for (let i = start > 0 ? docEnd[start - 1] : 0; i < docEnd[end - 1]; i++) cursor[toGlobal[docTerms[i]]]++;
  }
  let last = first; // past the last document of runs[to − 1]
  for (let r = from; r < to; r++) last += runs[r][2] - runs[r][1];
  for (let k = 0, d = backward ? last - 1 : first; k < to - from; k++) {
    const [part, start, end] = runs[backward ? to - 1 - k : from + k];
    const { docEnd, docTerms, docTfs, lengths } = parts[part];
    const toGlobal = globalOf[part];
    for (let m = 0; m < end - start; m++, backward ? d-- : d++) {
      const j = backward ? end - 1 - m : start + m;
      // an empty corpus-wide average (every document empty) has nothing to normalise
      const norm = s.avgLength > 0 ? lengthNorm(lengths[j], s.avgLength, s.params.b) : 1;
      for (let i = j > 0 ? docEnd[j - 1] : 0; i < docEnd[j]; i++) {
        const t = toGlobal[docTerms[i]];
        const pos = backward ? --cursor[t] : cursor[t]++;
        postDocs[pos] = d;
        postScores[pos] = s.idf[t] * (variant.tfc(docTfs[i], norm, s.params) - absent);
      }
    }
  }
}

/** The index over scored postings. */
export function fastIndex(docIds: string[], terms: string[], s: Scoring, postDocs: Int32Array, postScores: Float32Array): FastIndex {
  const variant = BM25_VARIANTS[s.variant];
  const absent = variant.absentTermScores ? variant.tfc(0, 1, s.params) : 0;
  const absentScores = variant.absentTermScores ? Float32Array.from(s.idf, (x) => x * absent) : undefined;
  return new FastIndex({ docIds, terms, termPtr: s.termPtr, postDocs, postScores, absentScores, avgLength: s.avgLength });
}

/** Collects analyzed documents on this thread; `finish` scores them into a FastIndex. */
export class FastIndexBuilder {
  private readonly counter = new VocabularyCounter();
  private readonly docIds: string[] = [];

  addDocument(id: string, terms: readonly string[]): void {
    this.counter.add(terms);
    this.docIds.push(id);
  }

  get documents(): number {
    return this.docIds.length;
  }

  /** Terms added so far, repeats included. */
  get tokens(): number {
    return this.counter.tokens;
  }

  finish(variant: Bm25VariantName, params: Bm25Params): FastIndex {
    const counts = this.counter.view();
    const n = this.docIds.length;
    const vocabSize = this.counter.vocab.size;
    let total = 0;
    for (let d = 0; d < n; d++) total += counts.lengths[d];
    const s = scoring(variant, params, counts.df, n, total);
    const nnz = s.termPtr[vocabSize];
    const postDocs = new Int32Array(nnz);
    const postScores = new Float32Array(nnz);
    writePostings([counts], [identity(vocabSize)], [[0, 0, n]], s, 0, 1, postDocs, postScores);
    return fastIndex(this.docIds, [...this.counter.vocab.keys()], s, postDocs, postScores);
  }
}

/** Term ids that stay what they are. */
export function identity(size: number): Int32Array {
  return Int32Array.from({ length: size }, (_, i) => i);
}

export class FastIndex {
  private vocab?: Map<string, number>;
  /** Reused by every query: the score accumulator, which documents it touched, the top-k selection. */
  private readonly acc: Float64Array;
  private readonly touched: Int32Array;
  private readonly isTouched: Uint8Array;
  private readonly topK = new TopK();

  readonly data: FastIndexData;
  private readonly kernel: Kernel;
  private readonly sample = new Float64Array(SAMPLE);
  private readonly tuning: Required<SearchTuning>;
  /** Per query term, where its row enters each chunk; the floor each chunk was listed at; a copy of listed scores for the k-th. */
  private chunkStarts = new Int32Array(0);
  private chunkFloors = new Float64Array(0);
  private scratch = new Float64Array(0);

  constructor(data: FastIndexData, tuning: SearchTuning = {}) {
    this.tuning = { ...SEARCH_TUNING, ...tuning };
    const n = data.docIds.length;
    this.kernel = kernel(data.postDocs, data.postScores, n);
    // the postings now live in the kernel's memory (WebAssembly's, where it can)
    this.data = { ...data, postDocs: this.kernel.postDocs, postScores: this.kernel.postScores };
    this.acc = this.kernel.acc;
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

  /**
   * The k best documents for a query given as term ids (documents with a positive score only),
   * ties to the lower document number. A query with few postings is summed tracking the documents
   * it touches; any other is summed into the whole accumulator by the kernel (WebAssembly).
   * Either way a document's score is the sum of its terms' stored scores in one fixed term order.
   */
  search(termIds: ArrayLike<number>, k: number): Hits {
    const { termPtr } = this.data;
    const terms = Int32Array.from(termIds).sort();
    let postings = 0;
    for (const t of terms) postings += termPtr[t + 1] - termPtr[t];
    return this.shifted(terms, postings * this.tuning.denseShare < this.acc.length ? this.sparse(terms, k) : this.dense(terms, k));
  }

  private dense(terms: Int32Array, k: number): Hits {
    const { termPtr } = this.data;
    const n = this.acc.length;
    if (n > this.tuning.chunkDocs) return this.denseByChunk(terms, k);
    for (const t of terms) this.kernel.addRow(termPtr[t], termPtr[t + 1]);
    const hits = this.topK.best(this.kernel.candDocs, this.kernel.candScores, this.listAbove(this.guessFloor(0, n, k), k), k);
    this.acc.fill(0);
    return hits;
  }

  /**
   * Lists the documents reaching `floor`; if fewer than k do, the floor was too high and every
   * positive document is listed instead, so a guessed floor never changes the result.
   */
  private listAbove(floor: number, k: number): number {
    const n = this.acc.length;
    let count = floor > 0 ? this.kernel.collect(floor, 0, n, 0) : 0;
    if (count < k) count = this.kernel.collect(0, 0, n, 0);
    return count;
  }

  /**
   * A floor that about 2k of the corpus's documents reach, guessed from a sample of documents
   * from..to-1 of the accumulator (0: no useful guess, list every positive document). Listing only
   * the documents at or above it, rather than offering every document to the selection, is what
   * keeps the selection cheap.
   */
  private guessFloor(from: number, to: number, k: number): number {
    const { acc, sample } = this;
    const rank = Math.max(MIN_RANK, Math.ceil((2 * k * SAMPLE) / acc.length));
    if (rank > SAMPLE / 2) return 0;
    // SAMPLE is a power of 2, so i·(span/SAMPLE) rounds exactly as (i·span)/SAMPLE, without a division per sample
    const step = (to - from) / SAMPLE;
    // sample[0..held) holds the best positive samples so far, best first, at most rank of them:
    // most samples fall below the rank-th and cost one comparison, where a quickselect over every
    // positive sample, whose branches no predictor follows, cost several times the sampling itself
    // (bench/bm25/search-profile.ts)
    let held = 0;
    let bar = 0; // what a sample must beat to be held: 0 until rank are, then the rank-th best
    // Stryker disable next-line EqualityOperator: one more sample reads document `to`, of a block not yet summed (0) or past the end (undefined): never held
    for (let i = 0; i < SAMPLE; i++) {
      const score = acc[from + Math.floor(i * step)];
      // Stryker disable next-line EqualityOperator: a sample equal to the bar replaces an equal one (the rank-th stays the same), and zeros held while fewer than rank are give the same floor of 0
      if (score > bar) {
        // Stryker disable next-line ConditionalExpression: holding every sample that beats the bar keeps them all in order, the rank-th among them (only slower)
        let j = held < rank ? held++ : rank - 1;
        // Stryker disable next-line EqualityOperator: from j = 0 the loop would read sample[−1] (undefined, below no score) and stop all the same; shifting an equal sample leaves the same values
        for (; j > 0 && sample[j - 1] < score; j--) sample[j] = sample[j - 1];
        sample[j] = score;
        if (held === rank) bar = sample[rank - 1];
      }
    }
    return held < rank ? 0 : sample[rank - 1];
  }

  /**
   * A dense query over a large corpus, one block of `chunkDocs` documents at a time: a block's
   * scores (512 KiB) stay in the core's cache while they are summed, listed and zeroed, where the
   * whole accumulator (4 MB at 500k documents) would be walked from memory by each of those passes.
   * Rows are in document order, so each term's row splits into its blocks' ranges, and every
   * document still sums its terms in the same order (the same scores, bit for bit). Each block is
   * listed at its guessed floor or at the k-th best score listed so far, whichever is higher; the
   * latter can only be ≤ the final k-th best. A block whose guessed floor ends above the final k-th
   * best may have left out a hit: then the whole query is summed again and listed at that k-th best.
   */
  private denseByChunk(terms: Int32Array, k: number): Hits {
    const { termPtr, postDocs } = this.data;
    const { acc, kernel } = this;
    const { chunkDocs } = this.tuning;
    const n = acc.length;
    const chunks = Math.ceil(n / chunkDocs);
    const stride = chunks + 1;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: reallocating an array that would do only costs time
    if (this.chunkStarts.length < terms.length * stride) this.chunkStarts = new Int32Array(terms.length * stride);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: reallocating an array that would do only costs time
    if (this.chunkFloors.length < chunks) this.chunkFloors = new Float64Array(chunks);
    const { chunkStarts: starts, chunkFloors: floors } = this;
    for (let i = 0; i < terms.length; i++) {
      const end = termPtr[terms[i] + 1];
      starts[i * stride] = termPtr[terms[i]];
      for (let c = 1; c < chunks; c++) starts[i * stride + c] = lowerBound(postDocs, starts[i * stride + c - 1], end, c * chunkDocs);
      starts[i * stride + chunks] = end;
    }
    let listed = 0;
    let bar = 0;
    for (let c = 0; c < chunks; c++) {
      const from = c * chunkDocs;
      const to = Math.min(n, from + chunkDocs);
      for (let i = 0; i < terms.length; i++) kernel.addRow(starts[i * stride + c], starts[i * stride + c + 1]);
      floors[c] = Math.max(bar, this.guessFloor(from, to, k));
      listed += kernel.collect(floors[c], from, to, listed);
      acc.fill(0, from, to);
      if (listed >= k) bar = this.kthListed(listed, k);
    }
    let missed = listed < k;
    for (let c = 0; c < chunks && !missed; c++) missed = floors[c] > bar;
    if (missed) {
      for (const t of terms) kernel.addRow(termPtr[t], termPtr[t + 1]);
      listed = this.listAbove(bar, k);
      acc.fill(0);
    }
    return this.topK.best(kernel.candDocs, kernel.candScores, listed, k);
  }

  /** The k-th best of the `listed` candidate scores. */
  private kthListed(listed: number, k: number): number {
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: how often and by how much the copy grows only costs time
    if (this.scratch.length < listed) this.scratch = new Float64Array(Math.max(listed, 2 * this.scratch.length));
    this.scratch.set(this.kernel.candScores.subarray(0, listed));
    return nthLargest(this.scratch, listed, k);
  }

  /** BM25L/BM25+: adds the constant Σ idf·tfc(0) of the query's terms (variants.ts). */
  private shifted(terms: Int32Array, hits: Hits): Hits {
    const { absentScores } = this.data;
    if (!absentScores) return hits;
    let shift = 0;
    for (const t of terms) shift += absentScores[t];
    if (shift !== 0) for (let i = 0; i < hits.scores.length; i++) hits.scores[i] += shift;
    return hits;
  }

  private sparse(terms: Int32Array, k: number): Hits {
    const { termPtr, postDocs, postScores } = this.data;
    const { acc, touched, isTouched, kernel } = this;
    let count = 0;
    for (const t of terms) count = addRowTracked(acc, isTouched, touched, count, postDocs, postScores, termPtr[t], termPtr[t + 1]);
    const listed = listTouched(acc, isTouched, touched, count, kernel.candDocs, kernel.candScores);
    return this.topK.best(kernel.candDocs, kernel.candScores, listed, k);
  }
}

/** How a search goes: the measured defaults below; the bench (bench/bm25/search-paths.ts) and tests set others. */
export interface SearchTuning {
  /**
   * A query with fewer postings than documents/denseShare is summed tracking the documents it
   * touches; any other by the kernel over the whole accumulator. The crossover, measured on
   * NFCorpus, SciFact and Zipf 50k–500k, lies between 1/32 and 1/16 postings per document.
   */
  denseShare?: number;
  /** Documents a dense query sums at a time where the corpus has more: 128k scores, 1 MiB, inside a core's L2 cache (2 MiB here). */
  chunkDocs?: number;
}
export const SEARCH_TUNING: Required<SearchTuning> = { denseShare: 16, chunkDocs: 1 << 17 };

/** guessFloor samples SAMPLE documents and takes the one at rank MIN_RANK among them or lower. */
const SAMPLE = 256;
const MIN_RANK = 4;

/** The first position in from..to-1 of the (ascending) `docs` holding `doc` or more; `to` if none does. */
function lowerBound(docs: Int32Array, from: number, to: number, doc: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid] < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The n-th largest of the first `count` values (1-based), by quickselect; reorders them. */
function nthLargest(values: Float64Array, count: number, nth: number): number {
  const target = nth - 1;
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] > pivot) i++;
      while (values[j] < pivot) j--;
      if (i <= j) {
        const x = values[i];
        values[i++] = values[j];
        values[j--] = x;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target];
}

/*
 * The hot loops are plain functions of typed arrays: V8 compiles them to tight machine code,
 * several times faster than the same loop inlined in a method (measured on Zipf-50k).
 */

/** Lists the touched documents that scored (> 0) with their scores, and clears what they touched; returns how many. */
function listTouched(acc: Float64Array, isTouched: Uint8Array, touched: Int32Array, count: number, docs: Int32Array, scores: Float64Array): number {
  let listed = 0;
  for (let i = 0; i < count; i++) {
    const d = touched[i];
    const s = acc[d];
    if (s > 0) {
      docs[listed] = d;
      scores[listed++] = s;
    }
    acc[d] = 0;
    isTouched[d] = 0;
  }
  return listed;
}

/** Adds postings start..end to the accumulator, listing each document the first time it is touched; returns the new count. */
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
