import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { MedirError } from '../core/errors.js';
import { Progress } from '../core/progress.js';
import { reuseOrBuild } from '../index/manifest.js';
import { densePlan } from '../retrieve/dense.js';
import { MATRIX_FILES, MatrixWriter, readIds, readMatrixMeta } from '../vectors/matrix.js';
import { mergeWalk } from './merge-walk.js';
import type { ShardedBuild } from './sharded-build.js';

/** Rows per read from a shard and per append to the merged matrix. */
const BLOCK = 1024;

/** A shard's matrix read front to back, a block of rows at a time (the merge takes each shard's rows in order). */
class RowReader {
  readonly ids: string[];
  private readonly fd: number;
  private readonly block: Float32Array;
  private first = 0;
  private loaded = 0;

  constructor(
    readonly dir: string,
    private readonly dim: number,
  ) {
    const meta = readMatrixMeta(dir);
    if (meta.dim !== dim) throw new MedirError('INDEX', `${dir}: ${meta.dim}-d vectors, the other shards have ${dim}-d`, 'rebuild the shard');
    this.ids = readIds(dir, meta.count);
    this.fd = openSync(join(dir, MATRIX_FILES.vectors), 'r');
    this.block = new Float32Array(BLOCK * dim);
  }

  row(r: number): Float32Array {
    if (r < this.first || r >= this.first + this.loaded) {
      const rows = Math.min(BLOCK, this.ids.length - r);
      const bytes = rows * this.dim * 4;
      const read = readSync(this.fd, new Uint8Array(this.block.buffer, 0, bytes), 0, bytes, r * this.dim * 4);
      if (read !== bytes) throw new MedirError('INDEX', `${join(this.dir, MATRIX_FILES.vectors)}: shorter than its ${this.ids.length} rows`, 'rebuild the shard');
      this.first = r;
      this.loaded = rows;
    }
    return this.block.slice((r - this.first) * this.dim, (r - this.first + 1) * this.dim);
  }

  close(): void {
    closeSync(this.fd);
  }
}

export const denseShards: ShardedBuild = {
  /** The vectors depend on the model and the corpus only: shards serve a merge into any vector store. */
  async identity(ctx) {
    const { model, identity } = await densePlan(ctx);
    const libraries = Object.fromEntries(Object.entries(identity.libraries).filter(([name]) => name === '@huggingface/transformers' || name === 'onnxruntime-node'));
    return { component: 'dense-vectors', embedder: model.config, corpus: { sha256: identity.corpus.sha256 }, libraries };
  },

  async build(ctx, corpus, dir) {
    return { ...(await (await densePlan(ctx)).embed(corpus, dir)) };
  },

  /** Concatenates the shards' vectors in corpus order, then builds the store asked for over them. */
  async merge(ctx, shards) {
    const plan = await densePlan(ctx);
    const dim = readMatrixMeta(shards[0].dir).dim;
    return reuseOrBuild(plan.dir, plan.identity, async (tmp) => {
      const readers = shards.map((s) => new RowReader(s.dir, dim));
      const writer = new MatrixWriter(tmp, dim);
      const progress = new Progress(`dense merge ${ctx.dataset.name} (${shards.length} shards)`, readers.reduce((n, r) => n + r.ids.length, 0));
      let ids: string[] = [];
      let vectors: Float32Array[] = [];
      const flush = () => {
        writer.append(ids, vectors);
        progress.tick(ids.length);
        ids = [];
        vectors = [];
      };
      try {
        for await (const { doc, shard, row } of mergeWalk(ctx.dataset.corpus, readers.map((r) => r.ids), shards.map((s) => s.source))) {
          ids.push(doc.id);
          vectors.push(readers[shard].row(row));
          if (ids.length === BLOCK) flush();
        }
        flush();
      } finally {
        readers.forEach((r) => r.close());
        writer.close();
      }
      progress.finish();
      const truncated = shards.reduce((n, s) => n + Number(s.manifest.stats.truncated ?? 0), 0);
      const storeStats = await plan.buildStore(tmp);
      return { documents: writer.count, dim, shards: shards.length, truncated, ...(storeStats ? { store: storeStats } : {}) };
    });
  },
};
