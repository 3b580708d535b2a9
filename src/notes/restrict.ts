import type { ScoredDoc } from '../core/types.js';

/**
 * Single-record retrieval from a run over all passages: the ranking of one record's passages, as
 * CliniQ filters its full ranking by id prefix. Passages the retriever did not return (BM25 scores
 * none of a passage without a query term) are placed below the returned ones, tied, so they fall in
 * trec_eval's tie order (docid descending): the ranking always holds every passage of the record.
 */
export function restrictRanking(ranking: readonly ScoredDoc[], members: readonly string[]): ScoredDoc[] {
  const inRecord = new Set(members);
  const kept = ranking.filter((d) => inRecord.has(d.docId));
  const returned = new Set(kept.map((d) => d.docId));
  const floor = kept.reduce((m, d) => Math.min(m, d.score), 0) - 1;
  return [...kept, ...members.filter((id) => !returned.has(id)).map((docId) => ({ docId, score: floor }))];
}
