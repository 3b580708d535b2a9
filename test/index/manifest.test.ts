import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManifest, reuseOrBuild, type IndexIdentity } from '../../src/index/manifest.js';
import { configHash } from '../../src/provenance/provenance.js';
import { tempDir } from '../helpers/tmp.js';

const identity = (k1: number, sha = 'abc'): IndexIdentity => ({
  component: 'toy',
  config: { k1, analyzer: 'en' },
  corpus: { source: 'c.jsonl', sha256: sha },
  libraries: { lib: '1.0.0' },
});

describe('index manifests', () => {
  it('hashes configs independently of key order', () => {
    expect(configHash({ a: 1, b: { c: 2, d: 3 } })).toBe(configHash({ b: { d: 3, c: 2 }, a: 1 }));
    expect(configHash({ a: 1 })).not.toBe(configHash({ a: 2 }));
  });

  it('builds once, reuses when nothing changed, rebuilds when config or corpus changes', async () => {
    const dir = join(tempDir(), 'idx');
    let builds = 0;
    const build = async (tmp: string) => {
      builds++;
      writeFileSync(join(tmp, 'data.bin'), String(builds));
      return { documents: 3 };
    };
    const first = await reuseOrBuild(dir, identity(1.5), build);
    expect(first.reused).toBe(false);
    expect(readManifest(dir)?.stats).toEqual({ documents: 3 });
    expect((await reuseOrBuild(dir, identity(1.5), build)).reused).toBe(true);
    expect(builds).toBe(1);
    const changed = await reuseOrBuild(dir, identity(1.2), build);
    expect(changed.reused).toBe(false);
    expect((await reuseOrBuild(dir, identity(1.2, 'def'), build)).reused).toBe(false);
    expect(builds).toBe(3);
    expect(readFileSync(join(dir, 'data.bin'), 'utf8')).toBe('3');
  });

  it('leaves no index and no temp folder behind when a build fails', async () => {
    const parent = tempDir();
    const dir = join(parent, 'idx');
    await expect(
      reuseOrBuild(dir, identity(1), async (tmp) => {
        writeFileSync(join(tmp, 'half.bin'), 'x');
        throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('refuses to build an index of an empty corpus, naming the corpus file', async () => {
    const dir = join(tempDir(), 'idx');
    await expect(reuseOrBuild(dir, identity(1), async () => ({ documents: 0 }))).rejects.toThrow(/c\.jsonl: the corpus has no documents/);
    expect(existsSync(dir)).toBe(false);
  });

  it('never reuses an index whose manifest is unreadable', async () => {
    const dir = join(tempDir(), 'idx');
    await reuseOrBuild(dir, identity(1), async () => undefined);
    writeFileSync(join(dir, 'manifest.json'), '{ truncated');
    expect((await reuseOrBuild(dir, identity(1), async () => undefined)).reused).toBe(false);
  });
});
