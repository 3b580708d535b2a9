import type { Run } from '../core/types.js';
import type { Dataset } from '../data/datasets.js';
import type { Retriever } from '../retrieve/retriever.js';
import { runManifest, type RunManifest } from '../retrieve/run-file.js';

/**
 * The manifest of a run a stage made around retrievers (rewriting, translation, one retriever per
 * language): `config` records the stage and the retrievers it used, under the stage's name.
 */
export function stageManifest(dataset: Dataset, name: string, config: Record<string, unknown>, run: Run, topK: number, seconds: number): RunManifest {
  const stage: Retriever = { name, config, retrieve: async () => run };
  return runManifest(dataset, stage, topK, { retrieve: seconds });
}
