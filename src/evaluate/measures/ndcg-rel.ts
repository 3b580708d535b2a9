import { discountLog, gainOf, idealGains } from '../gains.js';
import { scalarMeasure } from './measure.js';

/** nDCG averaged over the relevant documents (trec_eval, experimental); a missed one counts final DCG / ideal. */
export default scalarMeasure({
  name: 'ndcg_rel',
  trec: true,
  compute(r) {
    const ideal = idealGains(r.judgments, 'linear');
    let dcg = 0;
    let best = 0;
    let sum = 0;
    let relRet = 0;
    for (let i = 0; i < r.numRet; i++) {
      const g = gainOf(r.rels[i], 'linear');
      if (g !== 0) dcg += g / discountLog(i);
      if (i < ideal.length) best += ideal[i] / discountLog(i);
      if (g > 0) {
        sum += dcg / best;
        relRet++;
      }
    }
    for (let i = r.numRet; i < ideal.length; i++) best += ideal[i] / discountLog(i);
    if (best > 0) sum += ((ideal.length - relRet) * dcg) / best;
    return sum > 0 ? sum / ideal.length : 0;
  },
});
