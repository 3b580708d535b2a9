import type { Corpus, Query } from '../core/types.js';
import type { Locations } from '../mirror/locations.js';
import { MEDIR_VERSION, runManifest, type RunManifest } from '../provenance/provenance.js';
import { rerankWithCorpus, type RerankManifest } from '../rerank/rerank-run.js';
import type { Reranker } from '../rerank/reranker.js';
import { queriesKey } from './retrieve.js';
import { cachedStage, RUN_IO, stageKey, type StageRun } from './stage-cache.js';

export type { Reranker };

/** A reranked run's manifest: the run's own fields, plus both stages in order. */
export interface RerankedRunManifest extends RunManifest {
  stages: [{ stage: 'retrieve'; key: string; retriever: RunManifest['retriever']; topK: number }, { stage: 'rerank' } & RerankManifest];
}

/**
 * The rerank stage: (run, queries, corpus, reranker, depth) → run, content-addressed like every
 * stage (key: the input run's key, the queries, the reranker's config and the depth). The
 * rerankers themselves live behind src/rerank/'s registry.
 */
const rerankParams = (reranker: Reranker, depth: number) => ({ reranker: reranker.name, config: reranker.config, depth, medir: MEDIR_VERSION });

/** The stage key `rerank` stores its run under, computed without reranking (`medir experiment plan`). */
export function rerankKey(inputKey: string, queries: readonly Query[], reranker: Reranker, depth: number): string {
  return stageKey('rerank', [inputKey, queriesKey(queries)], rerankParams(reranker, depth));
}

export async function rerank(input: StageRun, queries: readonly Query[], corpus: Corpus, reranker: Reranker, depth: number, loc: Pick<Locations, 'cache'>): Promise<StageRun & { reused: boolean }> {
  const params = rerankParams(reranker, depth);
  const key = rerankKey(input.key, queries, reranker, depth);
  let reused = true;
  const out = await cachedStage(loc, 'rerank', key, RUN_IO, async () => {
    reused = false;
    const reranked = await rerankWithCorpus({ run: input.run, queries, corpus, reranker, depth });
    const d = input.manifest.dataset;
    const dataset = { name: d.name, dir: d.dir, split: d.split, corpus: { source: d.corpus }, queries: { queries } };
    const config = { ...params, input: { key: input.key, retriever: input.manifest.retriever } };
    const manifest: RerankedRunManifest = {
      ...runManifest(dataset, { name: `rerank-${reranker.name}`, config }, depth, { retrieve: reranked.manifest.seconds }, { key, corpusSha256: d.corpusSha256 }),
      stages: [
        { stage: 'retrieve', key: input.key, retriever: input.manifest.retriever, topK: input.manifest.topK },
        { stage: 'rerank', ...reranked.manifest },
      ],
    };
    return { run: reranked.run, manifest, key };
  });
  return { ...out, reused };
}
