import { scalarMeasure } from './measure.js';

const INFAP_EPSILON = 0.00001;

/** Inferred AP (Yilmaz & Aslam 2006): precision estimated from judged documents above each relevant one. */
export default scalarMeasure({
  name: 'infAP',
  trec: true,
  compute(r, ctx) {
    let nonrel = 0;
    let rel = 0;
    let unjudged = 0;
    let sum = 0;
    for (let j = 0; j < r.numRet; j++) {
      const value = r.rels[j];
      if (value === -1) continue;
      if (value === -2) {
        unjudged++;
        continue;
      }
      if (value < ctx.relevanceLevel) {
        nonrel++;
        continue;
      }
      rel++;
      if (j === 0) sum += 1;
      else {
        sum += 1 / (j + 1) + (j / (j + 1)) * ((rel - 1 + nonrel + unjudged) / j) * ((rel - 1 + INFAP_EPSILON) / (rel - 1 + nonrel + 2 * INFAP_EPSILON));
      }
    }
    return r.numRel ? sum / r.numRel : sum;
  },
});
