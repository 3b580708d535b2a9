// The vitest config StrykerJS runs under bench/mutation/run.ts: only the tests of the folder being
// mutated (MEDIR_MUTATION_TESTS, comma-separated globs), one worker (Stryker runs two of these).
export default {
  test: {
    include: (process.env.MEDIR_MUTATION_TESTS ?? 'test/**/*.test.ts').split(','),
    testTimeout: 120_000,
    maxWorkers: 1,
    env: { MEDIR_QUIET: '1' },
  },
};
