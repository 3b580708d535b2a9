import { judgedBelow } from '../judgments.js';
import type { JudgedRanking } from '../ranking.js';
import { scalarMeasure } from './measure.js';

/** Binary preference (Buckley & Voorhees 2004); unjudged documents are skipped, not counted non-relevant. */
export function bpref(r: JudgedRanking, level: number): number {
  const numNonrel = judgedBelow(r.judgments, level);
  const denominator = Math.min(numNonrel, r.numRel);
  let nonrelSoFar = 0;
  let sum = 0;
  for (let i = 0; i < r.numRet; i++) {
    const rel = r.rels[i];
    if (rel < 0) continue;
    if (rel < level) nonrelSoFar++;
    else sum += nonrelSoFar > 0 ? 1 - Math.min(nonrelSoFar, r.numRel) / denominator : 1;
  }
  return r.numRel ? sum / r.numRel : sum;
}

/** Binary preference: fraction of the top R judged non-relevant ranked below each relevant. */
export default scalarMeasure({
  name: 'bpref',
  trec: true,
  compute: (r, ctx) => bpref(r, ctx.relevanceLevel),
});
