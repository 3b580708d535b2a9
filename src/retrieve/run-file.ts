import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic.js';
import { sha256OfFile } from '../io/file-hash.js';
import { cacheDir } from '../mirror/locations.js';
import { writeRun } from '../formats/run.js';
import { MEDIR_VERSION } from '../index/manifest.js';
import type { Run } from '../core/types.js';
import type { Dataset } from '../data/datasets.js';
import type { Retriever } from './retriever.js';

/** What a reader needs to reproduce a run, written beside it as `<run>.json`. */
export interface RunManifest {
  medirVersion: string;
  /** `corpusSha256`: the bytes the run was retrieved from (filled in by `saveRun`). */
  dataset: { name: string; dir: string; split: string; corpus: string; corpusSha256?: string; queries: number };
  retriever: { name: string; config: Record<string, unknown> };
  topK: number;
  index?: { dir: string; reused: boolean };
  seconds: { index?: number; retrieve: number };
  createdAt: string;
}

export function runManifest(
  dataset: Dataset,
  retriever: Retriever,
  topK: number,
  seconds: RunManifest['seconds'],
  index?: RunManifest['index'],
): RunManifest {
  return {
    medirVersion: MEDIR_VERSION,
    dataset: { name: dataset.name, dir: dataset.dir, split: dataset.split, corpus: dataset.corpus.source, queries: dataset.queries.queries.length },
    retriever: { name: retriever.name, config: retriever.config },
    topK,
    ...(index ? { index } : {}),
    seconds,
    createdAt: new Date().toISOString(),
  };
}

/** Writes the TREC run and its `<file>.json` manifest, each atomically. */
export async function saveRun(file: string, run: Run, tag: string, manifest: RunManifest): Promise<void> {
  await writeRun(file, run, tag);
  const corpusSha256 = await sha256OfFile(manifest.dataset.corpus, join(cacheDir(), 'hashes'));
  writeFileAtomic(`${file}.json`, JSON.stringify({ ...manifest, dataset: { ...manifest.dataset, corpusSha256 } }, null, 2) + '\n');
}
