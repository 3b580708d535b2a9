import { scalarMeasure } from './measure.js';

export default scalarMeasure({
  name: 'set_P',
  help: 'precision of the whole retrieved set',
  trec: true,
  compute: (r) => (r.numRet ? r.numRelRet / r.numRet : 0),
});
