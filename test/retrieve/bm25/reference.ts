import { expect } from 'vitest';
import type { FastIndex, Hits } from '../../../src/retrieve/bm25/fast-index.js';

/**
 * Independent references for the BM25 tests: a seeded generator, the published BM25 formulas
 * written out again from Kamphuis et al. (ECIR 2020) and scored document by document, and a brute
 * force over an index's stored scores. Nothing here imports the code under test's formulas.
 */

/** A seeded generator so a failure can be replayed. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

export type Variant = 'lucene' | 'robertson' | 'atire' | 'bm25l' | 'bm25plus';
export interface Params {
  k1: number;
  b: number;
  delta: number;
}

interface Corpus {
  n: number;
  avgdl: number;
  df: Map<string, number>;
}

/** One document's score for a query (repeated query terms counted), by the variant's full formula. */
function score(variant: Variant, { k1, b, delta }: Params, { n, avgdl, df: dfs }: Corpus, d: readonly string[], query: readonly string[]): number {
  const L = avgdl > 0 ? 1 - b + (b * d.length) / avgdl : 1;
  let total = 0;
  let matched = false;
  for (const t of query) {
    const df = dfs.get(t) ?? 0;
    if (df === 0) continue; // a term the corpus never had is dropped from the query
    const tf = d.filter((x) => x === t).length;
    if (tf > 0) matched = true;
    switch (variant) {
      case 'lucene':
        if (tf > 0) total += Math.log(1 + (n - df + 0.5) / (df + 0.5)) * (tf / (tf + k1 * L));
        break;
      case 'robertson':
        if (tf > 0) total += Math.max(0, Math.log((n - df + 0.5) / (df + 0.5))) * (tf / (tf + k1 * L));
        break;
      case 'atire':
        if (tf > 0) total += Math.log(n / df) * (((k1 + 1) * tf) / (tf + k1 * L));
        break;
      case 'bm25l': {
        // an absent term still scores (k1 + 1)δ/(k1 + δ), nothing at δ = 0
        const c = tf / L + delta;
        if (c > 0) total += Math.log((n + 1) / (df + 0.5)) * (((k1 + 1) * c) / (k1 + c));
        break;
      }
      case 'bm25plus':
        // an absent term still scores δ
        total += Math.log((n + 1) / df) * ((tf > 0 ? ((k1 + 1) * tf) / (k1 * L + tf) : 0) + delta);
        break;
    }
  }
  // only documents holding a query term are results (the absent-term constant alone makes none)
  return matched ? total : 0;
}

/** The expected ranking: documents (by number) whose score is positive, best first, ties to the lower number. */
export function referenceRanking(variant: Variant, params: Params, docs: readonly (readonly string[])[], query: readonly string[]): { d: number; s: number }[] {
  const corpus: Corpus = {
    n: docs.length,
    avgdl: docs.reduce((s, x) => s + x.length, 0) / docs.length,
    df: new Map(query.map((t) => [t, docs.filter((x) => x.includes(t)).length])),
  };
  return docs
    .map((doc, d) => ({ d, s: score(variant, params, corpus, doc, query) }))
    .filter((x) => x.s > 0)
    .sort((x, y) => y.s - x.s || x.d - y.d);
}

/**
 * Checks a search's hits against the reference ranking's top k: the same count, scores within
 * float32 rounding, and the same documents wherever the reference has no near-tie (exact ties,
 * as between identical documents, go to the lower document number).
 */
export function expectReference(hits: Hits, ranked: { d: number; s: number }[], k: number): void {
  const expected = ranked.slice(0, k);
  expect(hits.docs.length).toBe(expected.length);
  expected.forEach((e, j) => {
    expect(hits.scores[j]).toBeCloseTo(e.s, 5);
    if (ranked.filter((x) => Math.abs(x.s - e.s) < 1e-5).every((x) => x.s === e.s)) expect(hits.docs[j]).toBe(e.d);
  });
}

/** Every document's score summed from the index's stored scores in ascending term id order (as search adds them), ranked. */
export function storedRanking(index: FastIndex, termIds: Int32Array): { d: number; s: number }[] {
  const { termPtr, postDocs, postScores, absentScores } = index.data;
  const acc = new Float64Array(index.documents);
  const terms = Int32Array.from(termIds).sort();
  for (const t of terms) for (let p = termPtr[t]; p < termPtr[t + 1]; p++) acc[postDocs[p]] += postScores[p];
  let shift = 0;
  if (absentScores) for (const t of terms) shift += absentScores[t];
  return Array.from(acc, (s, d) => ({ s, d }))
    .filter((x) => x.s > 0)
    .map((x) => ({ d: x.d, s: x.s + shift }))
    .sort((a, b) => b.s - a.s || a.d - b.d);
}

/** Random queries of 1–12 terms drawn from the vocabulary, skewed to the common terms, repeats allowed. */
export function randomQueries(index: FastIndex, count: number, rand: () => number): Int32Array[] {
  const { termPtr } = index.data;
  const byDf = Array.from({ length: termPtr.length - 1 }, (_, t) => t).sort((a, b) => termPtr[b + 1] - termPtr[b] - (termPtr[a + 1] - termPtr[a]));
  return Array.from({ length: count }, () => Int32Array.from({ length: 1 + Math.floor(rand() * 12) }, () => byDf[Math.floor(byDf.length * rand() ** 4)]));
}

/** Each query's top k for several k equals the stored-score brute force bit for bit; returns how many were compared. */
export function expectExact(index: FastIndex, queries: Int32Array[], ks = [1, 10, 100, 1000]): number {
  let compared = 0;
  for (const q of queries) {
    const ranked = storedRanking(index, q);
    for (const k of ks) {
      const hits = index.search(q, k);
      const expected = ranked.slice(0, k);
      expect(Array.from(hits.docs)).toEqual(expected.map((x) => x.d));
      expect(Array.from(hits.scores)).toEqual(expected.map((x) => x.s));
      compared++;
    }
  }
  return compared;
}
