import { gainOf, idealGains } from '../gains.js';
import { scalarMeasure } from './measure.js';

/**
 * G (trec_eval, experimental): each document's gain over log2(2 + ideal cost so far - gain so far),
 * normalised by the ideal total gain. Gains are relevance values.
 */
export default scalarMeasure({
  name: 'G',
  trec: true,
  compute(r) {
    const ideal = idealGains(r.judgments, 'linear');
    let sumResults = 0;
    let sumIdeal = 0;
    let sumCost = 0;
    let value = 0;
    for (let i = 0; i < r.numRet; i++) {
      const g = gainOf(r.rels[i], 'linear');
      const ig = i < ideal.length ? ideal[i] : 0;
      sumResults += g;
      sumIdeal += ig;
      sumCost += ig >= 1 ? ig : 1;
      if (g !== 0) value += g / Math.log2(2 + sumCost - sumResults);
    }
    for (let i = r.numRet; i < ideal.length; i++) sumIdeal += ideal[i];
    return sumIdeal > 0 ? value / sumIdeal : 0;
  },
});
