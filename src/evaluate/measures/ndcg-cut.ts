import { cutoffMeasure } from './measure.js';
import { ndcgAt } from './ndcg.js';

export default cutoffMeasure({
  name: 'ndcg_cut',
  help: 'nDCG at rank cutoffs (ndcg@k; gain: --gain linear|exp)',
  trec: true,
  usesGain: true,
  atAliases: ['ndcg', 'ndcg_cut'],
  defaults: [5, 10, 15, 20, 30, 100, 200, 500, 1000],
  compute: (r, k, ctx) => ndcgAt(r, k, ctx.gain),
});
