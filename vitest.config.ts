import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    globalSetup: ['./test/build-cli.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Two cores everywhere: one worker per core keeps model-loading tests from starving each other.
    maxWorkers: 2,
    // Tests never write into the user's cache or index folders; each run starts from empty ones.
    env: {
      MEDIR_CACHE: process.env.MEDIR_TEST_CACHE ?? mkdtempSync(join(tmpdir(), 'medir-test-cache-')),
      MEDIR_INDEXES: mkdtempSync(join(tmpdir(), 'medir-test-indexes-')),
    },
  },
});
