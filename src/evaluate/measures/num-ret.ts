import { scalarMeasure } from './measure.js';

/** Documents retrieved (after -M and --judged-only); the summary is the sum. */
export default scalarMeasure({
  name: 'num_ret',
  trec: true,
  value: 'int',
  summary: 'sum',
  depth: 0,
  compute: (r) => r.numRet,
});
