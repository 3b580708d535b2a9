import { scalarMeasure } from './measure.js';

/** Precision of the whole retrieved set. */
export default scalarMeasure({
  name: 'set_P',
  trec: true,
  compute: (r) => (r.numRet ? r.numRelRet / r.numRet : 0),
});
