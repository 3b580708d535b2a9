import { describe, expect, it } from 'vitest';
import { analyzeInParallel, MIN_PARALLEL_DOCS } from '../../src/analyze/parallel.js';
import { createAnalyzer } from '../../src/analyze/registry.js';

async function* stream<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

describe('analyzeInParallel', () => {
  it.each([
    ['on worker threads', 0],
    ['on this thread, below the corpus size where workers pay', MIN_PARALLEL_DOCS],
  ])('gives each document the terms of the serial analyzer, in input order, across many batches (%s)', async (_, minDocs) => {
    const words = ['Statins', 'lowered', 'the', 'cholesterol', 'of', 'patients', 'niños', '', 'X', 'running'];
    const docs = Array.from({ length: 1100 }, (_, i) => ({
      id: `d${i}`,
      text: Array.from({ length: i % 7 }, (_, j) => words[(i * 3 + j) % words.length]).join(' '),
    }));
    const en = createAnalyzer('en');
    const got = [];
    for await (const d of analyzeInParallel(stream(docs), 'en', {}, 2, minDocs)) got.push(d);
    expect(got.map((d) => d.id)).toEqual(docs.map((d) => d.id));
    expect(got.map((d) => d.terms)).toEqual(docs.map((d) => en.analyze(d.text)));
    expect(got.some((d) => d.terms.length === 0)).toBe(true);
  });
});
