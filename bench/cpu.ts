// CPU time for benchmarks on a shared machine: wall time counts the neighbours' load, CPU seconds do not.
import { cpuSeconds } from '../src/core/timed.js';

export { cpuSeconds };

/** CPU seconds this process spent in `fn`, and its result. */
export async function cpuSecondsOf<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = cpuSeconds();
  const out = await fn();
  return [cpuSeconds() - start, out];
}
