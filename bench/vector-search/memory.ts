// Child of run.ts: one phase of the 1M × 384 memory figure, in a fresh process so that its peak
// RSS is the phase's own. `build DIR N DIM` writes the matrix chunk by chunk; `search DIR` loads it
// in the exact store and answers 8 queries. Prints {phase, seconds, maxRssMB} as JSON. The peak is
// VmHWM (this process image's own); getrusage's maxrss keeps the parent's peak across fork + exec.
import { readFileSync } from 'node:fs';
import exact from '../../src/vectors/exact.js';
import { randomUnitVectors, writeRandomMatrix } from './random-set.js';

const [phase, dir, n, dim] = process.argv.slice(2);
const start = performance.now();
if (phase === 'build') {
  writeRandomMatrix(dir, Number(n), Number(dim), 1);
} else {
  const store = await exact.open(dir, {});
  const queries = randomUnitVectors(8, store.dim, 99);
  await store.search(
    Array.from({ length: 8 }, (_, i) => `q${i}`),
    Array.from({ length: 8 }, (_, i) => queries.subarray(i * store.dim, (i + 1) * store.dim)),
    10,
  );
}
const seconds = (performance.now() - start) / 1000;
const hwmKiB = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
process.stdout.write(JSON.stringify({ phase, seconds, maxRssMB: hwmKiB / 1024 }) + '\n');
