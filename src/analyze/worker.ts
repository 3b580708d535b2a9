/**
 * Worker-thread side of parallel.ts: builds the analyzer it is told to, then answers each batch of
 * texts with their terms, one line per text and terms joined by spaces (tokens never contain
 * whitespace), so a batch crosses threads as one string instead of thousands of small arrays.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createAnalyzer, type AnalyzerOptions } from './registry.js';

const { language, options } = workerData as { language: string; options: AnalyzerOptions };
const analyzer = createAnalyzer(language, options);

parentPort!.on('message', ({ seq, texts }: { seq: number; texts: string[] }) => {
  parentPort!.postMessage({ seq, terms: texts.map((t) => analyzer.analyze(t).join(' ')).join('\n') });
});
