import { basename } from 'node:path';
import { sha256OfFile } from '../io/file-hash.js';
import type { RerankedRunManifest } from '../pipeline/rerank.js';
import type { StageRun } from '../pipeline/stage-cache.js';
import { saveRun } from '../provenance/provenance.js';

/** Where the first stage's run is kept beside the reranked one: `x.trec` → `x.first-stage.trec`. */
export function firstStageFile(out: string): string {
  return out.endsWith('.trec') ? `${out.slice(0, -'.trec'.length)}.first-stage.trec` : `${out}.first-stage.trec`;
}

/**
 * Writes the first stage's run (with its own manifest) and the reranked run, whose manifest names
 * both stages: the first also by file and sha256, so the run it reranked can be checked and re-evaluated.
 */
export async function saveRerankedRun(out: string, first: StageRun, reranked: StageRun, tag: string): Promise<string> {
  const firstFile = firstStageFile(out);
  await saveRun(firstFile, first.run, tag, first.manifest);
  const manifest = reranked.manifest as RerankedRunManifest;
  const [retrieveStage, rerankStage] = manifest.stages;
  const stages = [{ ...retrieveStage, run: basename(firstFile), sha256: await sha256OfFile(firstFile) }, rerankStage];
  await saveRun(out, reranked.run, `${tag}-${rerankStage.reranker.name}`, { ...manifest, stages });
  return firstFile;
}
