import { scalarMeasure } from './measure.js';

/** Recall of the whole retrieved set. */
export default scalarMeasure({
  name: 'set_recall',
  trec: true,
  compute: (r) => (r.numRel ? r.numRelRet / r.numRel : 0),
});
