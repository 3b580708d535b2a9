import type { JudgedRanking } from '../ranking.js';
import { defineMeasure, fractionName, listParams } from './measure.js';

/**
 * Interpolated precision at recall fractions: max precision at any rank at or after the point where
 * round(fraction * num_rel) relevant documents have been seen (trec_eval 10 rounds; 9 added 0.9).
 */
export function interpolatedPrecision(r: JudgedRanking, fractions: readonly number[], level: number): number[] {
  const values = fractions.map(() => 0);
  if (r.numRet === 0) return values;
  const cutoffs = fractions.map((f) => Math.round(f * r.numRel));
  let cut = fractions.length - 1;
  while (cut >= 0 && cutoffs[cut] > r.numRelRet) cut--;
  let best = r.numRelRet / r.numRet;
  let relSoFar = r.numRelRet;
  for (let i = r.numRet; i > 0 && relSoFar > 0; i--) {
    const precision = relSoFar / i;
    if (best < precision) best = precision;
    if (r.rels[i - 1] >= level) {
      while (cut >= 0 && relSoFar === cutoffs[cut]) values[cut--] = best;
      relSoFar--;
    }
  }
  while (cut >= 0) values[cut--] = best;
  return values;
}

/** Interpolated precision at recall levels (the recall-precision graph). */
export default defineMeasure({
  name: 'iprec_at_recall',
  trec: true,
  params: 'list',
  defaults: listParams(0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1),
  value: 'float',
  summary: 'mean',
  perQuery: true,
  outputs: (p) => p.list.map((f) => fractionName('iprec_at_recall', f)),
  depth: () => Infinity,
  compute(r, p, ctx, out, at) {
    out.set(interpolatedPrecision(r, p.list, ctx.relevanceLevel), at);
  },
});
