import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Qrels } from '../../src/core/types.js';
import { setProgressListener, type ProgressEvent } from '../../src/core/progress.js';
import { evaluateRunFile } from '../../src/evaluate/evaluate.js';
import { tempDir } from '../helpers/tmp.js';

// evaluateRunFile's progress (only for runs over 32 MB) and its notes on stderr.

afterEach(() => {
  setProgressListener(undefined);
  vi.restoreAllMocks();
});

/** Progress events and stderr text while `work` runs. */
async function observe<T>(work: () => Promise<T>): Promise<{ result: T; events: ProgressEvent[]; stderr: string }> {
  const events: ProgressEvent[] = [];
  setProgressListener((e) => events.push(e));
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const result = await work();
  vi.restoreAllMocks();
  return { result, events, stderr };
}

describe('evaluateRunFile: progress and notes', () => {
  it('a small grouped run: no progress, no note, the tag as runId', async () => {
    const path = join(tempDir(), 'small.run');
    writeFileSync(path, 'q1 Q0 a 1 2 tagA\nq1 Q0 b 2 1 tagA\nq2 Q0 c 1 1 tagB\n');
    const qrels: Qrels = new Map([['q1', new Map([['b', 1]])], ['q2', new Map([['c', 1]])]]);
    const { result, events, stderr } = await observe(() => evaluateRunFile(qrels, path, 'map'));
    expect(events).toEqual([]);
    expect(stderr).toBe('');
    // q1: b at rank 2, AP 1/2; q2: c at rank 1, AP 1; mean 3/4.
    expect(result.mean.get('map')).toBe(0.75);
    expect(result.runId).toBe('tagB');
  });

  it('an ungrouped run held in memory says so once, and is evaluated whole', async () => {
    const path = join(tempDir(), 'ungrouped.run');
    writeFileSync(path, 'q1 Q0 a 1 2 t\nq2 Q0 c 1 1 t\nq1 Q0 b 2 1 t\n');
    const qrels: Qrels = new Map([['q1', new Map([['b', 1]])], ['q2', new Map([['c', 1]])]]);
    const { result, stderr } = await observe(() => evaluateRunFile(qrels, path, 'map'));
    expect(stderr).toBe(`note: ${path}: the run is not grouped by query, so every line was held in memory until its end\n`);
    expect(result.mean.get('map')).toBe(0.75);
  });

  it('a run over 32 MB reports progress: one tick per judged query, named for the file', async () => {
    // 4 lines, the first with a 32,000,000-byte tag; q2 has no judgments (no tick), q9 no ranking.
    const path = join(tempDir(), 'large.run');
    const tail = 'q0 Q0 d1 2 1 t\nq1 Q0 d0 1 1 t\nq2 Q0 d0 1 1 t\n';
    writeFileSync(path, Buffer.concat([Buffer.from('q0 Q0 d0 1 2 '), Buffer.alloc(32_000_000, 'x'), Buffer.from(`\n${tail}`)]));
    const qrels: Qrels = new Map([['q0', new Map([['d1', 1]])], ['q1', new Map([['d0', 1]])], ['q9', new Map([['d0', 1]])]]);
    const { result, events, stderr } = await observe(() => evaluateRunFile(qrels, path, 'num_rel_ret'));
    expect(stderr).not.toMatch(/note:/); // grouped: progress lines only
    expect(result.mean.get('num_rel_ret')).toBe(2);
    expect(events.at(-1)).toMatchObject({ stage: `evaluating ${path}`, done: 2, total: 3, finished: true });
  });
});
