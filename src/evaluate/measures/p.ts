import { cutoffMeasure, relevantInTop } from './measure.js';

/** Precision at k: relevant in the top k over k (k, not the number retrieved, as trec_eval). */
export default cutoffMeasure({
  name: 'P',
  trec: true,
  atAliases: ['precision', 'prec'],
  defaults: [5, 10, 15, 20, 30, 100, 200, 500, 1000],
  compute: (r, k, ctx) => relevantInTop(r, k, ctx.relevanceLevel) / k,
});
