import { cutoffMeasure } from './measure.js';

/** Fraction of the top k that is unjudged; ranks past the ranking count as judged, as trec_eval does. */
export default cutoffMeasure({
  name: 'unj',
  trec: true,
  atAliases: ['unjudged'],
  defaults: [5, 10, 20],
  compute(r, k) {
    const n = Math.min(k, r.depth);
    let count = 0;
    for (let i = 0; i < n; i++) if (r.rels[i] < 0) count++;
    return count / k;
  },
});
