import { basename } from 'node:path';
import type { Run } from '../core/types.js';
import { sha256OfFile } from '../io/file-hash.js';
import { saveRun, type RunManifest } from '../retrieve/run-file.js';
import type { RerankManifest } from './rerank-run.js';

/** Where the first stage's run is kept beside the reranked one: `x.trec` → `x.first-stage.trec`. */
export function firstStageFile(out: string): string {
  return out.endsWith('.trec') ? `${out.slice(0, -'.trec'.length)}.first-stage.trec` : `${out}.first-stage.trec`;
}

/** A reranked run's manifest: the first stage's, plus both stages in order (the first named by its file and sha256). */
export interface RerankedRunManifest extends RunManifest {
  stages: [
    { stage: 'retrieve'; run: string; sha256: string; retriever: RunManifest['retriever']; topK: number },
    { stage: 'rerank' } & RerankManifest,
  ];
}

/**
 * Writes the first stage's run (with its own manifest) and the reranked run, whose manifest names
 * both stages: the first by file and sha256, so the run it reranked can be checked and re-evaluated.
 */
export async function saveRerankedRun(out: string, first: { run: Run; manifest: RunManifest }, reranked: { run: Run; manifest: RerankManifest }, tag: string): Promise<string> {
  const firstFile = firstStageFile(out);
  await saveRun(firstFile, first.run, tag, first.manifest);
  const manifest: RerankedRunManifest = {
    ...first.manifest,
    stages: [
      { stage: 'retrieve', run: basename(firstFile), sha256: await sha256OfFile(firstFile), retriever: first.manifest.retriever, topK: first.manifest.topK },
      { stage: 'rerank', ...reranked.manifest },
    ],
  };
  await saveRun(out, reranked.run, `${tag}-${reranked.manifest.reranker.name}`, manifest);
  return firstFile;
}
