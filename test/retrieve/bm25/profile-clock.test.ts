import { describe, expect, it, vi } from 'vitest';
import { profileClock } from '../../../src/retrieve/bm25/parallel-build.js';

// a system without /proc/thread-self/schedstat (not Linux, or /proc not mounted)
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readFileSync = (path: unknown, ...rest: unknown[]) => {
    if (String(path).endsWith('schedstat')) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${String(path)}'`), { code: 'ENOENT' });
    return (fs.readFileSync as (...args: unknown[]) => unknown)(path, ...rest);
  };
  return { ...fs, default: { ...fs, readFileSync }, readFileSync };
});

describe('profileClock where the CPU clock cannot be read', () => {
  it('falls back to wall seconds', async () => {
    const clock = profileClock(true);
    const t0 = clock();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(clock() - t0).toBeGreaterThanOrEqual(0.055);
  });
});
