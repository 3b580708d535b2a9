import { defineMeasure } from './measure.js';

/**
 * Rank-biased precision (Moffat & Zobel 2008) with persistence p (default 0.9, `rbp.p=0.8`).
 * Gains are relevance values scaled to [0, 1] by the query's highest judged level, as trec_eval does.
 */
export default defineMeasure({
  name: 'rbp',
  trec: true,
  params: 'pairs',
  defaults: { list: [], pairs: { p: 0.9 } },
  value: 'float',
  summary: 'mean',
  perQuery: true,
  outputs: () => ['rbp'],
  depth: () => Infinity,
  compute(r, params, _ctx, out, at) {
    const p = params.pairs.p ?? 0.9;
    const max = r.judgments.numRelLevels - 1;
    const scale = max > 1 ? max : 1;
    let weight = 1;
    let sum = 0;
    for (let i = 0; i < r.numRet; i++) {
      const rel = r.rels[i];
      if (rel > 0) sum += (rel / scale) * weight;
      weight *= p;
    }
    out[at] = (1 - p) * sum;
  },
});
