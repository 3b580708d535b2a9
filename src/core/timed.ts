export interface Timed<T> {
  value: T;
  seconds: number;
}

/** Runs `work` and says how long it took (wall clock). */
export async function timed<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const start = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - start) / 1000 };
}

/** CPU seconds (user + system, every thread) this process has used so far: unlike wall time, not the neighbours' load. */
export function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}
