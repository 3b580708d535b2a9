import { describe, expect, it } from 'vitest';
import { FastIndexBuilder } from '../../../src/retrieve/bm25/fast-index.js';
import { BM25_VARIANTS, type Bm25VariantName } from '../../../src/retrieve/bm25/variants.js';
import { expectReference, lcg, referenceRanking, type Params } from './reference.js';

/**
 * Three documents, k1 = 1.5, b = 0.75, δ = 0.5, avgdl = 3, query "apple banana":
 *   d1 = apple apple banana (dl 3, L = 1), d2 = banana cherry (dl 2, L = 0.75), d3 = 4 other words.
 *   df(apple) = 1, df(banana) = 2, N = 3.
 * Expected scores computed by hand from the published formulas (Kamphuis et al. 2020), e.g. Lucene d1:
 *   ln(1 + 2.5/1.5)·2/(2 + 1.5) + ln(1 + 1.5/2.5)·1/(1 + 1.5) = 0.560474 + 0.188001 = 0.748475.
 * Robertson's idf of banana, ln(1.5/2.5) < 0, is floored at 0: d2 scores 0 and is no result.
 * BM25L and BM25+ add idf·tfc(0) for the absent "apple" to d2.
 */
const EXPECTED: Record<Bm25VariantName, [number, number]> = {
  lucene: [0.748475, 0.221178],
  robertson: [0.2919, 0],
  atire: [1.974911, 0.477018],
  bm25l: [2.12005, 1.259273],
  bm25plus: [3.713288, 1.855188],
};

describe('BM25 variants, hand-computed', () => {
  it('has a case for every variant', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(BM25_VARIANTS).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (variant, [d1, d2]) => {
    const builder = new FastIndexBuilder();
    builder.addDocument('d1', ['apple', 'apple', 'banana']);
    builder.addDocument('d2', ['banana', 'cherry']);
    builder.addDocument('d3', ['date', 'elderberry', 'fig', 'grape']);
    const index = builder.finish(variant as Bm25VariantName, { k1: 1.5, b: 0.75, delta: 0.5 });
    const hits = index.search(index.termIds(['apple', 'banana']), 10);
    expect(Array.from(hits.docs)).toEqual(d2 > 0 ? [0, 1] : [0]);
    expect(hits.scores[0]).toBeCloseTo(d1, 5);
    if (d2 > 0) expect(hits.scores[1]).toBeCloseTo(d2, 5);
  });
});

describe('BM25 variants against the formulas written out in the test (reference.ts)', () => {
  const rand = lcg(3);
  // 30 documents of 0–11 words over a skewed vocabulary of 12, two exact copies (ties), two empty
  const word = () => `w${Math.floor(12 * rand() ** 2)}`;
  const docs = Array.from({ length: 30 }, (_, i) => (i % 13 === 7 ? [] : Array.from({ length: 1 + Math.floor(rand() * 11) }, word)));
  docs[20] = [...docs[4]];
  docs[25] = [...docs[4]];
  const queries = [['w0'], ['w1', 'w5'], ['w11', 'w11', 'w3'], ['never', 'w2'], ['w0', 'w1', 'w2', 'w3', 'w4', 'w6', 'w8']];
  const grid: Params[] = [
    { k1: 1.2, b: 0.75, delta: 0.5 },
    { k1: 0.9, b: 0, delta: 1 },
    { k1: 2, b: 1, delta: 0 },
    { k1: 0, b: 0.4, delta: 0 },
  ];

  it.each(Object.keys(BM25_VARIANTS) as Bm25VariantName[])('%s: every parameter set, query and cut-off', (variant) => {
    let results = 0;
    for (const params of grid) {
      const builder = new FastIndexBuilder();
      docs.forEach((terms, i) => builder.addDocument(`d${i}`, terms));
      const index = builder.finish(variant, params);
      for (const query of queries) {
        const ranked = referenceRanking(variant, params, docs, query);
        results += ranked.length;
        for (const k of [1, 2, ranked.length, docs.length + 5]) expectReference(index.search(index.termIds(query), k), ranked, k);
      }
    }
    expect(results).toBeGreaterThan(100); // not a comparison of empty rankings (Robertson's floor empties some)
  });

  it('k1 = 0 makes BM25 binary, not NaN, in every variant', () => {
    // tf/(tf + k1·L) reads 0/0 for an absent term at k1 = 0: every score was NaN and no document came back
    for (const variant of Object.keys(BM25_VARIANTS) as Bm25VariantName[]) {
      const tfc = BM25_VARIANTS[variant].tfc;
      expect(tfc(0, 1, { k1: 0, b: 0.75, delta: 0 })).toBe(0);
      expect(tfc(3, 0.5, { k1: 0, b: 0.75, delta: 0 })).toBe(tfc(1, 2, { k1: 0, b: 0.75, delta: 0 }));
    }
    expect(BM25_VARIANTS.bm25plus.tfc(0, 1, { k1: 0, b: 0.75, delta: 0.5 })).toBe(0.5);
  });

  it('scores an empty corpus, and one whose documents are all empty, as having no results', () => {
    for (const corpus of [[], [[], []]] as string[][][]) {
      const builder = new FastIndexBuilder();
      corpus.forEach((terms, i) => builder.addDocument(`d${i}`, terms));
      const index = builder.finish('bm25plus', { k1: 1.2, b: 0.75, delta: 1 });
      expect(index.data.avgLength).toBe(0);
      expect(index.search(index.termIds(['x']), 10).docs.length).toBe(0);
    }
  });

  it('normalises by the average length over all documents, empty ones included', () => {
    // avgdl = (4 + 0 + 2) / 3 = 2: d0 is twice the average (L = 1 − b + 2b), d2 at it (L = 1)
    const builder = new FastIndexBuilder();
    builder.addDocument('d0', ['x', 'y', 'y', 'y']);
    builder.addDocument('d1', []);
    builder.addDocument('d2', ['x', 'z']);
    const index = builder.finish('lucene', { k1: 1, b: 0.5, delta: 0 });
    expect(index.data.avgLength).toBe(2);
    const hits = index.search(index.termIds(['x']), 10);
    const idf = Math.log(1 + 1.5 / 2.5);
    expect(Array.from(hits.docs)).toEqual([2, 0]);
    expect(hits.scores[0]).toBeCloseTo(idf / 2, 6);
    expect(hits.scores[1]).toBeCloseTo(idf / (1 + 1.5), 6);
  });
});
