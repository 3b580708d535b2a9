import { cutoffMeasure } from './measure.js';
import { ndcgAt } from './ndcg.js';

/** nDCG at rank cutoffs (ndcg@k; gain: --gain linear|exp). */
export default cutoffMeasure({
  name: 'ndcg_cut',
  trec: true,
  usesGain: true,
  atAliases: ['ndcg'],
  defaults: [5, 10, 15, 20, 30, 100, 200, 500, 1000],
  compute: (r, k, ctx) => ndcgAt(r, k, ctx.gain),
});
