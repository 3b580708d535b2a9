/** Which nDCG is reported: `standard` (trec_eval: ideal from every relevant chunk) or CliniQ's variant. */
export const CLINIQ_NDCG_MODES = ['standard', 'cliniq'] as const;
export type CliniqNdcgMode = (typeof CLINIQ_NDCG_MODES)[number];

/**
 * CliniQ's nDCG@k (its `calculate_ndcg_at_k`): DCG of the top k over the ideal DCG of those same top k
 * re-sorted — not of all relevant chunks, as standard nDCG (trec_eval `ndcg_cut`) has it — and 0 when
 * none of the top k is relevant. So it rewards the order of what was found, not finding it. Binary
 * gains, log2(rank + 1) discount.
 */
export function cliniqNdcgAt(rankedIds: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  let dcg = 0;
  let hits = 0;
  for (let i = 0; i < Math.min(k, rankedIds.length); i++) {
    if (!relevant.has(rankedIds[i])) continue;
    dcg += 1 / Math.log2(i + 2);
    hits++;
  }
  if (hits === 0) return 0;
  let ideal = 0;
  for (let i = 0; i < hits; i++) ideal += 1 / Math.log2(i + 2);
  return dcg / ideal;
}
