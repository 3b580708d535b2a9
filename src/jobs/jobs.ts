import { dirname, join } from 'node:path';
import { lookup } from '../core/registry.js';
import { setProgressShard } from '../core/progress.js';
import type { RetrieverContext } from '../retrieve/retriever.js';
import { bm25Shards } from './bm25-shards.js';
import { denseShards } from './dense-shards.js';
import { shardCorpus } from './merge-walk.js';
import { buildShardDir, readShards } from './shard-dir.js';
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

/** Runs a shard job for `retriever`; returns the line to print. */
export async function runShardJob(job: ShardJob, retriever: string, ctx: RetrieverContext): Promise<string> {
  const build = lookup(SHARDED_BUILDS, 'sharded retriever', retriever) as ShardedBuild;
  const root = shardRoot(ctx, retriever, job.root);
  const identity = await build.identity(ctx);
  if (job.kind === 'shard') {
    const { index, count } = job.shard;
    setProgressShard(`${index}/${count}`);
    const corpus = shardCorpus(ctx.dataset.corpus, index, count);
    const buildInto = (tmp: string) => build.build(ctx, corpus, tmp);
    const shard = isObjectUri(root)
      ? await publishShard(root, localShardRoot(ctx, retriever), retriever, job.shard, identity, buildInto)
      : await buildShardDir(root, retriever, job.shard, identity, buildInto);
    return `${retriever} shard ${index}/${count} of ${ctx.dataset.name}: ${shard.reused ? 'reused (nothing changed)' : 'built'}, ${shard.manifest.documents} documents\n  ${shard.source}`;
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
  return `${retriever} index for ${ctx.dataset.name}: ${what}\n  ${result.dir}`;
}
