import { accumulate, defineFusion } from './method.js';

/** CombSUM (Fox & Shaw 1994): sum of the normalised scores. */
export default defineFusion({
  name: 'combsum',
  description: 'CombSUM: sum of normalised scores',
  usesScores: true,
  fuse: (inputs) => accumulate(inputs, (doc) => doc.score),
});
