import { scalarMeasure } from './measure.js';

/** Judged relevant documents (rel >= level); the summary is the sum. */
export default scalarMeasure({
  name: 'num_rel',
  trec: true,
  value: 'int',
  summary: 'sum',
  depth: 0,
  compute: (r) => r.numRel,
});
