import { describe, expect, it } from 'vitest';
import { FastIndexBuilder } from '../../../src/retrieve/bm25/fast-index.js';
import { BM25_VARIANTS, type Bm25VariantName } from '../../../src/retrieve/bm25/variants.js';

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
