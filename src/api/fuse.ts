/**
 * Rank fusion of several runs into one.
 *
 * @module medir/fuse
 */
import { fuseRuns } from '../fuse/fuse.js';
import type { Run } from '../core/types.js';
import { toRun, type RunInput } from './formats.js';

export interface FuseOptions {
  /** `rrf` (default), `rrf-medrag`, `combsum`, `combmnz`, `weighted`. */
  method?: string;
  /** Per-query score normalisation of score-based methods: `minmax` (default), `zscore`, `none`. */
  norm?: string;
  /** RRF constant (default 60 for rrf, 100 for rrf-medrag). */
  rrfK?: number;
  /** One weight per run (`weighted` needs them; default 1 each). */
  weights?: readonly number[];
  /** Depth of the fused ranking (default 1000). */
  topK?: number;
}

/**
 * Fuses runs query by query (a query in any run is in the result); ranks come from each ranking's
 * canonical order, never from a rank column. The inputs are not modified.
 *
 * @example
 * const hybrid = fuse([bm25Run, denseRun], { method: 'rrf' });
 */
export function fuse(runs: readonly RunInput[], opts: FuseOptions = {}): Run {
  return fuseRuns(runs.map(toRun), { ...opts, method: opts.method ?? 'rrf' });
}
