import { bpref } from './bpref.js';
import { MIN_GEO_MEAN, scalarMeasure } from './measure.js';

/** Geometric mean of bpref (summary only). */
export default scalarMeasure({
  name: 'gm_bpref',
  trec: true,
  summary: 'gm',
  perQuery: false,
  compute: (r, ctx) => Math.log(Math.max(bpref(r, ctx.relevanceLevel), MIN_GEO_MEAN)),
});
