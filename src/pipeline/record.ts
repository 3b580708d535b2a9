import type { Run } from '../core/types.js';
import { runManifest, saveRun, type ManifestDataset, type RunManifest } from '../provenance/provenance.js';

/**
 * Writes a run a study made around the stages (rewritten queries, one retriever per language, an
 * aggregation to notes) with its manifest: `producer` names what ranked and everything it used.
 */
export async function recordRun(
  file: string,
  run: Run,
  tag: string,
  made: { dataset: ManifestDataset; producer: RunManifest['retriever']; topK: number; seconds: RunManifest['seconds'] },
): Promise<void> {
  await saveRun(file, run, tag, runManifest(made.dataset, made.producer, made.topK, made.seconds));
}
