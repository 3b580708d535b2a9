import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Run } from '../core/types.js';
import { readRun, writeRun } from '../formats/run.js';
import { buildDirAtomic, writeFileAtomic } from '../io/atomic.js';
import type { Locations } from '../mirror/locations.js';
import { canonicalJson, type RunManifest } from '../provenance/provenance.js';

/**
 * Content-addressed stage outputs. A stage's key is the hash of its inputs' keys and its own
 * parameters; its output is stored under `<cache>/stages/<stage>/<key>/` (built under a temp name,
 * renamed into place) and reused whenever the key comes again.
 */

export type StageName = 'retrieve' | 'fuse' | 'rerank' | 'evaluate' | 'generate';

/** Hits and misses per stage since the process started (or the last reset): what tests and reports read. */
const counts = new Map<StageName, { hits: number; misses: number }>();

export function stageCacheCounts(): Record<string, { hits: number; misses: number }> {
  return Object.fromEntries([...counts].map(([stage, c]) => [stage, { ...c }]));
}

export function resetStageCacheCounts(): void {
  counts.clear();
}

function count(stage: StageName, hit: boolean): void {
  const c = counts.get(stage) ?? { hits: 0, misses: 0 };
  if (hit) c.hits++;
  else c.misses++;
  counts.set(stage, c);
}

/** The key of a stage's output: its name, its inputs' keys (in order) and its parameters. */
export function stageKey(stage: StageName, inputs: readonly string[], params: unknown): string {
  return createHash('sha256').update(canonicalJson({ stage, inputs, params })).digest('hex').slice(0, 24);
}

/** A stage's output folder under the cache. */
export function stageDir(loc: Pick<Locations, 'cache'>, stage: StageName, key: string): string {
  return join(loc.cache, 'stages', stage, key);
}

/**
 * The stored output of `stage` under `key`, or `make`'s, stored first. `read` and `write` move the
 * value to and from its folder; a folder is complete or absent (atomic rename). `reuse: false`, or
 * MEDIR_STAGE_CACHE=off for a whole process, makes it again and replaces the stored one (a
 * reproduction re-measures; a developer changing a component's code wants fresh outputs, since keys
 * name the medir version, not the code).
 */
export async function cachedStage<T>(
  loc: Pick<Locations, 'cache'>,
  stage: StageName,
  key: string,
  io: { read(dir: string): Promise<T>; write(dir: string, value: T): Promise<void> },
  make: () => Promise<T>,
  reuse = true,
): Promise<T> {
  const dir = stageDir(loc, stage, key);
  if (reuse && process.env.MEDIR_STAGE_CACHE !== 'off' && existsSync(join(dir, 'manifest.json'))) {
    count(stage, true);
    return io.read(dir);
  }
  count(stage, false);
  const value = await make();
  await buildDirAtomic(dir, (tmp) => io.write(tmp, value));
  return value;
}

/** A run a stage produced: the ranking, its manifest and the key it is stored under. */
export interface StageRun {
  run: Run;
  manifest: RunManifest;
  key: string;
}

/** How runs are stored: `run.trec` and `manifest.json`. */
export const RUN_IO = {
  async read(dir: string): Promise<StageRun> {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as RunManifest;
    return { run: (await readRun(join(dir, 'run.trec'))).run, manifest, key: manifest.key! };
  },
  async write(dir: string, value: StageRun): Promise<void> {
    await writeRun(join(dir, 'run.trec'), value.run, `medir-${value.manifest.retriever.name}`);
    writeFileAtomic(join(dir, 'manifest.json'), JSON.stringify(value.manifest, null, 2) + '\n');
  },
};
