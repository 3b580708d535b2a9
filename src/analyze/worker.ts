/**
 * Worker-thread side of parallel.ts. An analysis worker builds the analyzer it is told to, then
 * answers each batch of texts with their terms, one line per text and terms joined by spaces
 * (tokens never contain whitespace), so a batch crosses threads as one string instead of
 * thousands of small arrays. A BM25 build worker serves src/retrieve/bm25/parallel-build.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serveBuild } from '../retrieve/bm25/parallel-build.js';
import type { WorkerJob } from './parallel.js';
import { createAnalyzer } from './registry.js';

const job = workerData as WorkerJob;
if (job.job === 'bm25-build') serveBuild(parentPort!, job.language, job.cpuClock);
else {
  const analyzer = createAnalyzer(job.language, job.options);
  parentPort!.on('message', ({ seq, texts }: { seq: number; texts: string[] }) => {
    parentPort!.postMessage({ seq, terms: texts.map((t) => analyzer.analyze(t).join(' ')).join('\n') });
  });
}
