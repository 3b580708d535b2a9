import { MedirError } from '../core/errors.js';
import type { Run, ScoredDoc } from '../core/types.js';
import { compareCanonical } from '../formats/run.js';
import { fusionMethod } from './methods/registry.js';
import { normalizer } from './normalize.js';

export interface FuseOptions {
  method: string;
  /** Per-query score normalisation for score-based methods (default minmax). */
  norm?: string;
  /** RRF constant; default from the method (60 for rrf, 100 for rrf-medrag). */
  rrfK?: number;
  /** One weight per run (default 1 each). */
  weights?: readonly number[];
  /** Depth of the fused ranking (default 1000). */
  topK?: number;
}

/**
 * Fuses runs query by query: each ranking is put in canonical order (ranks come from it, never from
 * the file's rank column), normalised when the method reads scores, then combined. A query in any
 * run is in the result. Inputs are not modified.
 */
export function fuseRuns(runs: readonly Run[], opts: FuseOptions): Run {
  const method = fusionMethod(opts.method);
  const norm = normalizer(opts.norm ?? 'minmax');
  if (runs.length < 2) throw new MedirError('BAD_OPTION', `--runs: fusion needs at least two runs, got ${runs.length}`);
  if (method.requiresWeights && !opts.weights) throw new MedirError('BAD_OPTION', `--method ${method.name} needs --weights (one per run, e.g. 0.3,0.7)`);
  const weights = opts.weights ?? runs.map(() => 1);
  if (weights.length !== runs.length) throw new MedirError('BAD_OPTION', `--weights: ${weights.length} weights for ${runs.length} runs`);
  const rrfK = opts.rrfK ?? method.defaultRrfK ?? 60;
  const topK = opts.topK ?? 1000;
  const qids = [...new Set(runs.flatMap((r) => [...r.keys()]))];
  const fused: Run = new Map();
  for (const qid of qids) {
    const inputs = runs.map((run, i) => {
      const ranked = [...(run.get(qid) ?? [])].sort(compareCanonical);
      return { docs: method.usesScores ? norm(ranked) : ranked, weight: weights[i] };
    });
    const docs: ScoredDoc[] = [...method.fuse(inputs, { rrfK })].map(([docId, score]) => ({ docId, score }));
    fused.set(qid, docs.sort(compareCanonical).slice(0, topK));
  }
  return fused;
}
