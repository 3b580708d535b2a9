import { accumulate, defineFusion } from './method.js';

/** Reciprocal rank fusion as ranx defines it (Cormack et al. 2009): sum of 1 / (k + rank), rank from 1, k = 60. */
export default defineFusion({
  name: 'rrf',
  description: 'reciprocal rank fusion, 1/(k+rank) with rank from 1, k=60 (ranx)',
  usesScores: false,
  defaultRrfK: 60,
  fuse: (inputs, { rrfK }) => accumulate(inputs, (_doc, rank) => 1 / (rrfK + rank)),
});
