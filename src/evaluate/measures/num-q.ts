import { scalarMeasure } from './measure.js';

/** Number of queries evaluated (summary only): with --complete, every query of the qrels. */
export default scalarMeasure({
  name: 'num_q',
  trec: true,
  value: 'int',
  summary: 'sum',
  perQuery: false,
  depth: 0,
  compute: () => 1,
});
