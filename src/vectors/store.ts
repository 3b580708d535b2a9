import { MedirError } from '../core/errors.js';
import type { ParamSpec, ParamValues } from '../core/params.js';
import type { Document, Run, ScoredDoc } from '../core/types.js';

/**
 * A searchable set of document vectors. Scores are inner products of the stored vectors with the
 * query (cosine when both are normalised, as the embedder does by default); higher is better.
 */
export interface VectorStore {
  name: string;
  dim: number;
  count: number;
  /** Search settings in force that the parameters alone do not show (e.g. a calibrated efSearch). */
  settings?: Record<string, unknown>;
  /** Top `k` documents per query; `vectors[i]` belongs to `queryIds[i]`. */
  search(queryIds: readonly string[], vectors: readonly Float32Array[], k: number): Promise<Run>;
  close(): Promise<void>;
}

export interface StoreBuildContext {
  /** The index directory (a temp name while building) holding the matrix files of `matrix.ts`. */
  dir: string;
  params: ParamValues;
  /** The corpus in matrix row order, for stores that keep text beside vectors. */
  documents: () => AsyncIterable<Document>;
  /** The index's embedder on query texts, for stores that calibrate against sample queries. */
  embedQueries?: (texts: string[]) => Promise<Float32Array[]>;
  /** CPU seconds so far, for stores that time searches while building (default: this process's; tests inject one). */
  clock?: () => number;
}

export interface VectorStoreDefinition {
  name: string;
  description: string;
  /** All parameters; `buildKeys` names those that change the built files (the rest are search-time). */
  params: readonly ParamSpec[];
  buildKeys: readonly string[];
  /** npm packages whose versions go into the index manifest. */
  libraries: readonly string[];
  /** Writes the store's own files beside the matrix; returns stats for the manifest. */
  build(ctx: StoreBuildContext): Promise<Record<string, unknown> | void>;
  open(dir: string, params: ParamValues): Promise<VectorStore>;
}

export function defineVectorStore(def: VectorStoreDefinition): VectorStoreDefinition {
  return def;
}

/** Rejects query vectors of the wrong width before any backend sees them. */
export function checkQueryDims(store: { name: string; dim: number }, vectors: readonly Float32Array[]): void {
  const bad = vectors.find((v) => v.length !== store.dim);
  if (bad) {
    throw new MedirError('INDEX', `query vector has dimension ${bad.length} but the ${store.name} store holds ${store.dim}-d vectors`, 'query with the model the index was built with');
  }
}

/** A run from per-query (row, score) hits, rows mapped to document ids. */
export function runFromHits(queryIds: readonly string[], hits: readonly { row: number; score: number }[][], ids: readonly string[]): Run {
  const run: Run = new Map();
  queryIds.forEach((qid, i) => run.set(qid, hits[i].map((h): ScoredDoc => ({ docId: ids[h.row], score: h.score }))));
  return run;
}
