import { cutoffMeasure } from './measure.js';
import { reciprocalRank } from './recip-rank.js';

/** Reciprocal rank cut at k (MRR@10 of MS MARCO); trec_eval has no cutoff version, hence `RR@k`. */
export default cutoffMeasure({
  name: 'RR',
  trec: false,
  atAliases: ['mrr', 'recip_rank'],
  defaults: [10],
  compute: (r, k, ctx) => reciprocalRank(r, k, ctx.relevanceLevel),
});
