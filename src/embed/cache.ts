import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { configHash } from '../provenance/provenance.js';
import { alive, removeAbandonedIn, writeFileAtomic } from '../io/atomic.js';
import type { Embedder } from './embedder.js';

/** sha256 of a text: the cache key of its vector under one (model, profile). */
export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const MAGIC = 0x4d454431; // "MED1"
const HEADER = 12; // magic, count, dim (uint32 LE)
const HASH_BYTES = 32;

interface Slot {
  segment: string;
  index: number;
  count: number;
}

/**
 * Document vectors kept across builds, keyed by (model files, profile) → text sha256. Each write
 * is one segment file written atomically (temp + rename): header, `count` text hashes, then
 * `count × dim` float32. A segment is therefore all there or absent, which is what makes an
 * interrupted corpus build resumable: finished chunks are found here on the next run.
 */
export class EmbeddingCache {
  private readonly slots = new Map<string, Slot>();
  private readonly indexed = new Set<string>();
  private segments = 0;

  private constructor(
    readonly dir: string,
    readonly dim: number,
  ) {}

  /** The cache folder of one embedder under `root` (`<MEDIR_CACHE>/embeddings`), its segments indexed. */
  static open(root: string, embedder: Pick<Embedder, 'config' | 'dim'>): EmbeddingCache {
    const dir = join(root, configHash(embedder.config));
    mkdirSync(dir, { recursive: true });
    const meta = join(dir, 'embedder.json');
    if (!existsSync(meta)) writeFileAtomic(meta, JSON.stringify({ ...embedder.config, dim: embedder.dim }, null, 2) + '\n');
    // Segments half-written by killed builds: their writers are gone, nothing will rename them.
    removeAbandonedIn(dir);
    const cache = new EmbeddingCache(dir, embedder.dim);
    cache.refresh();
    return cache;
  }

  /** Indexes the segments other processes wrote since this cache was opened. */
  private refresh(): void {
    for (const name of readdirSync(this.dir).filter((f) => f.endsWith('.seg') && !this.indexed.has(f)).sort()) this.index(name);
  }

  /**
   * The vectors of `hashes`, computing the missing ones with `embed` (given their texts) and storing
   * them as one segment. Concurrent builds of one model take turns chunk by chunk under a lock file,
   * so a chunk another build embedded meanwhile is read, not embedded again.
   */
  async fill(hashes: readonly string[], texts: readonly string[], embed: (texts: string[]) => Promise<Float32Array[]>): Promise<{ vectors: Float32Array[]; embedded: number }> {
    const known = this.getMany(hashes);
    // `includes`, not `every`: the array has holes where a vector is absent, which `every` skips.
    if (!known.includes(undefined)) return { vectors: known as Float32Array[], embedded: 0 };
    return this.locked(async () => {
      this.refresh();
      const vectors = this.getMany(hashes);
      const missing = new Map<string, string>();
      hashes.forEach((h, i) => {
        if (!vectors[i]) missing.set(h, texts[i]);
      });
      if (missing.size > 0) {
        const fresh = await embed([...missing.values()]);
        this.put([...missing.keys()], fresh);
        const byHash = new Map([...missing.keys()].map((h, i) => [h, fresh[i]]));
        hashes.forEach((h, i) => (vectors[i] ??= byHash.get(h)));
      }
      return { vectors: vectors as Float32Array[], embedded: missing.size };
    });
  }

  /** Runs `work` holding `write.lock` (created exclusively; one left by a dead process is taken over). */
  private async locked<T>(work: () => Promise<T>): Promise<T> {
    const lock = join(this.dir, 'write.lock');
    for (;;) {
      try {
        const fd = openSync(lock, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        if (staleLock(lock)) rmSync(lock, { force: true });
        else await sleep(20);
      }
    }
    try {
      return await work();
    } finally {
      rmSync(lock, { force: true });
    }
  }

  get size(): number {
    return this.slots.size;
  }

  /** Segments read or written so far (each one a completed chunk of some build). */
  get segmentCount(): number {
    return this.segments;
  }

  has(hash: string): boolean {
    return this.slots.has(hash);
  }

  /** Vectors for the given hashes (undefined where absent), reading each segment once. */
  getMany(hashes: readonly string[]): (Float32Array | undefined)[] {
    const out = new Array<Float32Array | undefined>(hashes.length);
    const bySegment = new Map<string, number[]>();
    hashes.forEach((h, i) => {
      const slot = this.slots.get(h);
      if (!slot) return;
      const list = bySegment.get(slot.segment) ?? [];
      list.push(i);
      bySegment.set(slot.segment, list);
    });
    const bytes = this.dim * 4;
    for (const [segment, positions] of bySegment) {
      const fd = openSync(join(this.dir, segment), 'r');
      try {
        for (const i of positions) {
          const slot = this.slots.get(hashes[i])!;
          const v = new Float32Array(this.dim);
          readSync(fd, new Uint8Array(v.buffer), 0, bytes, HEADER + slot.count * HASH_BYTES + slot.index * bytes);
          out[i] = v;
        }
      } finally {
        closeSync(fd);
      }
    }
    return out;
  }

  /** Stores vectors as one new segment, written atomically. */
  put(hashes: readonly string[], vectors: readonly Float32Array[]): void {
    if (hashes.length === 0) return;
    const count = hashes.length;
    const buf = Buffer.alloc(HEADER + count * HASH_BYTES + count * this.dim * 4);
    buf.writeUInt32LE(MAGIC, 0);
    buf.writeUInt32LE(count, 4);
    buf.writeUInt32LE(this.dim, 8);
    hashes.forEach((h, i) => buf.write(h, HEADER + i * HASH_BYTES, 'hex'));
    const body = HEADER + count * HASH_BYTES;
    vectors.forEach((v, i) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).copy(buf, body + i * this.dim * 4));
    const name = `${Date.now().toString(36).padStart(9, '0')}-${hashes[0].slice(0, 16)}.seg`;
    writeFileAtomic(join(this.dir, name), buf);
    this.index(name);
  }

  private index(name: string): void {
    const fd = openSync(join(this.dir, name), 'r');
    try {
      const header = Buffer.alloc(HEADER);
      readSync(fd, header, 0, HEADER, 0);
      this.indexed.add(name);
      if (header.readUInt32LE(0) !== MAGIC || header.readUInt32LE(8) !== this.dim) return;
      const count = header.readUInt32LE(4);
      const keys = Buffer.alloc(count * HASH_BYTES);
      readSync(fd, keys, 0, keys.length, HEADER);
      for (let i = 0; i < count; i++) this.slots.set(keys.toString('hex', i * HASH_BYTES, (i + 1) * HASH_BYTES), { segment: name, index: i, count });
      this.segments++;
    } finally {
      closeSync(fd);
    }
  }
}

/** A lock whose owner died; an empty one is being written this instant, unless it has been empty for seconds (its writer died). */
function staleLock(lock: string): boolean {
  try {
    const owner = Number(readFileSync(lock, 'utf8'));
    if (owner > 0) return !alive(owner);
    return Date.now() - statSync(lock).mtimeMs > 5000;
  } catch {
    return false; // released meanwhile: try again
  }
}
