import { bpref } from './bpref.js';
import { MIN_GEO_MEAN, scalarMeasure } from './measure.js';

export default scalarMeasure({
  name: 'gm_bpref',
  help: 'geometric mean of bpref (summary only)',
  trec: true,
  summary: 'gm',
  perQuery: false,
  compute: (r, ctx) => Math.log(Math.max(bpref(r, ctx.relevanceLevel), MIN_GEO_MEAN)),
});
