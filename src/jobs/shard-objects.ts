import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MedirError } from '../core/errors.js';
import { removeAbandonedIn, tempPath } from '../io/atomic.js';
import { sha256OfFileUncached } from '../io/file-hash.js';
import { openObjectStore, type ObjectStore } from '../storage/object-store.js';
import { keyUri, objectKey } from '../storage/uri.js';
import { buildShardDir, checkShard, countsIn, missingShards, sameBuild, shardCount, SHARD_MANIFEST, type BuiltShard, type ShardManifest } from './shard-dir.js';
import { shardName, type ShardSpec } from './shard-spec.js';

/**
 * Shards in object storage (`--shard-dir s3://bucket/prefix`). S3 has no rename, so a shard is
 * committed the way S3 allows, by one atomic PUT written last:
 *   <prefix>/<i>-of-<N>/<attempt>/<file>   the shard's files, under a name new to each upload, never overwritten
 *   <prefix>/<i>-of-<N>/shard.json         the marker: the shard's manifest plus its attempt and each file's size and sha256
 * A reader trusts only a shard whose marker exists, and only the files the marker names, checked
 * by size and sha256 as they download. A killed upload leaves objects no marker points to; a
 * rebuilt shard replaces the marker in one PUT, so a reader sees the old shard or the new one.
 */
const OPTION = '--shard-dir';
/** Shards downloaded at once by a merge. */
const DOWNLOADS = 4;

interface StoredFile {
  name: string;
  bytes: number;
  sha256: string;
}

/** The marker object: the shard's manifest, where its files are and what they hold. */
interface ShardMarker extends ShardManifest {
  attempt: string;
  files: StoredFile[];
}

function markerOf(store: ObjectStore, name: string) {
  const key = objectKey(store.uri, name, SHARD_MANIFEST);
  return {
    key,
    uri: keyUri(store.uri, key),
    async read(): Promise<ShardMarker | undefined> {
      const text = await store.getText(key);
      if (text === undefined) return undefined;
      try {
        return JSON.parse(text) as ShardMarker;
      } catch {
        throw new MedirError('INDEX', `${keyUri(store.uri, key)}: not a shard marker (invalid JSON)`, `rebuild shard ${name}`);
      }
    },
  };
}

/**
 * Builds shard `spec` in a local temp folder under `staging` (exactly as a local shard), uploads
 * its files, then its marker; reuses the shard when the marker already says the same build.
 */
export async function publishShard(
  root: string,
  staging: string,
  retriever: string,
  spec: ShardSpec,
  identity: Record<string, unknown>,
  build: (tmp: string) => Promise<{ documents: number } & Record<string, unknown>>,
): Promise<BuiltShard> {
  const store = openObjectStore(root, OPTION);
  const name = shardName(spec);
  const marker = markerOf(store, name);
  const source = keyUri(store.uri, objectKey(store.uri, name));
  const previous = await marker.read();
  if (previous && previous.shard.count === spec.count && sameBuild(previous, identity)) return { dir: source, source, manifest: previous, reused: true };
  mkdirSync(staging, { recursive: true });
  removeAbandonedIn(staging);
  const local = tempPath(join(staging, `${name}-upload`));
  try {
    const built = await buildShardDir(local, retriever, spec, identity, build);
    const attempt = `${Date.now().toString(36)}-${process.pid}-${randomBytes(4).toString('hex')}`;
    const files: StoredFile[] = [];
    for (const file of readdirSync(built.dir).filter((f) => f !== SHARD_MANIFEST).sort()) {
      const path = join(built.dir, file);
      files.push({ name: file, bytes: statSync(path).size, sha256: await sha256OfFileUncached(path) });
      await store.upload(objectKey(store.uri, name, attempt, file), path);
    }
    const manifest: ShardMarker = { ...built.manifest, attempt, files };
    await store.putText(marker.key, JSON.stringify(manifest, null, 2) + '\n');
    // Only the files of the marker just replaced: another worker's upload of this shard in flight (a lease taken over) is left alone.
    if (previous?.attempt) await store.delete(previous.files.map((f) => objectKey(store.uri, name, previous.attempt, f.name)));
    return { dir: source, source, manifest, reused: false };
  } finally {
    rmSync(local, { recursive: true, force: true });
  }
}

/** Downloads one shard's files into `dir`, each checked against the marker's size and sha256. */
async function download(store: ObjectStore, spec: ShardSpec, m: ShardMarker, dir: string, source: string): Promise<void> {
  const n = `${spec.index}/${spec.count}`;
  mkdirSync(dir, { recursive: true });
  for (const f of m.files) {
    const key = objectKey(store.uri, shardName(spec), m.attempt, f.name);
    let got: { bytes: number; sha256: string };
    try {
      got = await store.download(key, join(dir, f.name));
    } catch (err) {
      throw new MedirError('INDEX', `${source}: shard ${n}: ${(err as Error).message}`, `the shard was rebuilt during the merge or is damaged: merge again, or rerun medir index … --shard ${n}`);
    }
    if (got.bytes !== f.bytes || got.sha256 !== f.sha256) {
      throw new MedirError('INDEX', `${keyUri(store.uri, key)}: shard ${n}: ${got.bytes} bytes (sha256 ${got.sha256.slice(0, 12)}…), its marker says ${f.bytes} (${f.sha256.slice(0, 12)}…)`, `rerun medir index … --shard ${n}`);
    }
  }
  writeFileSync(join(dir, SHARD_MANIFEST), JSON.stringify(m, null, 2) + '\n');
}

/**
 * Every shard 0..N−1 under the URI `root`, checked as local shards are (all markers present, same
 * build) before anything is downloaded, then downloaded into a temp folder under `staging` for the
 * merge. `remove()` deletes the downloaded copies.
 */
export async function fetchShards(root: string, staging: string, retriever: string, identity: Record<string, unknown>, count?: number): Promise<{ shards: BuiltShard[]; remove: () => void }> {
  const store = openObjectStore(root, OPTION);
  const n = shardCount(root, countsIn(await store.folders(store.uri.prefix)), count);
  const specs = Array.from({ length: n }, (_, index) => ({ index, count: n }));
  const markers = await Promise.all(specs.map((spec) => markerOf(store, shardName(spec))).map(async (m) => ({ ...m, manifest: await m.read() })));
  const missing = specs.filter((_, i) => !markers[i].manifest).map((s) => s.index);
  if (missing.length > 0) throw missingShards(root, missing, n);
  specs.forEach((spec, i) => checkShard(markers[i].uri, markers[i].manifest!, retriever, identity, spec));

  mkdirSync(staging, { recursive: true });
  removeAbandonedIn(staging);
  const local = tempPath(join(staging, 'download'));
  const remove = () => rmSync(local, { recursive: true, force: true });
  try {
    const shards: BuiltShard[] = specs.map((spec, i) => ({ dir: join(local, shardName(spec)), source: keyUri(store.uri, objectKey(store.uri, shardName(spec))), manifest: markers[i].manifest!, reused: true }));
    let next = 0;
    let failed = false;
    const lane = async () => {
      try {
        for (let i = next++; i < n && !failed; i = next++) await download(store, specs[i], markers[i].manifest!, shards[i].dir, shards[i].source);
      } catch (err) {
        failed = true;
        throw err;
      }
    };
    await Promise.all(Array.from({ length: Math.min(DOWNLOADS, n) }, lane));
    return { shards, remove };
  } catch (err) {
    remove();
    throw err;
  }
}
