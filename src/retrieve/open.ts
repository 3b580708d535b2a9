import { readParams } from '../core/params.js';
import type { Dataset } from '../data/datasets.js';
import type { IndexResult } from '../index/manifest.js';
import type { Locations } from '../mirror/locations.js';
import { retrieverDefinition } from './registry.js';
import type { Retriever, RetrieverContext, RetrieverDefinition } from './retriever.js';

/** A retriever chosen by name, its flags validated against its own parameter specs. */
export function retrieverContext(
  name: string,
  dataset: Dataset,
  loc: Locations,
  rawParams: Record<string, unknown>,
): { def: RetrieverDefinition; ctx: RetrieverContext } {
  const def = retrieverDefinition(name);
  return { def, ctx: { dataset, loc, params: readParams(def.params, rawParams) } };
}

export interface Timed<T> {
  value: T;
  seconds: number;
}

export async function timed<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const start = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - start) / 1000 };
}

/** Builds (or reuses) the index, then opens the retriever: the two steps `run` and `demo` share. */
export async function indexAndOpen(def: RetrieverDefinition, ctx: RetrieverContext): Promise<{ index: Timed<IndexResult>; retriever: Retriever }> {
  const index = await timed(() => def.index(ctx));
  return { index, retriever: await def.open(ctx) };
}
