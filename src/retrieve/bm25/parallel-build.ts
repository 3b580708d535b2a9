import { readFileSync } from 'node:fs';
import type { MessagePort, Worker } from 'node:worker_threads';
import { MIN_PARALLEL_DOCS, peek, startWorker } from '../../analyze/parallel.js';
import { createAnalyzer } from '../../analyze/registry.js';
import type { Bm25Settings, IndexableDoc } from './engine.js';
import { FastIndexBuilder, fastIndex, scoring, TermCounter, VocabularyCounter, writePostings, type DocumentTerms, type FastIndex, type Run, type Scoring } from './fast-index.js';
import { GrowableInt32 } from './growable.js';
import { ByteInterner, encodeTerms, type TermBytes } from './interner.js';

/**
 * The fast engine's build on T threads (this one and T − 1 workers), all of it, with an index
 * byte-identical to one thread's:
 * 1. Documents go in batches to a worker whose queue has room, else this thread counts the batch
 *    itself (so the load balances whatever each side costs); each thread analyzes texts (or takes
 *    pre-analyzed terms) and counts terms per document with its own vocabulary.
 * 2. This thread merges the vocabularies in batch order — a term's id is where it was first seen
 *    in the corpus, as on one thread — and computes df, idf and the average length.
 * 3. Each thread scores and writes the postings of one document range (cut for equal postings),
 *    reading the counts of whichever thread counted them from shared memory.
 * A batch crosses to a worker as texts, or pre-analyzed terms as UTF-8 bytes in a transferred
 * buffer (interner.ts); a batch whose terms have no bytes of their own is counted here.
 */
const BATCH = 1024;
/**
 * Batches queued per worker: while this thread counts a batch of its own, a worker gets through
 * about 1.4 (Zipf-500k, bench/bm25/README.md), and it must not run dry; few enough to bound the
 * memory held (a batch is about a megabyte of bytes).
 */
const QUEUED = 4;

type BatchMessage = { kind: 'batch'; texts: string[]; counts: Int32Array } & TermBytes;
type ToWorker =
  | BatchMessage
  | { kind: 'end' }
  | { kind: 'write'; parts: DocumentTerms[]; globalOf: Int32Array[]; runs: Run[]; scoring: Scoring; from: number; to: number; postDocs: Int32Array; postScores: Float32Array };

/** One thread's counts: its documents (shared memory), its vocabulary, and how far it reached after each of its batches. */
interface Part extends DocumentTerms {
  terms: string[];
  df: Int32Array;
  vocabEnds: Int32Array;
}

/** A worker's replies; `busy`: seconds it spent on the message. */
type FromWorker = { kind: 'batch'; busy: number; tokens: number } | { kind: 'part'; part: Part } | { kind: 'written'; busy: number };

export interface BuildOptions {
  /** Threads only from this many documents (threads cost their start-up). */
  minDocs?: number;
  /** Documents per batch handed to a thread. */
  batch?: number;
  /** Filled in: the seconds each phase took, the batches each thread counted (this one first), and where each thread's time went. */
  report?: { seconds: Record<string, number>; batches?: number[]; threads?: ThreadProfile[]; cpuClock?: boolean };
}

/**
 * Where one thread's time went while counting and scoring: the profile of bench/bm25/README.md,
 * in seconds of `profileClock`. This thread: `count` (its own batches), `send` (a worker's batch
 * made into a message), `input` (the rest of the count phase: pulling documents, taking replies),
 * `wait` (wall seconds awaiting the workers after counting and after writing); a worker: `count`
 * (its batches), `idle` (wall seconds of the count phase it did not count, its start included);
 * both: `write` (postings scored and written).
 */
export interface ThreadProfile {
  batches: number;
  /** Terms in the batches it counted, and (this thread) in those it sent. */
  tokens: number;
  sentTokens?: number;
  seconds: Record<string, number>;
}

/**
 * Builds the fast index of `docs` with `settings.threads` threads — on this thread alone when
 * one is asked for or the corpus has fewer than `minDocs` documents.
 */
export async function buildFastIndex(docs: AsyncIterable<IndexableDoc>, settings: Bm25Settings, options: BuildOptions = {}): Promise<FastIndex> {
  const clock = phaseClock(options.report?.seconds ?? {});
  const { head, rest } = settings.threads > 1 ? await peek(docs, options.minDocs ?? MIN_PARALLEL_DOCS) : { head: [], rest: docs };
  if (settings.threads > 1 && rest) return buildOnWorkers(rest, settings, clock, options);
  const now = profileClock(options.report?.cpuClock ?? false);
  const counting = now();
  const builder = new FastIndexBuilder();
  for (const doc of head) builder.addDocument(doc.id, doc.terms ?? settings.analyzer.analyze(doc.text));
  if (settings.threads <= 1) for await (const doc of rest!) builder.addDocument(doc.id, doc.terms ?? settings.analyzer.analyze(doc.text));
  clock('count');
  const writing = now();
  const index = builder.finish(settings.variant, settings.params);
  clock('score');
  // one thread: input and counting are not told apart, and scoring includes the kernel's load
  if (options.report) options.report.threads = [{ batches: 0, tokens: builder.tokens, seconds: { count: writing - counting, write: now() - writing } }];
  return index;
}

/** How many batches each part counted. */
function batchesPerPart(batches: readonly { part: number }[], parts: number): number[] {
  const counts = Array.from({ length: parts }, () => 0);
  for (const { part } of batches) counts[part]++;
  return counts;
}

/** Records the seconds since the last call under each phase's name. */
function phaseClock(phases: Record<string, number>): (phase: string) => void {
  let last = performance.now();
  return (phase) => {
    const now = performance.now();
    phases[phase] = (now - last) / 1000;
    last = now;
  };
}

/**
 * The profile's clock: with `cpu`, the seconds this thread has run on a CPU (Linux's
 * /proc/thread-self/schedstat, nanoseconds; about 60 µs a reading), which a loaded machine does
 * not inflate; else (or where that file is missing) wall seconds.
 */
export function profileClock(cpu: boolean): () => number {
  const wall = () => performance.now() / 1000;
  if (!cpu) return wall;
  const read = () => Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]) / 1e9;
  try {
    read();
    return read;
  } catch {
    return wall;
  }
}

/** Worker threads answering messages in order: each call is answered by the next reply. */
class Threads {
  private readonly workers: Worker[];
  private readonly waiting: { resolve: (reply: FromWorker) => void; reject: (err: unknown) => void }[][];
  private failure?: unknown;

  constructor(count: number, language: string, cpuClock: boolean) {
    this.workers = Array.from({ length: count }, () => startWorker({ job: 'bm25-build', language, cpuClock }));
    this.waiting = this.workers.map(() => []);
    this.workers.forEach((w, i) => {
      const fail = (err: unknown) => {
        this.failure ??= err;
        for (const p of this.waiting[i].splice(0)) p.reject(err);
      };
      w.on('message', (reply: FromWorker) => this.waiting[i].shift()!.resolve(reply));
      w.on('error', fail);
      w.on('exit', (code) => fail(new Error(`BM25 build thread ${i} exited (code ${code})`)));
    });
  }

  get count(): number {
    return this.workers.length;
  }

  /** Sends `message` to worker i (moving `transfer` there), and resolves to its reply. */
  call(i: number, message: ToWorker, transfer: ArrayBuffer[] = []): Promise<FromWorker> {
    if (this.failure) return Promise.reject(this.failure);
    const reply = new Promise<FromWorker>((resolve, reject) => this.waiting[i].push({ resolve, reject }));
    reply.catch(() => {}); // awaited later; a failure meanwhile must not count as unhandled
    this.workers[i].postMessage(message, transfer);
    return reply;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

async function buildOnWorkers(docs: AsyncIterable<IndexableDoc>, settings: Bm25Settings, clock: (phase: string) => void, options: BuildOptions): Promise<FastIndex> {
  const size = options.batch ?? BATCH;
  const workers = new Threads(settings.threads - 1, settings.language, options.report?.cpuClock ?? false);
  const now = profileClock(options.report?.cpuClock ?? false);
  try {
    const ids: string[] = [];
    /** Per batch: the part (0: this thread, w + 1: worker w) that counted it, and how many documents. */
    const batches: { part: number; size: number }[] = [];
    // Stryker disable next-line BooleanLiteral: unshared counts would be copied into each write message: the same postings, later
    const local = new VocabularyCounter(true);
    const localEnds: number[] = [];
    type Queued = { reply: Promise<FromWorker>; done: boolean };
    const queued: Queued[][] = Array.from({ length: workers.count }, () => []);
    const me: ThreadProfile = { batches: 0, tokens: 0, sentTokens: 0, seconds: { input: 0, count: 0, send: 0, wait: 0, write: 0 } };
    const profiles: ThreadProfile[] = [me, ...Array.from({ length: workers.count }, () => ({ batches: 0, tokens: 0, seconds: { count: 0 } }))];
    const settle = async ({ reply }: Queued, w: number) => {
      const r = (await reply) as Extract<FromWorker, { kind: 'batch' }>;
      profiles[w + 1].batches++;
      profiles[w + 1].tokens += r.tokens;
      profiles[w + 1].seconds.count += r.busy;
      me.sentTokens! += r.tokens;
    };
    const settleDone = async () => {
      for (let w = 0; w < queued.length; w++) while (queued[w][0]?.done) await settle(queued[w].shift()!, w);
    };
    let batch: IndexableDoc[] = [];
    let sizeHint = 1 << 16;
    const send = async () => {
      await new Promise(setImmediate); // lets the workers' replies in
      await settleDone();
      const t1 = now();
      let w = queued.findIndex((q) => q.length < QUEUED);
      const message = w < 0 ? undefined : batchMessage(batch, sizeHint);
      if (!message) w = -1;
      batches.push({ part: w + 1, size: batch.length });
      if (!message) {
        for (const doc of batch) {
          const terms = doc.terms ?? settings.analyzer.analyze(doc.text);
          local.add(terms);
          me.tokens += terms.length;
        }
        localEnds.push(local.vocab.size);
        me.batches++;
        me.seconds.count += now() - t1;
      } else {
        // Stryker disable next-line ArithmeticOperator: a smaller hint only makes encodeTerms grow its buffer
        sizeHint = message.bytes.length + (message.bytes.length >> 3);
        // Stryker disable next-line ArrayDeclaration: buffers copied instead of moved give the same counts
        const item: Queued = { reply: workers.call(w, message, [message.bytes.buffer as ArrayBuffer, message.ends.buffer as ArrayBuffer]), done: false };
        const done = () => (item.done = true);
        item.reply.then(done, done);
        queued[w].push(item);
        me.seconds.send += now() - t1;
      }
      batch = [];
    };
    const counting = now();
    const countingWall = performance.now();
    for await (const doc of docs) {
      ids.push(doc.id);
      batch.push(doc);
      if (batch.length === size) await send();
    }
    if (batch.length) await send();
    const tail = performance.now();
    me.seconds.input = now() - counting - me.seconds.count - me.seconds.send;
    for (let w = 0; w < queued.length; w++) for (const item of queued[w].splice(0)) await settle(item, w);
    me.seconds.wait = (performance.now() - tail) / 1000;
    const countWall = (performance.now() - countingWall) / 1000;
    for (const p of profiles.slice(1)) p.seconds.idle = countWall - p.seconds.count;
    clock('count');
    if (options.report) options.report.batches = batchesPerPart(batches, workers.count + 1);
    const v = local.view();
    const parts: Part[] = [
      { ...v, terms: [...local.vocab.keys()], vocabEnds: Int32Array.from(localEnds) },
      ...(await Promise.all(Array.from({ length: workers.count }, (_, w) => workers.call(w, { kind: 'end' })))).map((r) => (r as { part: Part }).part),
    ];
    clock('collect');

    const { terms, globalOf, df } = mergeVocabularies(parts, batches);
    let total = 0;
    for (const p of parts) for (let d = 0; d < p.lengths.length; d++) total += p.lengths[d];
    const s = scoring(settings.variant, settings.params, df, ids.length, total);
    const start = parts.map(() => 0);
    const runs: Run[] = batches.map(({ part, size }) => [part, start[part], (start[part] += size)]);
    const nnz = s.termPtr[terms.length];
    const postDocs = new Int32Array(new SharedArrayBuffer(4 * nnz));
    const postScores = new Float32Array(new SharedArrayBuffer(4 * nnz));
    // Stryker disable next-line ArithmeticOperator: fewer ranges than threads leave the last threads none to write: the same postings
    const cuts = runCuts(parts, runs, workers.count + 1);
    const counts = parts.map(({ docEnd, docTerms, docTfs, lengths }) => ({ docEnd, docTerms, docTfs, lengths }));
    clock('merge');
    const written = Array.from({ length: workers.count }, (_, w) =>
      // Stryker disable next-line StringLiteral: the worker takes any message but a batch or the end for a write
      workers.call(w, { kind: 'write', parts: counts, globalOf, runs, scoring: s, from: cuts[w + 1], to: cuts[w + 2], postDocs, postScores }),
    );
    const writing = now();
    writePostings(counts, globalOf, runs, s, cuts[0], cuts[1], postDocs, postScores);
    me.seconds.write = now() - writing;
    const waiting = performance.now();
    (await Promise.all(written)).forEach((r, w) => (profiles[w + 1].seconds.write = (r as { busy: number }).busy));
    me.seconds.wait += (performance.now() - waiting) / 1000;
    clock('score');
    if (options.report) options.report.threads = profiles;
    const index = fastIndex(ids, terms, s, postDocs, postScores);
    clock('load');
    return index;
  } finally {
    await workers.close();
  }
}

/**
 * A batch as one message: per document, how many pre-analyzed terms it has in the bytes (or −1:
 * its text is to be analyzed); undefined if a term has no UTF-8 bytes of its own.
 */
function batchMessage(batch: IndexableDoc[], sizeHint: number): BatchMessage | undefined {
  const counts = new Int32Array(batch.length);
  const texts: string[] = [];
  const lists: (readonly string[])[] = [];
  batch.forEach((doc, i) => {
    counts[i] = doc.terms ? doc.terms.length : -1;
    // Stryker disable next-line StringLiteral: the worker reads no text for a document whose terms are given
    texts.push(doc.terms ? '' : doc.text);
    if (doc.terms) lists.push(doc.terms);
  });
  const bytes = encodeTerms(lists, sizeHint);
  return bytes && { kind: 'batch', texts, counts, ...bytes };
}

/**
 * The corpus's vocabulary in first-seen order: batch by batch, the terms its thread first met
 * there, each new to the corpus or already numbered. Returns each part's term ids mapped to it.
 */
function mergeVocabularies(parts: Part[], batches: readonly { part: number }[]): { terms: string[]; globalOf: Int32Array[]; df: Int32Array } {
  const vocab = new Map<string, number>();
  const terms: string[] = [];
  const df = new GrowableInt32();
  const globalOf = parts.map((p) => new Int32Array(new SharedArrayBuffer(4 * p.terms.length)));
  const next = parts.map(() => 0);
  const seen = parts.map(() => 0);
  for (const { part } of batches) {
    const p = parts[part];
    const end = p.vocabEnds[seen[part]++];
    for (let i = next[part]; i < end; i++) {
      let g = vocab.get(p.terms[i]);
      if (g === undefined) {
        g = terms.length;
        vocab.set(p.terms[i], g);
        terms.push(p.terms[i]);
      }
      globalOf[part][i] = g;
      df.increment(g, p.df[i]);
    }
    next[part] = end;
  }
  return { terms, globalOf, df: df.view() };
}

/** Runs cutting the documents into `count` ranges of about equal postings: ranges are runs cuts[i]..cuts[i+1]. */
export function runCuts(parts: readonly DocumentTerms[], runs: readonly Run[], count: number): number[] {
  const ends: number[] = [];
  let total = 0;
  for (const [part, start, end] of runs) {
    const { docEnd } = parts[part];
    total += docEnd[end - 1] - (start > 0 ? docEnd[start - 1] : 0); // a run (a batch) is never empty
    ends.push(total);
  }
  const cuts = [0];
  for (let i = 1, r = 0; i < count; i++) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: ends' last is the total, so only a corpus without postings reaches the bound, and ends[runs.length] (undefined) stops it too
    while (r < runs.length && ends[r] <= (total * i) / count) r++;
    cuts.push(r);
  }
  cuts.push(runs.length);
  return cuts;
}

/** The worker-thread side (started by src/analyze/worker.ts). */
export function serveBuild(port: MessagePort, language: string, cpuClock: boolean): void {
  const now = profileClock(cpuClock);
  const analyzer = createAnalyzer(language);
  let counter: TermCounter | undefined = new TermCounter(true);
  const interner = new ByteInterner();
  const vocabEnds: number[] = [];
  port.on('message', (message: ToWorker) => {
    const start = now();
    const busy = () => now() - start;
    if (message.kind === 'batch') {
      const { texts, counts, bytes, ends } = message;
      const before = counter!.tokens;
      const ids = new Int32Array(ends.length); // term k's id at k
      // document by document, so term ids stay in first-seen order when texts and terms mix
      for (let i = 0, k = 0; i < counts.length; i++) {
        if (counts[i] >= 0) {
          interner.read(bytes, ends, k, k + counts[i], ids, k);
          counter!.addIds(ids, k, (k += counts[i]));
        } else {
          const terms = analyzer.analyze(texts[i]);
          counter!.addIds(terms.map((t) => interner.id(t)), 0, terms.length);
        }
      }
      vocabEnds.push(interner.terms.length);
      port.postMessage({ kind: 'batch', busy: busy(), tokens: counter!.tokens - before } satisfies FromWorker);
    } else if (message.kind === 'end') {
      // the counts are in shared memory already: the message shares them, the vocabulary is copied
      const part: Part = { ...counter!.view(), terms: interner.terms, vocabEnds: Int32Array.from(vocabEnds) };
      counter = undefined;
      port.postMessage({ kind: 'part', part } satisfies FromWorker);
    } else {
      writePostings(message.parts, message.globalOf, message.runs, message.scoring, message.from, message.to, message.postDocs, message.postScores);
      port.postMessage({ kind: 'written', busy: busy() } satisfies FromWorker);
    }
  });
}
