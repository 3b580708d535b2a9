import type { Corpus, Query, Run } from '../core/types.js';
import { timed } from '../core/timed.js';
import type { Locations } from '../mirror/locations.js';
import { MEDIR_VERSION, runManifest } from '../provenance/provenance.js';
import { queriesKey } from './retrieve.js';
import { cachedStage, RUN_IO, stageKey, type StageRun } from './stage-cache.js';

/**
 * What the rerank stage runs: a reranker reorders each query's top `depth` documents of a run
 * (src/rerank/ defines them behind its registry). `config` is everything that changes its scores
 * (model, revision, prompt…): it goes into the stage key and the manifest.
 */
export interface Reranker {
  name: string;
  config: Record<string, unknown>;
  rerank(run: Run, queries: readonly Query[], corpus: Corpus, depth: number): Promise<Run>;
}

/** The rerank stage: (run, queries, corpus, reranker, depth) → run, content-addressed like every stage. */
export async function rerank(input: StageRun, queries: readonly Query[], corpus: Corpus, reranker: Reranker, depth: number, loc: Pick<Locations, 'cache'>): Promise<StageRun> {
  const params = { reranker: reranker.name, config: reranker.config, depth, medir: MEDIR_VERSION };
  const key = stageKey('rerank', [input.key, queriesKey(queries)], params);
  return cachedStage(loc, 'rerank', key, RUN_IO, async () => {
    const { value: run, seconds } = await timed(() => reranker.rerank(input.run, queries, corpus, depth));
    const d = input.manifest.dataset;
    const dataset = { name: d.name, dir: d.dir, split: d.split, corpus: { source: d.corpus }, queries: { queries } };
    const config = { ...params, input: { key: input.key, retriever: input.manifest.retriever } };
    return { run, manifest: runManifest(dataset, { name: `rerank-${reranker.name}`, config }, depth, { retrieve: seconds }, { key }), key };
  });
}
