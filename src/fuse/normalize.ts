import { unknownName } from '../core/errors.js';
import type { ScoredDoc } from '../core/types.js';

type Normalizer = (docs: readonly ScoredDoc[]) => ScoredDoc[];

/** (s - min) / (max - min) per query; a ranking whose scores are all equal (one document, say) maps to 1: each is its list's best. */
function minmax(docs: readonly ScoredDoc[]): ScoredDoc[] {
  let min = Infinity;
  let max = -Infinity;
  for (const d of docs) {
    if (d.score < min) min = d.score;
    if (d.score > max) max = d.score;
  }
  const span = max - min;
  return docs.map((d) => ({ docId: d.docId, score: span ? (d.score - min) / span : 1 }));
}

/** (s - mean) / sd per query (population sd); equal scores map to 0. */
function zscore(docs: readonly ScoredDoc[]): ScoredDoc[] {
  const mean = docs.reduce((s, d) => s + d.score, 0) / docs.length;
  const sd = Math.sqrt(docs.reduce((s, d) => s + (d.score - mean) ** 2, 0) / docs.length) || 1;
  return docs.map((d) => ({ docId: d.docId, score: (d.score - mean) / sd }));
}

/** Per-query score normalisations for score-based fusion, by the name `--norm` takes. */
export const NORMALIZERS = {
  minmax,
  zscore,
  none: (docs: readonly ScoredDoc[]) => [...docs],
} as const satisfies Record<string, Normalizer>;

export function normalizer(name: string): Normalizer {
  const fn = (NORMALIZERS as Record<string, Normalizer>)[name];
  if (!fn) throw unknownName('normalisation', name, Object.keys(NORMALIZERS));
  return fn;
}
