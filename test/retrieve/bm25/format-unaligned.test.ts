import { describe, expect, it, vi } from 'vitest';
import { FastIndexBuilder } from '../../../src/retrieve/bm25/fast-index.js';
import { loadFastIndex, saveFastIndex } from '../../../src/retrieve/bm25/format.js';
import { tempDir } from '../../helpers/tmp.js';

// readFileSync may hand back a slice of a larger (pooled) buffer at any byte offset; a typed array
// over it needs an offset that is a multiple of its element size. Here every file comes back at
// offset 1 (copied behind one spare byte), as a pooled slice might.
const shifted = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const readFileSync = ((...args: Parameters<typeof fs.readFileSync>) => {
    const out = fs.readFileSync(...args);
    if (!shifted.on || typeof out === 'string') return out;
    return Buffer.concat([Buffer.alloc(1), out]).subarray(1);
  }) as typeof fs.readFileSync;
  return { ...fs, readFileSync, default: { ...fs, readFileSync } };
});

describe('fast index files read from unaligned buffers', () => {
  it('copies an unaligned buffer before viewing it as typed arrays', () => {
    const b = new FastIndexBuilder();
    b.addDocument('a', ['x', 'y', 'x']);
    b.addDocument('b', ['y', 'z']);
    b.addDocument('c', ['z']);
    const index = b.finish('bm25plus', { k1: 1.2, b: 0.75, delta: 1 });
    const dir = tempDir();
    saveFastIndex(dir, index);
    shifted.on = true;
    const loaded = loadFastIndex(dir);
    shifted.on = false;
    for (const key of ['termPtr', 'postDocs', 'postScores', 'absentScores'] as const) {
      expect(Array.from(loaded.data[key]!)).toEqual(Array.from(index.data[key]!));
    }
    const q = loaded.termIds(['y', 'z']);
    expect(Array.from(loaded.search(q, 3).scores)).toEqual(Array.from(index.search(q, 3).scores));
  });
});
