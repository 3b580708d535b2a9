import { scalarMeasure } from './measure.js';

/** Binary G: each relevant document gains 1 / log2(2 + non-relevant retrieved before it), over num_rel. */
export default scalarMeasure({
  name: 'binG',
  trec: true,
  compute(r, ctx) {
    let found = 0;
    let sum = 0;
    for (let i = 0; i < r.numRet; i++) {
      if (r.rels[i] >= ctx.relevanceLevel) {
        found++;
        sum += 1 / Math.log2(3 + i - found);
      }
    }
    return found ? sum / r.numRel : 0;
  },
});
