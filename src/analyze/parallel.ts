import { Worker } from 'node:worker_threads';
import type { AnalyzerOptions } from './analyzer.js';
import { createAnalyzer } from './registry.js';

const BATCH = 256;
/**
 * Fewer documents than this are analyzed (and BM25 indexes built) on the calling thread even when
 * threads are asked for: a worker first loads the analyzer (and, from the sources, tsx), about
 * 0.9–1.2 CPU seconds, and a threaded build spends more CPU in all. Measured on an idle machine
 * (`bench/bm25/build-threads.ts`, 2 threads against 1, median of 3): NFCorpus and SciFact 0.67×,
 * Zipf 50k 0.99×, 100k 1.13×, 200k 1.43×: 100k is the first size where 2 threads win.
 */
export const MIN_PARALLEL_DOCS = 100_000;

/** What a worker thread is started to do (worker.ts): analyze texts, or build part of a BM25 index. */
export type WorkerJob = { job: 'analyze'; language: string; options: AnalyzerOptions } | { job: 'bm25-build'; language: string; cpuClock: boolean };

/**
 * A worker running worker.js beside this file, as built (dist/ and the CLI bundle both put it
 * there); from the TypeScript sources (tests, tsx), one that registers tsx before loading worker.ts.
 */
export function startWorker(workerData: WorkerJob): Worker {
  if (import.meta.url.endsWith('.js')) return new Worker(new URL('./worker.js', import.meta.url), { workerData });
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./worker.ts', import.meta.url).href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

/**
 * Analyzes a stream of documents on `threads` worker threads (from `minDocs` documents on)
 * and yields them in input order with their terms. Analysis (stemming above all) is most of an index build, and it parallelises;
 * building the index itself stays on the calling thread.
 */
export async function* analyzeInParallel<T extends { text: string }>(
  docs: AsyncIterable<T>,
  language: string,
  options: AnalyzerOptions,
  threads: number,
  minDocs = MIN_PARALLEL_DOCS,
): AsyncGenerator<T & { terms: string[] }> {
  const { head, rest } = await peek(docs, minDocs);
  if (!rest) {
    const analyzer = createAnalyzer(language, options);
    for (const doc of head) yield { ...doc, terms: analyzer.analyze(doc.text) };
    return;
  }
  yield* analyzeOnWorkers(rest, language, options, threads);
}

/**
 * The first `minDocs` items of a stream, and the whole stream again (`rest`, head included) if it
 * has more; without `rest` the head is all there is. Threads start only past `minDocs`.
 */
export async function peek<T>(items: AsyncIterable<T>, minDocs: number): Promise<{ head: T[]; rest?: AsyncIterable<T> }> {
  const source = items[Symbol.asyncIterator]();
  const head: T[] = [];
  while (head.length < minDocs) {
    const next = await source.next();
    if (next.done) return { head };
    head.push(next.value);
  }
  // the head again, then the source itself: no generator in between, whose every item costs a turn
  let at = 0;
  const rest: AsyncIterator<T> = { next: () => (at < head.length ? Promise.resolve({ value: head[at++], done: false }) : source.next()) };
  return { head, rest: { [Symbol.asyncIterator]: () => rest } };
}

async function* analyzeOnWorkers<T extends { text: string }>(
  docs: AsyncIterable<T>,
  language: string,
  options: AnalyzerOptions,
  threads: number,
): AsyncGenerator<T & { terms: string[] }> {
  const workers = Array.from({ length: threads }, () => startWorker({ job: 'analyze', language, options }));
  const pending = new Map<number, { resolve: (terms: string) => void; reject: (err: unknown) => void }>();
  for (const w of workers) {
    w.on('message', ({ seq, terms }: { seq: number; terms: string }) => {
      pending.get(seq)!.resolve(terms);
      pending.delete(seq);
    });
    w.on('error', (err) => {
      for (const p of pending.values()) p.reject(err);
    });
  }
  const inFlight: { batch: T[]; terms: Promise<string> }[] = [];
  let seq = 0;
  const send = (batch: T[]) => {
    const id = seq++;
    const terms = new Promise<string>((resolve, reject) => pending.set(id, { resolve, reject }));
    workers[id % threads].postMessage({ seq: id, texts: batch.map((d) => d.text) });
    inFlight.push({ batch, terms });
  };
  async function* drain(keep: number) {
    while (inFlight.length > keep) {
      const { batch, terms } = inFlight.shift()!;
      const lines = (await terms).split('\n');
      for (let i = 0; i < batch.length; i++) yield { ...batch[i], terms: lines[i] === '' ? [] : lines[i].split(' ') };
    }
  }
  try {
    let batch: T[] = [];
    for await (const doc of docs) {
      batch.push(doc);
      if (batch.length === BATCH) {
        send(batch);
        batch = [];
        // two batches queued per worker keep every worker busy while this thread builds
        yield* drain(2 * threads);
      }
    }
    if (batch.length) send(batch);
    yield* drain(0);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
