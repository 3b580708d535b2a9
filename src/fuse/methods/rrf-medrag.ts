import { accumulate, defineFusion } from './method.js';

/**
 * MedRAG's RRF (src/utils.py `merge`): sum of 1 / (rrf_k + j + 1) with j the 0-based position and
 * rrf_k = 100. The same function as ranx's RRF with k = 100; kept by name so a MedRAG setup is one flag.
 */
export default defineFusion({
  name: 'rrf-medrag',
  description: "MedRAG's RRF, 1/(k+j+1) with j from 0, k=100",
  usesScores: false,
  defaultRrfK: 100,
  fuse: (inputs, { rrfK }) => accumulate(inputs, (_doc, rank) => 1 / (rrfK + (rank - 1) + 1)),
});
