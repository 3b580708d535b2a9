import { describe, expect, it } from 'vitest';
import { FastIndexBuilder } from '../../../src/retrieve/bm25/fast-index.js';
import { loadFastIndex, saveFastIndex } from '../../../src/retrieve/bm25/format.js';
import { tempDir } from '../../helpers/tmp.js';
import { expectReference, referenceRanking } from './reference.js';

const PARAMS = { k1: 1.2, b: 0.5, delta: 1 };

function smallIndex(variant: 'lucene' | 'bm25plus' = 'lucene') {
  const b = new FastIndexBuilder();
  b.addDocument('a', ['heart', 'attack', 'heart']);
  b.addDocument('b', ['heart', 'failure']);
  b.addDocument('c', []);
  b.addDocument('d', ['diabetes', 'type', 'two', 'diabetes', 'insulin']);
  return b.finish(variant, PARAMS);
}

describe('fast BM25 index', () => {
  it('returns only documents holding a query term, best first', () => {
    const index = smallIndex();
    const hits = index.search(index.termIds(['heart']), 10);
    expect(Array.from(hits.docs)).toEqual([0, 1]);
    expect(hits.scores[0]).toBeGreaterThan(hits.scores[1]);
  });

  it('drops terms the corpus never had and counts a repeated query term twice', () => {
    const index = smallIndex();
    expect(Array.from(index.termIds(['unknown', 'insulin', 'insulin']))).toEqual([index.termIds(['insulin'])[0], index.termIds(['insulin'])[0]]);
    const once = index.search(index.termIds(['insulin']), 1).scores[0];
    const twice = index.search(index.termIds(['insulin', 'insulin']), 1).scores[0];
    expect(twice).toBeCloseTo(2 * once, 12);
    expect(index.search(index.termIds(['unknown']), 5).docs.length).toBe(0);
  });

  it('leaves no state behind between queries', () => {
    const index = smallIndex();
    const first = index.search(index.termIds(['heart', 'diabetes']), 10);
    index.search(index.termIds(['failure']), 10);
    const again = index.search(index.termIds(['heart', 'diabetes']), 10);
    expect(Array.from(again.docs)).toEqual(Array.from(first.docs));
    expect(Array.from(again.scores)).toEqual(Array.from(first.scores));
  });

  it.each(['lucene', 'bm25plus'] as const)('round-trips through its files unchanged (%s)', (variant) => {
    const dir = tempDir();
    const index = smallIndex(variant);
    saveFastIndex(dir, index);
    const loaded = loadFastIndex(dir);
    expect(loaded.data.docIds).toEqual(['a', 'b', 'c', 'd']);
    for (const q of [['heart'], ['diabetes', 'failure'], ['type', 'heart', 'insulin']]) {
      const x = index.search(index.termIds(q), 10);
      const y = loaded.search(loaded.termIds(q), 10);
      expect(Array.from(y.docs)).toEqual(Array.from(x.docs));
      expect(Array.from(y.scores)).toEqual(Array.from(x.scores));
    }
  });

  it('equals a brute-force Lucene BM25 on a random corpus, for sparse and dense queries alike', () => {
    let seed = 11;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    // a skewed vocabulary: 'w0' is in nearly every document (dense path), 'w59' in few (sparse path)
    const word = () => `w${Math.floor(60 * rand() ** 3)}`;
    const docs = Array.from({ length: 200 }, () => Array.from({ length: 1 + Math.floor(rand() * 30) }, word));
    for (const query of [['w0'], ['w0', 'w1', 'w2'], ['w59'], ['w40', 'w58'], ['w3', 'w3', 'w50']]) {
      for (const k of [1, 3, 15, 500]) expectBruteForce(docs, query, k);
    }
  });

  it('counts terms past the first 1,024 of the vocabulary (the per-term counters grow)', () => {
    // 3,000 distinct terms, first seen in order; each document repeats a few of them
    const docs = Array.from({ length: 40 }, (_, i) => Array.from({ length: 75 }, (_, j) => `v${i * 75 + j}`).concat([`v${(i * 75) % 3000}`, `v${1024 + i}`]));
    for (const query of [['v1023'], ['v1024'], ['v1025', 'v2047'], ['v2048'], ['v2999', 'v1024']]) {
      for (const k of [1, 5]) expectBruteForce(docs, query, k);
    }
  });

  it('stays exact for a rare term beside one in every document', () => {
    // 'rare' in 6 documents with weight, 'common' in all 1,000: the dense path, with few documents above the floor
    const docs = Array.from({ length: 1000 }, (_, i) => (i % 170 === 5 ? ['rare', 'rare', 'common', 'x'] : ['common', `u${i}`, 'common']));
    for (const k of [1, 3, 6, 10]) {
      expectBruteForce(docs, ['common', 'rare'], k);
      expectBruteForce(docs, ['rare', 'common', 'common'], k);
    }
  });
});

/** Checks the index's top k against Lucene BM25 computed document by document from the formula (reference.ts). */
function expectBruteForce(docs: string[][], query: string[], k: number): void {
  const builder = new FastIndexBuilder();
  docs.forEach((terms, i) => builder.addDocument(`d${i}`, terms));
  const index = builder.finish('lucene', PARAMS);
  expectReference(index.search(index.termIds(query), k), referenceRanking('lucene', PARAMS, docs, query), k);
}
