import { accumulate, defineFusion } from './method.js';

/** Weighted sum of normalised scores (ranx's wsum, the usual hybrid BM25 + dense); --weights required. */
export default defineFusion({
  name: 'weighted',
  description: 'weighted sum of normalised scores (needs --weights)',
  usesScores: true,
  requiresWeights: true,
  fuse: (inputs) => accumulate(inputs, (doc) => doc.score),
});
