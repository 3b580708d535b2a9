import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readRun } from '../formats/run.js';
import type { Locations } from '../mirror/locations.js';
import { fileSha256, runManifest, type RunManifest } from '../provenance/provenance.js';
import type { StageRun } from './stage-cache.js';

/**
 * A run file as a stage input: its key is the file's sha256, its manifest the `<file>.json` medir
 * wrote beside it, or, for a run from elsewhere, one that names the file.
 */
export async function runFromFile(file: string, loc: Pick<Locations, 'cache'>): Promise<StageRun> {
  const { run, tag } = await readRun(file);
  const key = `file-${await fileSha256(file, loc)}`;
  const beside = `${file}.json`;
  const manifest: RunManifest = existsSync(beside)
    ? (JSON.parse(readFileSync(beside, 'utf8')) as RunManifest)
    : runManifest({ name: '', dir: '', split: '', corpus: { source: '' }, queries: { queries: [...run.keys()] } }, { name: tag || 'run file', config: { file: resolve(file) } }, 0, { retrieve: 0 });
  return { run, manifest: { ...manifest, key }, key };
}
