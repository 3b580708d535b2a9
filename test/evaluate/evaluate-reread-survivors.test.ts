import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Qrels } from '../../src/core/types.js';
import { evaluateRunFile } from '../../src/evaluate/evaluate.js';
import { tempDir } from '../helpers/tmp.js';

// A run found ungrouped after the reader stopped holding lines is read again whole. The real limit is
// 12M lines; here the real reader runs with a limit of 1 line (evaluateRunBytes's holdLines parameter).
vi.mock('../../src/evaluate/run-file.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/evaluate/run-file.js')>();
  return { ...real, evaluateRunBytes: (file: string, evaluator: Parameters<typeof real.evaluateRunBytes>[1], onQuery?: () => void) => real.evaluateRunBytes(file, evaluator, onQuery, 1) };
});

afterEach(() => vi.restoreAllMocks());

describe('evaluateRunFile: a run ungrouped too late', () => {
  it('is read again whole: the numbers of the whole run, its tag, and a note', async () => {
    // q1's lines come back after q2's, once q1 (2 lines) went past the 1-line limit.
    const path = join(tempDir(), 'late.run');
    writeFileSync(path, 'q1 Q0 a 1 3 t1\nq1 Q0 n 2 2 t1\nq2 Q0 c 1 1 t2\nq1 Q0 b 3 1 t3\n');
    const qrels: Qrels = new Map([['q1', new Map([['a', 1], ['b', 1]])], ['q2', new Map([['c', 1]])]]);
    let stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    const result = await evaluateRunFile(qrels, path, 'map,num_ret');
    vi.restoreAllMocks();
    expect(stderr).toBe(`note: ${path}: the run is not grouped by query and too large to hold compactly: read again whole\n`);
    // q1 whole: a n b, relevant at 1 and 3: AP (1 + 2/3) / 2 = 5/6, 3 retrieved; q2: AP 1, 1 retrieved.
    expect(result.perQuery.get('q1')!.get('map')).toBeCloseTo(5 / 6, 12);
    expect(result.perQuery.get('q1')!.get('num_ret')).toBe(3);
    expect(result.mean.get('map')).toBeCloseTo((5 / 6 + 1) / 2, 12);
    expect(result.runId).toBe('t3');
  });
});
