import { lookup } from '../../core/registry.js';
import { bootstrap } from './bootstrap.js';
import type { PairedTest, PairedTestOptions, PairedTestResult } from './paired.js';
import { pairedT } from './paired-t.js';
import { randomization } from './randomization.js';
import { wilcoxon } from './wilcoxon.js';

/** Every paired significance test, by the name `--test` takes. Adding one = its file + one line here. */
export const PAIRED_TESTS = {
  'paired-t': pairedT,
  randomization,
  bootstrap,
  wilcoxon,
} as const satisfies Record<string, PairedTest>;

export type PairedTestName = keyof typeof PAIRED_TESTS;

/** Runs the named test on paired per-query values (a[i] and b[i] belong to the same query). */
export function pairedTest(kind: string, a: readonly number[], b: readonly number[], opts: PairedTestOptions = {}): PairedTestResult {
  return lookup<PairedTest>(PAIRED_TESTS, 'test', kind)(a, b, opts);
}

export type { PairedTestOptions, PairedTestResult } from './paired.js';
export { bootstrapCi } from './bootstrap.js';
export { correct, CORRECTIONS } from './corrections.js';
