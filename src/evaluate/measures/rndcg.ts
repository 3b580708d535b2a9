import { discountLog, gainOf, idealGains } from '../gains.js';
import { scalarMeasure } from './measure.js';

/** nDCG averaged at the R-levels: the ranks where the ideal gain changes, plus the end of the ranking. */
export default scalarMeasure({
  name: 'Rndcg',
  trec: true,
  compute(r) {
    if (r.numRel === 0) return 0;
    const ideal = idealGains(r.judgments, 'linear');
    const idealAt = (i: number) => (i < ideal.length ? ideal[i] : 0);
    let dcg = 0;
    let best = 0;
    let sum = 0;
    let points = 0;
    let previous = idealAt(0);
    let i = 0;
    const boundary = (current: number) => {
      if (previous === current) return;
      if (best > 0) {
        sum += dcg / best;
        points++;
      }
      previous = current;
    };
    for (; i < r.numRet && previous > 0; i++) {
      const current = idealAt(i);
      boundary(current);
      const g = gainOf(r.rels[i], 'linear');
      if (g !== 0) dcg += g / discountLog(i);
      if (current > 0) best += current / discountLog(i);
    }
    if (i < r.numRet) {
      for (; i < r.numRet; i++) {
        const g = gainOf(r.rels[i], 'linear');
        if (g !== 0) dcg += g / discountLog(i);
      }
      if (best > 0) {
        sum += dcg / best;
        points++;
      }
    }
    while (previous > 0) {
      const current = idealAt(i);
      boundary(current);
      if (current > 0) best += current / discountLog(i);
      i++;
    }
    return points ? sum / points : 0;
  },
});
