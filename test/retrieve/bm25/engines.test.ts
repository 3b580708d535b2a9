import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analyze/registry.js';
import type { Bm25Settings, IndexableDoc } from '../../../src/retrieve/bm25/engine.js';
import { BM25_ENGINES } from '../../../src/retrieve/bm25/engines/registry.js';
import { BM25_VARIANTS, type Bm25VariantName } from '../../../src/retrieve/bm25/variants.js';
import { medirErrorOf } from '../../helpers/errors.js';
import { tempDir } from '../../helpers/tmp.js';
import { referenceRanking } from './reference.js';

const TEXTS = [
  'Statins lower cholesterol in the blood',
  'Aspirin thins the blood and eases pain',
  'Insulin treats diabetes; diabetes needs insulin daily',
  'Exercise lowers blood pressure and cholesterol',
  'Cholesterol, cholesterol and more cholesterol in the diet',
  'Blood tests measure cholesterol and sugar',
];
const QUERIES = ['cholesterol blood', 'insulin diabetes', 'pain', 'lowering blood pressure with exercise', 'unknown words only'];
const analyzer = createAnalyzer('en');
const settings = (variant: Bm25VariantName, k1 = 0.9, b = 0.4): Bm25Settings => ({ variant, params: { k1, b, delta: 0.5 }, analyzer, language: 'en', threads: 1 });

async function* stream(docs: IndexableDoc[]): AsyncGenerator<IndexableDoc> {
  yield* docs;
}
const docsOf = (texts: string[]) => texts.map((text, i) => ({ id: `doc${i}`, text }));

/** The reference's ranking over the analyzer's terms. */
const ranking = (variant: Bm25VariantName, s: Bm25Settings, query: string) =>
  referenceRanking(variant, s.params, TEXTS.map((t) => analyzer.analyze(t)), analyzer.analyze(query));

/** The top k's scores, and its ids wherever the score is not tied (wink breaks ties its own way; the fast engine by document). */
function expectHits(got: { docId: string; score: number }[], ranked: { d: number; s: number }[], k: number, exactTies: boolean): number {
  const want = ranked.slice(0, k);
  expect(got.map((h) => h.score).length).toBe(want.length);
  want.forEach((w, i) => {
    expect(got[i].score).toBeCloseTo(w.s, 6);
    if (exactTies || ranked.filter((x) => Math.abs(x.s - w.s) < 1e-6).length === 1) expect(got[i].docId).toBe(`doc${w.d}`);
  });
  return want.length;
}

describe('BM25 engines against the formula written out in the test', () => {
  it.each([
    [0.9, 0.4],
    [1.5, 1],
    [0, 0],
  ])('wink scores Lucene BM25 (k1 %s, b %s), scaled to the fast engine', async (k1, b) => {
    const s = settings('lucene', k1, b);
    const dir = tempDir();
    await expect(BM25_ENGINES.wink.build(stream(docsOf(TEXTS)), s, dir)).resolves.toEqual({ documents: TEXTS.length });
    const searcher = BM25_ENGINES.wink.open(dir, s);
    let results = 0;
    for (const q of QUERIES) for (const k of [1, 3, 10]) results += expectHits(searcher.search(q, k), ranking('lucene', s, q), k, false);
    expect(results).toBeGreaterThan(20);
  });

  it.each(Object.keys(BM25_VARIANTS) as Bm25VariantName[])('fast scores %s through build and open', async (variant) => {
    const s = settings(variant);
    const dir = tempDir();
    const stats = await BM25_ENGINES.fast.build(stream(docsOf(TEXTS)), s, dir);
    expect(stats).toMatchObject({ documents: TEXTS.length });
    const searcher = BM25_ENGINES.fast.open(dir, s);
    for (const q of QUERIES) for (const k of [1, 3, 10]) expectHits(searcher.search(q, k), ranking(variant, s, q), k, true);
  });

  it('fast indexes the terms a document brings instead of analyzing its text (sharded merges)', async () => {
    const s = settings('lucene');
    const dir = tempDir();
    const docs = docsOf(TEXTS).map((d, i) => ({ ...d, terms: i === 1 ? ['zebra', 'zebra'] : analyzer.analyze(d.text) }));
    await BM25_ENGINES.fast.build(stream(docs), s, dir);
    const searcher = BM25_ENGINES.fast.open(dir, s);
    expect(searcher.search('zebra', 5).map((h) => h.docId)).toEqual(['doc1']);
    expect(searcher.search('aspirin', 5)).toEqual([]);
  });

  it('wink refuses every variant but Lucene, and a corpus under 3 documents', async () => {
    for (const variant of Object.keys(BM25_VARIANTS) as Bm25VariantName[]) {
      if (variant === 'lucene') expect(() => BM25_ENGINES.wink.check(settings(variant))).not.toThrow();
      else expect(() => BM25_ENGINES.wink.check(settings(variant))).toThrow(`--variant ${variant}: the wink engine implements only 'lucene'`);
    }
    expect(() => BM25_ENGINES.fast.check(settings('bm25l'))).not.toThrow();
    const err = await medirErrorOf(() => BM25_ENGINES.wink.build(stream(docsOf(TEXTS.slice(0, 2))), settings('lucene'), tempDir()));
    expect([err.code, err.message, err.hint]).toEqual(['INDEX', 'the wink engine needs at least 3 documents, the corpus has 2', 'use --engine fast']);
    await expect(BM25_ENGINES.wink.build(stream(docsOf(TEXTS.slice(0, 3))), settings('lucene'), tempDir())).resolves.toEqual({ documents: 3 });
    const variant = await medirErrorOf(() => BM25_ENGINES.wink.check(settings('atire')));
    expect(variant.hint).toBe('use --engine fast for other variants');
  });
});
