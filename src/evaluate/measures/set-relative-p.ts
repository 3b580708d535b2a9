import { scalarMeasure } from './measure.js';

/** Set precision relative to the maximum possible: relevant retrieved over min(retrieved, num_rel). */
export default scalarMeasure({
  name: 'set_relative_P',
  trec: true,
  compute: (r) => (r.numRet && r.numRel ? r.numRelRet / Math.min(r.numRet, r.numRel) : 0),
});
