import { scalarMeasure } from './measure.js';

/** RBP's residual (p = 0.9): the weight of unjudged ranks plus of everything past the ranking. */
export default scalarMeasure({
  name: 'rbp_resid',
  trec: true,
  compute(r) {
    const p = 0.9;
    let weight = 1;
    let sum = 0;
    let unjudged = 0;
    for (let i = 0; i < r.numRet; i++) {
      if (r.rels[i] < 0) {
        unjudged++;
        sum += weight;
      }
      weight *= p;
    }
    return unjudged ? weight + (1 - p) * sum : 0;
  },
});
