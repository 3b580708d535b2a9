import { memoAsync } from '../core/memo.js';
import { readParams } from '../core/params.js';
import { timed, type Timed } from '../core/timed.js';
import type { Dataset } from '../data/datasets.js';
import type { IndexResult } from '../index/manifest.js';
import type { Locations } from '../mirror/locations.js';
import { canonicalJson } from '../provenance/provenance.js';
import { retrieverDefinition } from '../retrieve/registry.js';
import type { Retriever, RetrieverContext, RetrieverDefinition } from '../retrieve/retriever.js';

/** A retriever chosen by name, its flags validated against its own parameter specs. */
export function retrieverContext(name: string, dataset: Dataset, loc: Locations, rawParams: Record<string, unknown>): { def: RetrieverDefinition; ctx: RetrieverContext } {
  const def = retrieverDefinition(name);
  return { def, ctx: { dataset, loc, params: readParams(def.params, rawParams) } };
}

/** A retriever over its index: the index built (or reused) once, then opened. */
export interface OpenRetriever {
  def: RetrieverDefinition;
  ctx: RetrieverContext;
  index: Timed<IndexResult>;
  retriever: Retriever;
}

/** Builds (or reuses) the index, then opens that index: the one place both happen. */
async function indexAndOpen(def: RetrieverDefinition, ctx: RetrieverContext): Promise<OpenRetriever> {
  const index = await timed(() => def.index(ctx));
  return { def, ctx, index, retriever: await def.open(ctx, index.value) };
}

/** The index of a retriever configuration, built or reused (loaded, for a server's), without opening it (`medir index`). */
export function buildIndex(name: string, dataset: Dataset, loc: Locations, params: Record<string, unknown>): Promise<Timed<IndexResult>> {
  const { def, ctx } = retrieverContext(name, dataset, loc, params);
  return timed(() => (def.load ? def.load(ctx) : def.index(ctx)));
}

/**
 * Open retrievers, one per (retriever, corpus, parameters): every stage and condition of a command
 * shares them, so an index is built, checked and loaded once per process.
 */
export class RetrieverPool {
  private readonly opened = new Map<string, Promise<OpenRetriever>>();

  open(name: string, dataset: Dataset, loc: Locations, params: Record<string, unknown>): Promise<OpenRetriever> {
    const { def, ctx } = retrieverContext(name, dataset, loc, params);
    const key = canonicalJson({ name: def.name, params: ctx.params, corpus: dataset.corpus.source, dataset: dataset.dir, indexes: loc.indexes });
    return memoAsync(this.opened, key, () => indexAndOpen(def, ctx));
  }
}

/** The process's pool: commands and stages use it unless given their own. */
export const sharedPool = new RetrieverPool();
