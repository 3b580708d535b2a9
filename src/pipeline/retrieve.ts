import { createHash } from 'node:crypto';
import { timed } from '../core/timed.js';
import type { Query } from '../core/types.js';
import type { Dataset } from '../data/datasets.js';
import type { Locations } from '../mirror/locations.js';
import { fileSha256, MEDIR_VERSION, runManifest } from '../provenance/provenance.js';
import { retrieverDefinition } from '../retrieve/registry.js';
import { retrieverContext, sharedPool, type RetrieverPool } from './retrievers.js';
import { cachedStage, RUN_IO, stageKey, type StageRun } from './stage-cache.js';

export interface RetrieveSpec {
  /** A retriever's registry name. */
  retriever: string;
  /** Its parameters (unvalidated flags; defaults filled from its specs). */
  params?: Record<string, unknown>;
}

export interface RetrieveOptions {
  dataset: Dataset;
  loc: Locations;
  topK: number;
  /** The queries ranked (default: the dataset's). */
  queries?: readonly Query[];
  /**
   * Where open retrievers are kept (default: the process's shared pool).
   *
   * @internal
   */
  pool?: RetrieverPool;
  /** False: retrieve again even when the stage cache holds this run (timings, reproductions). */
  reuse?: boolean;
}

/** The identity of a query set: ids and texts, in order. */
export function queriesKey(queries: readonly Query[]): string {
  const hash = createHash('sha256');
  for (const q of queries) hash.update(`${q.id}\0${q.text}\0`);
  return hash.digest('hex').slice(0, 24);
}

/** The key of a dataset's corpus: its file's sha256 (hashed once per file version, remembered under the cache). */
export async function corpusKey(dataset: Pick<Dataset, 'corpus'>, loc: Locations): Promise<string> {
  return fileSha256(dataset.corpus.source, loc);
}

/** What a retrieve stage reports beside its run: whether the index and the run were reused. */
export interface RetrieveResult extends StageRun {
  /** True when the run came from the stage cache (nothing was indexed or searched). */
  reused: boolean;
}

/** The stage key `retrieve` stores its run under, computed without retrieving (`medir experiment plan`). */
export async function retrieveKey(spec: RetrieveSpec, opts: Pick<RetrieveOptions, 'dataset' | 'loc' | 'topK' | 'queries'>): Promise<string> {
  const { dataset, loc, topK } = opts;
  const { def, ctx } = retrieverContext(spec.retriever, dataset, loc, spec.params ?? {});
  const queries = opts.queries ?? dataset.queries.queries;
  return stageKey('retrieve', [await corpusKey(dataset, loc), queriesKey(queries)], { retriever: def.name, params: ctx.params, topK, medir: MEDIR_VERSION });
}

/**
 * The retrieve stage: (retriever spec, dataset, queries, topK) → run + manifest. The key is the hash
 * of the corpus, the queries, the retriever's validated parameters and topK; a stored run with that
 * key is returned as is. Otherwise the retriever comes from the pool (its index built once, then
 * opened) and the run is stored with its manifest.
 */
export async function retrieve(spec: RetrieveSpec, opts: RetrieveOptions): Promise<RetrieveResult> {
  const { dataset, loc, topK } = opts;
  const queries = opts.queries ?? dataset.queries.queries;
  const key = await retrieveKey(spec, opts);
  const corpusSha256 = await corpusKey(dataset, loc); // hashed once per file version: this is a lookup
  let reused = true;
  const out = await cachedStage(loc, 'retrieve', key, RUN_IO, async () => {
    reused = false;
    const open = await (opts.pool ?? sharedPool).open(spec.retriever, dataset, loc, spec.params ?? {});
    const { value: run, seconds } = await timed(() => open.retriever.retrieve(queries, topK));
    const manifest = runManifest({ ...dataset, queries: { queries } }, open.retriever, topK, { index: open.index.seconds, retrieve: seconds }, { index: { dir: open.index.value.dir, reused: open.index.value.reused }, key, corpusSha256 });
    return { run, manifest, key };
  }, opts.reuse !== false && !retrieverDefinition(spec.retriever).load); // a server's index may change under the same key
  return { ...out, reused };
}
