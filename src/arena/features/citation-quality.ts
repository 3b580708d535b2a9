import type { Qrels } from '../../core/types.js';

export interface CitationQuality {
  precision: number;
  recall: number;
  /** Average precision of the citations in order of first citation, over all relevant passages. */
  map: number;
}

/**
 * Citation precision, recall and MAP against the qrels (relevance ≥ `level`). An answer that cites
 * nothing scores 0 on all three; a query without relevant passages has no value (null), not 0.
 */
export function citationQuality(cited: readonly string[], qrels: Qrels, queryId: string, level = 1): CitationQuality | null {
  const judged = qrels.get(queryId);
  const relevant = new Set([...(judged ?? new Map<string, number>())].filter(([, rel]) => rel >= level).map(([id]) => id));
  if (relevant.size === 0) return null;
  let hits = 0;
  let sumPrecision = 0;
  cited.forEach((id, i) => {
    if (relevant.has(id)) {
      hits++;
      sumPrecision += hits / (i + 1);
    }
  });
  return { precision: cited.length ? hits / cited.length : 0, recall: hits / relevant.size, map: sumPrecision / relevant.size };
}
