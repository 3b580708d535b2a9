import { scalarMeasure } from './measure.js';

export default scalarMeasure({
  name: 'num_rel',
  help: 'judged relevant documents (rel >= level); the summary is the sum',
  trec: true,
  value: 'int',
  summary: 'sum',
  depth: 0,
  compute: (r) => r.numRel,
});
