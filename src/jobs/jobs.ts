import { dirname, join } from 'node:path';
import { lookup } from '../core/registry.js';
import { setProgressShard } from '../core/progress.js';
import type { RetrieverContext } from '../retrieve/retriever.js';
import { bm25Shards } from './bm25-shards.js';
import { denseShards } from './dense-shards.js';
import { shardCorpus } from './merge-walk.js';
import { buildShardDir, readShards } from './shard-dir.js';
import type { ShardedBuild } from './sharded-build.js';
import type { ShardSpec } from './shard-spec.js';

/** The retrievers that build in shards, by name. Adding one = its ShardedBuild + one line here. */
export const SHARDED_BUILDS = {
  bm25: bm25Shards,
  dense: denseShards,
} as const satisfies Record<string, ShardedBuild>;

/** Build shard `shard`, or merge the shards (`count`: from --shards, else found on disk). `root`: where shards live. */
export type ShardJob = { kind: 'shard'; shard: ShardSpec; root?: string } | { kind: 'merge'; count?: number; root?: string };

/** Shards live beside the indexes (`<indexes>/<dataset>/shards/<retriever>/<i>-of-<N>/`) unless `--shard-dir` puts them elsewhere (shared storage). */
export function shardRoot(ctx: RetrieverContext, retriever: string, root?: string): string {
  return root ?? join(ctx.loc.indexes, ctx.dataset.name, 'shards', retriever);
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
    const shard = await buildShardDir(root, retriever, job.shard, identity, (tmp) => build.build(ctx, corpus, tmp));
    return `${retriever} shard ${index}/${count} of ${ctx.dataset.name}: ${shard.reused ? 'reused (nothing changed)' : 'built'}, ${shard.manifest.documents} documents\n  ${shard.dir}`;
  }
  const shards = readShards(root, retriever, identity, job.count);
  const result = await build.merge(ctx, shards);
  const what = result.reused ? 'reused (nothing changed)' : `merged from ${shards.length} shards in ${dirname(shards[0].dir)}`;
  return `${retriever} index for ${ctx.dataset.name}: ${what}\n  ${result.dir}`;
}
