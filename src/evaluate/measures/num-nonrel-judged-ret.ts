import { scalarMeasure } from './measure.js';

/** Judged non-relevant documents retrieved; the summary is the sum. */
export default scalarMeasure({
  name: 'num_nonrel_judged_ret',
  trec: true,
  value: 'int',
  summary: 'sum',
  compute: (r) => r.numRet - r.numNonpool - r.numUnjudged - r.numRelRet,
});
