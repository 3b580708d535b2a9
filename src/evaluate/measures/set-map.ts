import { scalarMeasure } from './measure.js';

/** Unranked set AP: set precision times set recall. */
export default scalarMeasure({
  name: 'set_map',
  trec: true,
  compute: (r) => (r.numRet && r.numRel ? (r.numRelRet * r.numRelRet) / (r.numRet * r.numRel) : 0),
});
