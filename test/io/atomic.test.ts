import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDirAtomic } from '../../src/io/atomic.js';
import { tempDir } from '../helpers/tmp.js';

describe('atomic directory builds', () => {
  it('removes what a killed build left behind, and keeps a live build’s temp folder', async () => {
    const parent = tempDir();
    const target = join(parent, 'idx');
    // A finished child's pid stands for a build that was killed; our own pid for one still running.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const abandoned = join(parent, `.idx.tmp-${dead}-x1`);
    const running = join(parent, `.idx.tmp-${process.pid}-x2`);
    for (const dir of [abandoned, running]) {
      mkdirSync(dir);
      writeFileSync(join(dir, 'half.bin'), 'partial');
    }
    await buildDirAtomic(target, async (tmp) => writeFileSync(join(tmp, 'done.bin'), 'ok'));
    expect(existsSync(abandoned)).toBe(false);
    expect(existsSync(running)).toBe(true);
    expect(readdirSync(target)).toEqual(['done.bin']);
  });
});
