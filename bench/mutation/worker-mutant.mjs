// A vitest setup file of mutation runs only (bench/mutation/vitest.config.mjs). StrykerJS activates
// a mutant in the test's thread alone (globalThis.__stryker__.activeMutant), so a worker thread the
// test starts (the BM25 build's, src/analyze/parallel.ts) would run the original code. Its
// instrumented code takes the active mutant from process.env.__STRYKER_ACTIVE_MUTANT__ when its
// own thread has none, and a worker starts with a copy of process.env: copying the mutant there for
// each test activates it in the workers that test starts too.
import { afterEach, beforeEach } from 'vitest';

const ENV = '__STRYKER_ACTIVE_MUTANT__';

beforeEach(() => {
  const mutant = globalThis.__stryker__?.activeMutant;
  if (mutant !== undefined) process.env[ENV] = mutant;
});
afterEach(() => {
  delete process.env[ENV];
});
