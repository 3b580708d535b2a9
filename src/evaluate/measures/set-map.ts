import { scalarMeasure } from './measure.js';

export default scalarMeasure({
  name: 'set_map',
  help: 'unranked set AP: set precision times set recall',
  trec: true,
  compute: (r) => (r.numRet && r.numRel ? (r.numRelRet * r.numRelRet) / (r.numRet * r.numRel) : 0),
});
