import { scalarMeasure } from './measure.js';

/** Average precision: precision at each relevant document retrieved, summed, over num_rel. */
export function averagePrecision(rels: Float64Array, n: number, level: number, numRel: number): number {
  let found = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (rels[i] >= level) sum += ++found / (i + 1);
  }
  return found ? sum / numRel : 0;
}

/** Mean average precision. */
export default scalarMeasure({
  name: 'map',
  trec: true,
  plainAliases: ['ap'],
  compute: (r, ctx) => averagePrecision(r.rels, r.numRet, ctx.relevanceLevel, r.numRel),
});
