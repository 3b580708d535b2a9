import { cutoffMeasure } from './measure.js';
import { reciprocalRank } from './recip-rank.js';

/** 1 if a relevant document is in the top k: what retrieval papers also call hit rate or hits@k. */
export default cutoffMeasure({
  name: 'success',
  trec: true,
  atAliases: ['hit_rate', 'hitrate', 'hits'],
  defaults: [1, 5, 10],
  compute: (r, k, ctx) => (reciprocalRank(r, k, ctx.relevanceLevel) > 0 ? 1 : 0),
});
