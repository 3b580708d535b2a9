import type { Corpus } from '../core/types.js';
import type { IndexResult } from '../index/manifest.js';
import type { RetrieverContext } from '../retrieve/retriever.js';
import type { BuiltShard } from './shard-dir.js';

/** How one retriever builds a shard of its index and merges shards into the index a single process would build. */
export interface ShardedBuild {
  /** Everything that changes a shard's files: a shard whose identity differs from the merge's is refused. */
  identity(ctx: RetrieverContext): Promise<Record<string, unknown>>;
  /** Builds one shard (`corpus` holds only its documents) into `dir`; returns stats, `documents` among them. */
  build(ctx: RetrieverContext, corpus: Corpus, dir: string): Promise<{ documents: number } & Record<string, unknown>>;
  /** Builds (or reuses) the retriever's index from all its shards, checked complete and alike. */
  merge(ctx: RetrieverContext, shards: readonly BuiltShard[]): Promise<IndexResult>;
}
