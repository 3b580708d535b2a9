import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Two cores everywhere: one worker per core keeps model-loading tests from starving each other.
    maxWorkers: 2,
  },
});
