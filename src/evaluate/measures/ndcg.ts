import { discountLog, gainOf, idealDcg, idealGains } from '../gains.js';
import type { JudgedRanking } from '../ranking.js';
import { scalarMeasure } from './measure.js';

/** nDCG over the first k ranks: relevance (or 2^rel - 1) as gain, log2(rank + 1) discount, ideal from the qrels. */
export function ndcgAt(r: JudgedRanking, k: number, gain: 'linear' | 'exp'): number {
  const ideal = idealGains(r.judgments, gain);
  const n = Math.min(k, r.depth);
  let dcg = 0;
  for (let i = 0; i < n; i++) {
    const rel = r.rels[i];
    if (rel > 0) dcg += gainOf(rel, gain) / discountLog(i);
  }
  const best = idealDcg(ideal, k);
  return best > 0 ? dcg / best : 0;
}

/** nDCG over the whole ranking (gain: --gain linear|exp). */
export default scalarMeasure({
  name: 'ndcg',
  trec: true,
  usesGain: true,
  compute: (r, ctx) => ndcgAt(r, Infinity, ctx.gain),
});
