import { dirname, join } from 'node:path';
import { lookup } from '../core/registry.js';
import { setProgressShard } from '../core/progress.js';
import type { RetrieverContext } from '../retrieve/retriever.js';
import { bm25Shards } from './bm25-shards.js';
import { denseShards } from './dense-shards.js';
import { shardCorpus } from './merge-walk.js';
import { buildShardDir, readShards, type BuiltShard } from './shard-dir.js';
import { fetchShards, publishShard } from './shard-objects.js';
import { isObjectUri } from '../storage/uri.js';
import type { ShardedBuild } from './sharded-build.js';
import type { ShardSpec } from './shard-spec.js';

/** The retrievers that build in shards, by name. Adding one = its ShardedBuild + one line here. */
export const SHARDED_BUILDS = {
  bm25: bm25Shards,
  dense: denseShards,
} as const satisfies Record<string, ShardedBuild>;

/** Build shard `shard`, or merge the shards (`count`: from --shards, else found on disk). `root`: where shards live. */
export type ShardJob = { kind: 'shard'; shard: ShardSpec; root?: string } | { kind: 'merge'; count?: number; root?: string };

/** Where shards are built before upload, and downloaded for a merge, when `--shard-dir` is a URI. */
const localShardRoot = (ctx: RetrieverContext, retriever: string) => join(ctx.loc.indexes, ctx.dataset.name, 'shards', retriever);

/** Shards live beside the indexes (`<indexes>/<dataset>/shards/<retriever>/<i>-of-<N>/`) unless `--shard-dir` puts them elsewhere (shared storage). */
export function shardRoot(ctx: RetrieverContext, retriever: string, root?: string): string {
  return root ?? localShardRoot(ctx, retriever);
}

const shardedBuild = (retriever: string) => lookup(SHARDED_BUILDS, 'sharded retriever', retriever) as ShardedBuild;

/** Everything that changes `retriever`'s shard files for this context (a shard of another identity is refused). */
export function shardIdentity(retriever: string, ctx: RetrieverContext): Promise<Record<string, unknown>> {
  return shardedBuild(retriever).identity(ctx);
}

/** What a shard job did: the line to print, the folder written, and the shards built or merged. */
export interface ShardJobResult {
  line: string;
  dir: string;
  shards: { index: number; count: number; documents: number; createdAt: string; reused: boolean }[];
}

/** Runs a shard job for `retriever`; `check` may refuse the identity first (a queue worker's check against the producer's). */
export async function runShardJob(job: ShardJob, retriever: string, ctx: RetrieverContext, check?: (identity: Record<string, unknown>) => void): Promise<ShardJobResult> {
  const build = shardedBuild(retriever);
  const root = shardRoot(ctx, retriever, job.root);
  const identity = await build.identity(ctx);
  check?.(identity);
  const summary = (s: BuiltShard) => ({ ...s.manifest.shard, documents: s.manifest.documents, createdAt: s.manifest.createdAt, reused: s.reused });
  if (job.kind === 'shard') {
    const { index, count } = job.shard;
    setProgressShard(`${index}/${count}`);
    const corpus = shardCorpus(ctx.dataset.corpus, index, count);
    const buildInto = (tmp: string) => build.build(ctx, corpus, tmp);
    const shard = isObjectUri(root)
      ? await publishShard(root, localShardRoot(ctx, retriever), retriever, job.shard, identity, buildInto)
      : await buildShardDir(root, retriever, job.shard, identity, buildInto);
    const line = `${retriever} shard ${index}/${count} of ${ctx.dataset.name}: ${shard.reused ? 'reused (nothing changed)' : 'built'}, ${shard.manifest.documents} documents\n  ${shard.source}`;
    return { line, dir: shard.source, shards: [summary(shard)] };
  }
  const fetched = isObjectUri(root) ? await fetchShards(root, localShardRoot(ctx, retriever), retriever, identity, job.count) : { shards: readShards(root, retriever, identity, job.count), remove: () => undefined };
  const { shards } = fetched;
  let result;
  try {
    result = await build.merge(ctx, shards);
  } finally {
    fetched.remove();
  }
  const what = result.reused ? 'reused (nothing changed)' : `merged from ${shards.length} shards in ${dirname(shards[0].source)}`;
  return { line: `${retriever} index for ${ctx.dataset.name}: ${what}\n  ${result.dir}`, dir: result.dir, shards: shards.map(summary) };
}
