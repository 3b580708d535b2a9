import { spawnSync } from 'node:child_process';
import { PACKAGE_ROOT } from '../src/mirror/locations.js';

/**
 * Vitest global setup: bundles the CLI from the current sources before any test spawns `bin/medir`,
 * so CLI tests run the compiled build (as users do) and never a stale one. Half a second.
 */
export default function setup(): void {
  const r = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building the CLI failed:\n${r.stderr}`);
}
