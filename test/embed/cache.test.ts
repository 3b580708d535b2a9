import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddingCache, textHash } from '../../src/embed/cache.js';
import { tempDir } from '../helpers/tmp.js';

const embedder = { config: { model: 'm', files: { 'onnx/model.onnx': 'abc' }, profile: { pooling: 'mean' } }, dim: 3 };

describe('EmbeddingCache', () => {
  it('finds vectors stored by an earlier process (re-opened from disk)', () => {
    const root = tempDir();
    const first = EmbeddingCache.open(root, embedder);
    first.put([textHash('a'), textHash('b')], [new Float32Array([1, 2, 3]), new Float32Array([4, 5, 6])]);
    first.put([textHash('c')], [new Float32Array([7, 8, 9])]);
    const again = EmbeddingCache.open(root, embedder);
    expect(again.size).toBe(3);
    expect(again.segmentCount).toBe(2);
    const got = again.getMany([textHash('c'), textHash('zzz'), textHash('a')]);
    expect(got.map((v) => (v ? [...v] : undefined))).toEqual([[7, 8, 9], undefined, [1, 2, 3]]);
  });

  it('keeps a different model or profile apart', () => {
    const root = tempDir();
    EmbeddingCache.open(root, embedder).put([textHash('a')], [new Float32Array(3)]);
    const other = EmbeddingCache.open(root, { ...embedder, config: { ...embedder.config, profile: { pooling: 'cls' } } });
    expect(other.has(textHash('a'))).toBe(false);
    // Same profile, another model (its weights' sha256 differ): apart too.
    const otherModel = EmbeddingCache.open(root, { ...embedder, config: { ...embedder.config, model: 'm2', files: { 'onnx/model.onnx': 'def' } } });
    expect(otherModel.has(textHash('a'))).toBe(false);
    expect(EmbeddingCache.open(root, embedder).has(textHash('a'))).toBe(true);
    expect(readdirSync(root)).toHaveLength(3);
  });

  it('ignores the temp file of a write that was killed', () => {
    const root = tempDir();
    const cache = EmbeddingCache.open(root, embedder);
    writeFileSync(join(cache.dir, '.000000001-ab.seg.tmp-123-x'), Buffer.alloc(7));
    expect(EmbeddingCache.open(root, embedder).size).toBe(0);
  });
});
