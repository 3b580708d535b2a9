import { scalarMeasure } from './measure.js';

export default scalarMeasure({
  name: 'num_rel_ret',
  help: 'relevant documents retrieved; the summary is the sum',
  trec: true,
  value: 'int',
  summary: 'sum',
  compute: (r) => r.numRelRet,
});
