import { scalarMeasure } from './measure.js';

export default scalarMeasure({
  name: 'num_ret',
  help: 'documents retrieved (after -M and --judged-only); the summary is the sum',
  trec: true,
  value: 'int',
  summary: 'sum',
  depth: 0,
  compute: (r) => r.numRet,
});
