import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Qrels } from '../../src/core/types.js';
import { setProgressListener } from '../../src/core/progress.js';
import { evaluateRunFile } from '../../src/evaluate/evaluate.js';
import { observe } from '../helpers/observe.js';
import { tempDir } from '../helpers/tmp.js';

// evaluateRunFile's progress (only for runs over 32 MB) and its notes on stderr.

afterEach(() => {
  setProgressListener(undefined);
  vi.restoreAllMocks();
});

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

});
