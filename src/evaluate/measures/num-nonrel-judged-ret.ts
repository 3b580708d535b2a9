import { scalarMeasure } from './measure.js';

export default scalarMeasure({
  name: 'num_nonrel_judged_ret',
  help: 'judged non-relevant documents retrieved; the summary is the sum',
  trec: true,
  value: 'int',
  summary: 'sum',
  compute: (r) => r.numRet - r.numNonpool - r.numUnjudged - r.numRelRet,
});
