import { scalarMeasure } from './measure.js';

/** Relevant documents retrieved; the summary is the sum. */
export default scalarMeasure({
  name: 'num_rel_ret',
  trec: true,
  value: 'int',
  summary: 'sum',
  compute: (r) => r.numRelRet,
});
