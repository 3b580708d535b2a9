import { defineMeasure, fractionName, listParams } from './measure.js';

/** Precision at multiples of R (num_rel); the cutoff is (long)(x * R + 0.9) as trec_eval computes it. */
export default defineMeasure({
  name: 'Rprec_mult',
  trec: true,
  params: 'list',
  defaults: listParams(0.2, 0.4, 0.6, 0.8, 1, 1.2, 1.4, 1.6, 1.8, 2),
  value: 'float',
  summary: 'mean',
  perQuery: true,
  outputs: (p) => p.list.map((x) => fractionName('Rprec_mult', x)),
  depth: () => Infinity,
  compute(r, p, ctx, out, at) {
    const cutoffs = p.list.map((x) => Math.trunc(x * r.numRel + 0.9));
    let cut = cutoffs.length - 1;
    for (let c = 0; c <= cut; c++) out[at + c] = 0;
    while (cut >= 0 && cutoffs[cut] > r.numRet) {
      out[at + cut] = r.numRelRet / cutoffs[cut];
      cut--;
    }
    let relSoFar = r.numRelRet;
    for (let i = r.numRet; i > 0 && relSoFar > 0; i--) {
      while (cut >= 0 && i === cutoffs[cut]) out[at + cut--] = relSoFar / i;
      if (r.rels[i - 1] >= ctx.relevanceLevel) relSoFar--;
    }
  },
});
