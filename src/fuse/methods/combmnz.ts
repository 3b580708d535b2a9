import { accumulate, defineFusion } from './method.js';

/** CombMNZ (Fox & Shaw 1994): CombSUM times the number of runs that retrieved the document. */
export default defineFusion({
  name: 'combmnz',
  description: 'CombMNZ: CombSUM times the number of runs retrieving the document',
  usesScores: true,
  fuse(inputs) {
    const sums = accumulate(inputs, (doc) => doc.score);
    const hits = accumulate(inputs.map((i) => ({ ...i, weight: 1 })), () => 1);
    for (const [doc, sum] of sums) sums.set(doc, sum * hits.get(doc)!);
    return sums;
  },
});
