import { unknownName } from '../core/errors.js';
import type { ScoredDoc } from '../core/types.js';

type Normalizer = (docs: readonly ScoredDoc[]) => ScoredDoc[];

interface Spread {
  min: number;
  max: number;
  mean: number;
  /** Population standard deviation. */
  sd: number;
  /**
   * The score a document the run never retrieved is given: one mean gap between neighbouring scores
   * below the lowest retrieved one (1 below when every score ties). Every normalisation measures
   * from it, so a retrieved document always contributes more than 0 — what an unretrieved one
   * contributes — and a run's lowest document never ties with documents it did not retrieve.
   */
  floor: number;
}

function spread(docs: readonly ScoredDoc[]): Spread {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const d of docs) {
    if (d.score < min) min = d.score;
    if (d.score > max) max = d.score;
    sum += d.score;
  }
  const mean = sum / docs.length;
  const sd = Math.sqrt(docs.reduce((s, d) => s + (d.score - mean) ** 2, 0) / docs.length);
  const floor = max > min ? min - (max - min) / (docs.length - 1) : min - 1;
  return { min, max, mean, sd, floor };
}

/** Scores measured from the floor and divided by `scale(spread)`: strictly positive, order kept. */
function fromFloor(scale: (s: Spread) => number): Normalizer {
  return (docs) => {
    const s = spread(docs);
    const unit = scale(s) || 1;
    return docs.map((d) => ({ docId: d.docId, score: (d.score - s.floor) / unit }));
  };
}

/**
 * Per-query score normalisations for score-based fusion, by the name `--norm` takes. Each maps a
 * ranking into scores > 0 (an unretrieved document counts 0, see `floor`):
 * - minmax: (s - floor) / (max - floor), in (0, 1], the best document 1;
 * - zscore: (s - floor) / sd, the z-score shifted so the floor is 0 (the spread of a z-score);
 * - none: s - floor, raw score differences.
 */
export const NORMALIZERS = {
  minmax: fromFloor((s) => s.max - s.floor),
  zscore: fromFloor((s) => s.sd),
  none: fromFloor(() => 1),
} as const satisfies Record<string, Normalizer>;

export function normalizer(name: string): Normalizer {
  const fn = (NORMALIZERS as Record<string, Normalizer>)[name];
  if (!fn) throw unknownName('normalisation', name, Object.keys(NORMALIZERS));
  return fn;
}
