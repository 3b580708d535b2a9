import { defineMeasure, listParams } from './measure.js';

/**
 * Set utility p1*a + p2*b + p3*c + p4*d over the contingency table (a: relevant retrieved, b:
 * non-relevant retrieved, c: relevant missed, d: the rest of the collection, whose size medir does
 * not know: trec_eval's -N defaults to 0 too).
 */
export default defineMeasure({
  name: 'utility',
  trec: true,
  params: 'list',
  // trec_eval reads p1..p4 in the order given (get_double_params), unlike cutoff lists
  ordered: true,
  check: (p) => (p.list.length === 4 ? undefined : `expected 4 coefficients p1,p2,p3,p4, got ${p.list.length}`),
  defaults: listParams(1, -1, 0, 0),
  value: 'float',
  summary: 'mean',
  perQuery: true,
  outputs: () => ['utility'],
  depth: () => Infinity,
  compute(r, p, _ctx, out, at) {
    const [p1, p2, p3, p4] = p.list;
    out[at] = p1 * r.numRelRet + p2 * (r.numRet - r.numRelRet) + p3 * (r.numRel - r.numRelRet) + p4 * (r.numRelRet - r.numRet - r.numRel);
  },
});
