import { cutoffMeasure, relevantInTop } from './measure.js';

/** Recall at k: relevant in the top k over all judged relevant (0 when none is). */
export default cutoffMeasure({
  name: 'recall',
  trec: true,
  atAliases: ['r'],
  defaults: [5, 10, 15, 20, 30, 100, 200, 500, 1000],
  compute: (r, k, ctx) => (r.numRel ? relevantInTop(r, k, ctx.relevanceLevel) / r.numRel : 0),
});
