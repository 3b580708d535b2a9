import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PAIRED_TESTS } from '../../../src/evaluate/stats/registry.js';

/** Files of src/evaluate/stats/ that are shared machinery, not tests. */
const HELPERS = ['corrections.ts', 'distributions.ts', 'paired.ts', 'random.ts', 'registry.ts'];

describe('paired test registry', () => {
  it('has one file per test (bootstrap.ts also holds the bootstrap CI)', () => {
    const dir = fileURLToPath(new URL('../../../src/evaluate/stats/', import.meta.url));
    const files = readdirSync(dir).filter((f) => !HELPERS.includes(f)).sort();
    expect(Object.keys(PAIRED_TESTS).map((t) => `${t}.ts`).sort()).toEqual(files);
  });
});
