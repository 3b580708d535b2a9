// CPU time for benchmarks on a shared machine: wall time counts the neighbours' load, CPU seconds do not.

/** CPU seconds (user + system, every thread) this process has used so far. */
export function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** CPU seconds this process spent in `fn`, and its result. */
export async function cpuSecondsOf<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = cpuSeconds();
  const out = await fn();
  return [cpuSeconds() - start, out];
}
