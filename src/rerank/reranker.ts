import type { Document, Query } from '../core/types.js';
import type { ParamSpec, ParamValues } from '../core/params.js';
import type { Locations } from '../mirror/locations.js';

/** One query with the candidates to reorder, in first-stage order (best first). */
export interface RerankList {
  query: Query;
  docs: readonly Document[];
}

/** A ready reranker: scores each list's documents (higher = more relevant), aligned with `docs`. */
export interface Reranker {
  name: string;
  /** Everything that changes the scores (model and file hashes, profile, prompt, generator): for manifests. */
  config: Record<string, unknown>;
  rerank(lists: readonly RerankList[]): Promise<number[][]>;
  /** Facts worth reporting (pairs scored, truncated, calls, cache hits), not part of identity. */
  stats(): Record<string, number>;
}

export interface RerankerDefinition {
  name: string;
  description: string;
  params: readonly ParamSpec[];
  create(params: ParamValues, loc: Locations): Promise<Reranker>;
}

export function defineReranker(def: RerankerDefinition): RerankerDefinition {
  return def;
}
