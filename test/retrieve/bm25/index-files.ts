import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createAnalyzer } from '../../../src/analyze/registry.js';
import type { Bm25Settings, IndexableDoc } from '../../../src/retrieve/bm25/engine.js';
import { saveFastIndex } from '../../../src/retrieve/bm25/format.js';
import { buildFastIndex } from '../../../src/retrieve/bm25/parallel-build.js';
import type { Bm25VariantName } from '../../../src/retrieve/bm25/variants.js';
import { tempDir } from '../../helpers/tmp.js';

export async function* stream<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

/**
 * Every file of the index built with `threads` threads (from the first document on, in batches of
 * 64 documents), by name; with threads, each thread must have counted some batches.
 */
export async function indexFiles(docs: IndexableDoc[], threads: number, variant: Bm25VariantName = 'lucene'): Promise<Map<string, Buffer>> {
  const settings: Bm25Settings = { variant, params: { k1: 1.5, b: 0.75, delta: 0.5 }, analyzer: createAnalyzer('en'), language: 'en', threads };
  const dir = tempDir();
  const report = { seconds: {}, batches: [] as number[] };
  saveFastIndex(dir, await buildFastIndex(stream(docs), settings, { minDocs: 0, batch: 64, report }));
  if (threads > 1 && docs.length > 64 * 16) expect(report.batches.filter((n) => n > 0)).toHaveLength(threads);
  return new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
}

