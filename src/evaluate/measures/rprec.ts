import { relevantInTop, scalarMeasure } from './measure.js';

/** Precision after num_rel documents. */
export default scalarMeasure({
  name: 'Rprec',
  trec: true,
  plainAliases: ['r-prec', 'r_prec'],
  compute: (r, ctx) => (r.numRel ? relevantInTop(r, r.numRel, ctx.relevanceLevel) / r.numRel : 0),
});
