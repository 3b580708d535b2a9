import { averagePrecision } from './map.js';
import { MIN_GEO_MEAN, scalarMeasure } from './measure.js';

/** Geometric mean of AP over queries (summary only); AP is floored at 1e-5 as trec_eval does. */
export default scalarMeasure({
  name: 'gm_map',
  trec: true,
  summary: 'gm',
  perQuery: false,
  compute: (r, ctx) => Math.log(Math.max(averagePrecision(r.rels, r.numRet, ctx.relevanceLevel, r.numRel), MIN_GEO_MEAN)),
});
