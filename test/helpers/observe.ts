import { vi } from 'vitest';
import { setProgressListener, type ProgressEvent } from '../../src/core/progress.js';

/** Progress events and stderr text while `work` runs. */
export async function observe<T>(work: () => Promise<T>): Promise<{ result: T; events: ProgressEvent[]; stderr: string }> {
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
