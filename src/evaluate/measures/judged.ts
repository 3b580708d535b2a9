import { cutoffMeasure } from './measure.js';

/** Fraction of the top k with a judgment (>= 0), over k: how far the qrels cover the run (ir_measures' Judged@k). */
export default cutoffMeasure({
  name: 'Judged',
  trec: false,
  defaults: [10],
  compute(r, k) {
    const n = Math.min(k, r.depth);
    let count = 0;
    for (let i = 0; i < n; i++) if (r.rels[i] >= 0) count++;
    return count / k;
  },
});
