import type { JudgedRanking } from '../ranking.js';
import { scalarMeasure } from './measure.js';

/** 1 / rank of the first relevant document within the first k ranks, 0 if none. */
export function reciprocalRank(r: JudgedRanking, k: number, level: number): number {
  const n = Math.min(k, r.depth);
  for (let i = 0; i < n; i++) if (r.rels[i] >= level) return 1 / (i + 1);
  return 0;
}

/** Reciprocal rank of the first relevant document (MRR when averaged). */
export default scalarMeasure({
  name: 'recip_rank',
  trec: true,
  plainAliases: ['mrr'],
  compute: (r, ctx) => reciprocalRank(r, Infinity, ctx.relevanceLevel),
});
