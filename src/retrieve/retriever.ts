import type { Query, Run } from '../core/types.js';
import type { ParamSpec, ParamValues } from '../core/params.js';
import type { Dataset } from '../data/datasets.js';
import type { Embedder } from '../embed/embedder.js';
import type { Locations } from '../mirror/locations.js';
import type { IndexResult } from '../index/manifest.js';

/** Everything a retriever needs to build or open its index. */
export interface RetrieverContext {
  dataset: Dataset;
  loc: Locations;
  /** Validated values of this retriever's params (defaults filled). */
  params: ParamValues;
}

/**
 * A capability a retriever may offer: searching by query vectors it did not embed from a query's
 * text alone (HyDE and LameR average a query's and a passage's vectors). Stages ask for it instead
 * of checking a retriever's name.
 */
export interface VectorSearch {
  /** The model and settings the documents were embedded with. */
  embedder: Embedder;
  search(queryIds: readonly string[], vectors: readonly Float32Array[], topK: number): Promise<Run>;
}

/** A ready retriever: ranks queries against its index. */
export interface Retriever {
  name: string;
  /** Everything that identifies this configuration (goes into run manifests). */
  config: Record<string, unknown>;
  retrieve(queries: readonly Query[], topK: number): Promise<Run>;
  /** Present when the retriever can search by vector (dense retrievers). */
  vectors?: VectorSearch;
}

export interface RetrieverDefinition {
  name: string;
  description: string;
  params: readonly ParamSpec[];
  /** Builds the index if needed (reusing it when nothing changed). */
  index(ctx: RetrieverContext): Promise<IndexResult>;
  /** Opens an index `index()` returned: never builds (src/pipeline/retrievers.ts does both, once). */
  open(ctx: RetrieverContext, index: IndexResult): Promise<Retriever>;
  /**
   * Present when the index lives on a server (a search cluster): `medir index` loads the corpus
   * there with this, `index()` only describes what the server holds, and runs are never served
   * from the stage cache (medir cannot hash the server's contents).
   */
  load?(ctx: RetrieverContext): Promise<IndexResult>;
}

export function defineRetriever(def: RetrieverDefinition): RetrieverDefinition {
  return def;
}
