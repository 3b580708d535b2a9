import type { Query, Run } from '../core/types.js';
import type { ParamSpec, ParamValues } from '../core/params.js';
import type { Dataset } from '../data/datasets.js';
import type { Locations } from '../mirror/locations.js';
import type { IndexResult } from '../index/manifest.js';

/** Everything a retriever needs to build or open its index. */
export interface RetrieverContext {
  dataset: Dataset;
  loc: Locations;
  /** Validated values of this retriever's params (defaults filled). */
  params: ParamValues;
}

/** A ready retriever: ranks queries against its index. */
export interface Retriever {
  name: string;
  /** Everything that identifies this configuration (goes into run manifests). */
  config: Record<string, unknown>;
  retrieve(queries: readonly Query[], topK: number): Promise<Run>;
}

export interface RetrieverDefinition {
  name: string;
  description: string;
  params: readonly ParamSpec[];
  /** Builds the index if needed (reusing it when nothing changed). */
  index(ctx: RetrieverContext): Promise<IndexResult>;
  /** Opens the index (building it first if absent) and returns a retriever over it. */
  open(ctx: RetrieverContext): Promise<Retriever>;
}

export function defineRetriever(def: RetrieverDefinition): RetrieverDefinition {
  return def;
}
