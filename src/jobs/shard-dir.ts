import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MedirError } from '../core/errors.js';
import { canonicalJson, MEDIR_VERSION } from '../provenance/provenance.js';
import { buildDirAtomic, writeFileAtomic } from '../io/atomic.js';
import { shardName, type ShardSpec } from './shard-spec.js';

/** Bumped when a shard's files change: shards of an older format are refused at merge, never misread. */
export const SHARD_FORMAT_VERSION = 1;
export const SHARD_MANIFEST = 'shard.json';

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
  /** A local folder holding the shard's files (for a shard in object storage: its downloaded copy). */
  dir: string;
  /** Where the shard lives, for messages: `dir`, or its URI in object storage. */
  source: string;
  manifest: ShardManifest;
  reused: boolean;
}

function readShardManifest(dir: string): ShardManifest | undefined {
  const file = join(dir, SHARD_MANIFEST);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ShardManifest;
  } catch {
    return undefined;
  }
}

export const sameBuild = (m: ShardManifest, identity: Record<string, unknown>) =>
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
  if (existing && existing.shard.count === spec.count && sameBuild(existing, identity)) return { dir, source: dir, manifest: existing, reused: true };
  let manifest!: ShardManifest;
  await buildDirAtomic(dir, async (tmp) => {
    const stats = await build(tmp);
    manifest = { formatVersion: SHARD_FORMAT_VERSION, retriever, shard: spec, identity, documents: stats.documents, medirVersion: MEDIR_VERSION, createdAt: new Date().toISOString(), stats };
    writeFileAtomic(join(tmp, SHARD_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  });
  return { dir, source: dir, manifest, reused: false };
}

/** Dotted paths where two JSON values differ (a shard's identity against the merge's), for the refusal; `names` says whose each value is. */
export function differences(a: unknown, b: unknown, names: readonly [string, string] = ['shard', 'merge'], path = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);
  if (isObject(a) && isObject(b)) {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().flatMap((k) => differences(a[k], b[k], names, path ? `${path}.${k}` : k));
  }
  return canonicalJson(a) === canonicalJson(b) ? [] : [`${path || '(all)'}: ${names[0]} ${canonicalJson(a)}, ${names[1]} ${canonicalJson(b)}`];
}

/** The shard counts in folder names `<i>-of-<N>`. */
export function countsIn(names: readonly string[]): number[] {
  const counts = names.flatMap((name) => /^\d+-of-(\d+)$/.exec(name)?.[1] ?? []);
  return [...new Set(counts.map(Number))].sort((a, b) => a - b);
}

/** N: `count` (`--shards`) or, when absent, the one count `found` under `root`. */
export function shardCount(root: string, found: readonly number[], count?: number): number {
  if (count !== undefined) return count;
  if (found.length === 0) throw new MedirError('INDEX', `${root}: no shards to merge`, `build them first: medir index … --shard i/N (i = 0..N−1)`);
  if (found.length > 1) throw new MedirError('BAD_OPTION', `${root}: shards of several builds (${found.map((n) => `N=${n}`).join(', ')}); say which with --shards N`);
  return found[0];
}

/** Refuses a shard (its manifest at `where`) of another retriever, format or identity than the merge's. */
export function checkShard(where: string, manifest: ShardManifest, retriever: string, identity: Record<string, unknown>, spec: ShardSpec): void {
  const { index, count: n } = spec;
  if (manifest.retriever !== retriever) throw new MedirError('INDEX', `${where}: a ${manifest.retriever} shard, not ${retriever}`);
  if (manifest.formatVersion !== SHARD_FORMAT_VERSION) {
    throw new MedirError('INDEX', `${where}: shard format ${manifest.formatVersion}, this medir writes ${SHARD_FORMAT_VERSION}`, `rebuild shard ${index}/${n}`);
  }
  const diff = differences(manifest.identity, identity);
  if (diff.length > 0) {
    throw new MedirError('INDEX', `${where}: shard ${index}/${n} was built with other parameters than this merge — ${diff.slice(0, 5).join('; ')}`, `rebuild it with the merge's flags: medir index … --shard ${index}/${n}`);
  }
}

/** The refusal when shards are absent or have no manifest (or, in object storage, no marker) yet. */
export function missingShards(root: string, missing: readonly number[], n: number): MedirError {
  return new MedirError('INDEX', `${root}: shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${n}`).join(', ')} missing or unfinished`, `run (or rerun) medir index … --shard i/${n} for each`);
}

/**
 * Every shard 0..N−1 of one build under `root`, checked before anything is merged: each present,
 * complete (its manifest written last) and built with exactly the parameters of the merge.
 * N is `count` (`--shards`) or, when absent, the one count found under `root`.
 */
export function readShards(root: string, retriever: string, identity: Record<string, unknown>, count?: number): BuiltShard[] {
  const n = shardCount(root, existsSync(root) ? countsIn(readdirSync(root)) : [], count);
  const shards: BuiltShard[] = [];
  const missing: number[] = [];
  for (let index = 0; index < n; index++) {
    const dir = join(root, shardName({ index, count: n }));
    const manifest = readShardManifest(dir);
    if (!manifest) {
      missing.push(index);
      continue;
    }
    checkShard(join(dir, SHARD_MANIFEST), manifest, retriever, identity, { index, count: n });
    shards.push({ dir, source: dir, manifest, reused: true });
  }
  if (missing.length > 0) throw missingShards(root, missing, n);
  return shards;
}
