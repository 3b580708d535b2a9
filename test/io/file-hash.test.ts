import { createHash } from 'node:crypto';
import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256OfFile } from '../../src/io/file-hash.js';
import { tempDir } from '../helpers/tmp.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('sha256OfFile', () => {
  it('hashes the bytes and remembers the verdict in the store', async () => {
    const dir = tempDir();
    const file = join(dir, 'a.txt');
    writeFileSync(file, 'hello');
    const store = join(dir, 'store');
    expect(await sha256OfFile(file, store)).toBe(sha('hello'));
    expect(readdirSync(store)).toHaveLength(1);
  });

  it('rehashes when size or mtime changes', async () => {
    const dir = tempDir();
    const file = join(dir, 'b.txt');
    writeFileSync(file, 'one');
    utimesSync(file, 1_000, 1_000);
    expect(await sha256OfFile(file, join(dir, 's'))).toBe(sha('one'));
    writeFileSync(file, 'two'); // same size, new mtime
    utimesSync(file, 2_000, 2_000);
    expect(await sha256OfFile(file, join(dir, 's'))).toBe(sha('two'));
    writeFileSync(file, 'three');
    expect(await sha256OfFile(file)).toBe(sha('three'));
  });
});
