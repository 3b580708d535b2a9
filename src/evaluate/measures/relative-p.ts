import { cutoffMeasure, relevantInTop } from './measure.js';

/** Precision at k relative to the best possible: relevant in top k over min(k, num_rel). */
export default cutoffMeasure({
  name: 'relative_P',
  trec: true,
  defaults: [5, 10, 15, 20, 30, 100, 200, 500, 1000],
  compute: (r, k, ctx) => (r.numRel ? relevantInTop(r, k, ctx.relevanceLevel) / Math.min(k, r.numRel) : 0),
});
