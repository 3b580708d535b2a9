import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MedirError } from '../core/errors.js';
import { canonicalJson, MEDIR_VERSION } from '../provenance/provenance.js';
import { buildDirAtomic, writeFileAtomic } from '../io/atomic.js';
import { shardName, type ShardSpec } from './shard-spec.js';

/** Bumped when a shard's files change: shards of an older format are refused at merge, never misread. */
export const SHARD_FORMAT_VERSION = 1;
const MANIFEST = 'shard.json';

/** `shard.json`: which shard this is, what built it (everything that changes its files) and counts. */
export interface ShardManifest {
  formatVersion: number;
  retriever: string;
  shard: ShardSpec;
  identity: Record<string, unknown>;
  documents: number;
  medirVersion: string;
  createdAt: string;
  stats: Record<string, unknown>;
}

export interface BuiltShard {
  dir: string;
  manifest: ShardManifest;
  reused: boolean;
}

function readShardManifest(dir: string): ShardManifest | undefined {
  const file = join(dir, MANIFEST);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ShardManifest;
  } catch {
    return undefined;
  }
}

const sameBuild = (m: ShardManifest, identity: Record<string, unknown>) =>
  m.formatVersion === SHARD_FORMAT_VERSION && canonicalJson(m.identity) === canonicalJson(identity);

/**
 * Builds shard `spec` into `<root>/<i>-of-<N>/` under a temp name renamed into place, so a shard
 * killed at any point leaves nothing a merge could mistake for a shard, and simply reruns. A shard
 * already there with the same identity is kept.
 */
export async function buildShardDir(
  root: string,
  retriever: string,
  spec: ShardSpec,
  identity: Record<string, unknown>,
  build: (tmp: string) => Promise<{ documents: number } & Record<string, unknown>>,
): Promise<BuiltShard> {
  const dir = join(root, shardName(spec));
  const existing = readShardManifest(dir);
  if (existing && existing.shard.count === spec.count && sameBuild(existing, identity)) return { dir, manifest: existing, reused: true };
  let manifest!: ShardManifest;
  await buildDirAtomic(dir, async (tmp) => {
    const stats = await build(tmp);
    manifest = { formatVersion: SHARD_FORMAT_VERSION, retriever, shard: spec, identity, documents: stats.documents, medirVersion: MEDIR_VERSION, createdAt: new Date().toISOString(), stats };
    writeFileAtomic(join(tmp, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  });
  return { dir, manifest, reused: false };
}

/** Dotted paths where two JSON values differ (a shard's identity against the merge's), for the refusal; `names` says whose each value is. */
export function differences(a: unknown, b: unknown, names: readonly [string, string] = ['shard', 'merge'], path = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);
  if (isObject(a) && isObject(b)) {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().flatMap((k) => differences(a[k], b[k], names, path ? `${path}.${k}` : k));
  }
  return canonicalJson(a) === canonicalJson(b) ? [] : [`${path || '(all)'}: ${names[0]} ${canonicalJson(a)}, ${names[1]} ${canonicalJson(b)}`];
}

/** The shard counts found under `root` (from folder names `<i>-of-<N>`). */
function countsUnder(root: string): number[] {
  if (!existsSync(root)) return [];
  const counts = readdirSync(root).flatMap((name) => /^\d+-of-(\d+)$/.exec(name)?.[1] ?? []);
  return [...new Set(counts.map(Number))].sort((a, b) => a - b);
}

/**
 * Every shard 0..N−1 of one build under `root`, checked before anything is merged: each present,
 * complete (its manifest written last) and built with exactly the parameters of the merge.
 * N is `count` (`--shards`) or, when absent, the one count found under `root`.
 */
export function readShards(root: string, retriever: string, identity: Record<string, unknown>, count?: number): BuiltShard[] {
  const found = countsUnder(root);
  if (count === undefined) {
    if (found.length === 0) throw new MedirError('INDEX', `${root}: no shards to merge`, `build them first: medir index … --shard i/N (i = 0..N−1)`);
    if (found.length > 1) throw new MedirError('BAD_OPTION', `${root}: shards of several builds (${found.map((n) => `N=${n}`).join(', ')}); say which with --shards N`);
    count = found[0];
  }
  const n = count;
  const shards: BuiltShard[] = [];
  const missing: number[] = [];
  for (let index = 0; index < n; index++) {
    const dir = join(root, shardName({ index, count: n }));
    const manifest = readShardManifest(dir);
    if (!manifest) {
      missing.push(index);
      continue;
    }
    if (manifest.retriever !== retriever) throw new MedirError('INDEX', `${join(dir, MANIFEST)}: a ${manifest.retriever} shard, not ${retriever}`);
    if (manifest.formatVersion !== SHARD_FORMAT_VERSION) {
      throw new MedirError('INDEX', `${join(dir, MANIFEST)}: shard format ${manifest.formatVersion}, this medir writes ${SHARD_FORMAT_VERSION}`, `rebuild shard ${index}/${n}`);
    }
    const diff = differences(manifest.identity, identity);
    if (diff.length > 0) {
      throw new MedirError('INDEX', `${join(dir, MANIFEST)}: shard ${index}/${n} was built with other parameters than this merge — ${diff.slice(0, 5).join('; ')}`, `rebuild it with the merge's flags: medir index … --shard ${index}/${n}`);
    }
    shards.push({ dir, manifest, reused: true });
  }
  if (missing.length > 0) {
    throw new MedirError('INDEX', `${root}: shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${n}`).join(', ')} missing or unfinished`, `run (or rerun) medir index … --shard i/${n} for each`);
  }
  return shards;
}
