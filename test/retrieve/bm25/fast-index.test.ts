import { describe, expect, it } from 'vitest';
import { FastIndexBuilder } from '../../../src/retrieve/bm25/fast-index.js';
import { loadFastIndex, saveFastIndex } from '../../../src/retrieve/bm25/format.js';
import { tempDir } from '../../helpers/tmp.js';

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
});
