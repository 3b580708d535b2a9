// The vitest config StrykerJS runs under bench/mutation/run.ts: only the tests of the folder being
// mutated (MEDIR_MUTATION_TESTS, comma-separated globs; `!glob` leaves files out), one worker
// (Stryker runs two of these). worker-mutant.mjs activates the mutant in the worker threads a test starts.
const globs = (process.env.MEDIR_MUTATION_TESTS ?? 'test/**/*.test.ts').split(',');
export default {
  test: {
    include: globs.filter((g) => !g.startsWith('!')),
    exclude: ['**/node_modules/**', ...globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1))],
    testTimeout: 120_000,
    maxWorkers: 1,
    env: { MEDIR_QUIET: '1' },
    setupFiles: [new URL('./worker-mutant.mjs', import.meta.url).pathname],
  },
};
