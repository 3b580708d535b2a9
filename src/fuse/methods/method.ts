import type { ScoredDoc } from '../../core/types.js';

/** One run's ranking for one query, in canonical order, scores already normalised, with its weight. */
export interface FusionInput {
  docs: readonly ScoredDoc[];
  weight: number;
}

export interface FusionOptions {
  rrfK: number;
}

/** A fusion method: how one query's rankings from several runs become one score per document. */
export interface FusionMethod {
  name: string;
  description: string;
  /** Score-based methods see normalised scores (--norm); rank-based ones ignore scores. */
  usesScores: boolean;
  /** Default of --rrf-k for rank-based methods. */
  defaultRrfK?: number;
  /** True when --weights must be given. */
  requiresWeights?: boolean;
  fuse(inputs: readonly FusionInput[], opts: FusionOptions): Map<string, number>;
}

export function defineFusion(def: FusionMethod): FusionMethod {
  return def;
}

/**
 * Adds weight × f(doc, rank from 1) over every input: the shape every method here shares. A term of
 * 0 adds no evidence, so a document enters the fused ranking only through a term above 0 (the
 * normalisations make every retrieved document's f > 0): a run weighted 0 adds nothing, not even
 * its documents at the tail, and weights (1, 0) give the first run back exactly.
 */
export function accumulate(inputs: readonly FusionInput[], f: (doc: ScoredDoc, rank: number) => number): Map<string, number> {
  const fused = new Map<string, number>();
  for (const { docs, weight } of inputs) {
    docs.forEach((doc, i) => {
      const term = weight * f(doc, i + 1);
      if (term !== 0) fused.set(doc.docId, (fused.get(doc.docId) ?? 0) + term);
    });
  }
  return fused;
}
