import { interpolatedPrecision } from './iprec-at-recall.js';
import { defineMeasure, listParams } from './measure.js';

/** Interpolated precision averaged over the 11 recall levels 0.0..1.0 (obsolete; use map). */
export default defineMeasure({
  name: '11pt_avg',
  trec: true,
  params: 'list',
  defaults: listParams(0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1),
  value: 'float',
  summary: 'mean',
  perQuery: true,
  outputs: () => ['11pt_avg'],
  depth: () => Infinity,
  compute(r, p, ctx, out, at) {
    const values = interpolatedPrecision(r, p.list, ctx.relevanceLevel);
    out[at] = values.reduce((s, v) => s + v, 0) / values.length;
  },
});
