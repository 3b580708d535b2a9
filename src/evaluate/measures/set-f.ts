import { defineMeasure, listParams } from './measure.js';

/** Set F: (b+1)PR / (bP + R) with b the weight of recall against precision (default 1). */
export default defineMeasure({
  name: 'set_F',
  trec: true,
  params: 'list',
  defaults: listParams(1),
  value: 'float',
  summary: 'mean',
  perQuery: true,
  outputs: () => ['set_F'],
  depth: () => Infinity,
  compute(r, p, _ctx, out, at) {
    const x = p.list[0];
    const P = r.numRet ? r.numRelRet / r.numRet : 0;
    const R = r.numRel ? r.numRelRet / r.numRel : 0;
    out[at] = P + R > 0 ? ((x + 1) * P * R) / (x * P + R) : 0;
  },
});
