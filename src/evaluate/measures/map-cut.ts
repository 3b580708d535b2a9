import { cutoffMeasure } from './measure.js';
import { averagePrecision } from './map.js';

/** Average precision over the first k ranks (map@k), still divided by all relevant. */
export default cutoffMeasure({
  name: 'map_cut',
  trec: true,
  atAliases: ['map', 'ap'],
  defaults: [5, 10, 15, 20, 30, 100, 200, 500, 1000],
  compute: (r, k, ctx) => averagePrecision(r.rels, Math.min(k, r.depth), ctx.relevanceLevel, r.numRel),
});
