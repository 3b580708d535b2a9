import { scalarMeasure } from './measure.js';

export default scalarMeasure({
  name: 'set_recall',
  help: 'recall of the whole retrieved set',
  trec: true,
  compute: (r) => (r.numRel ? r.numRelRet / r.numRel : 0),
});
