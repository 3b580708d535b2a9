/**
 * First run vs rerun of an experiment (default experiments/nfcorpus.yaml) through the compiled CLI:
 * the first run starts from an empty stage cache and index folder (every index built, every stage
 * computed); the rerun, into a fresh experiment folder, finds every stage output in the cache.
 * Both share the machine's load in the same script; the ratio is the figure.
 *   npm run build && npx tsx bench/experiment/run.ts [config]
 * Prints a table and the load average, and writes bench/results/experiment.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTable } from '../../src/core/table.js';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';

const config = process.argv[2] ?? join(PACKAGE_ROOT, 'experiments', 'nfcorpus.yaml');
const work = mkdtempSync(join(tmpdir(), 'medir-bench-experiment-'));
const env = { ...process.env, MEDIR_CACHE: join(work, 'cache'), MEDIR_INDEXES: join(work, 'indexes'), MEDIR_QUIET: '1' };

function timedRun(out: string): { seconds: number; stdout: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'medir'), 'experiment', 'run', config, '--out', join(work, out)], { cwd: PACKAGE_ROOT, env, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`experiment run failed: ${r.stderr}`);
  return { seconds, stdout: r.stdout };
}

const load = loadavg()[0];
try {
  const first = timedRun('first');
  const rerun = timedRun('rerun');
  const same = first.stdout.replace(/results in .*\n/, '') === rerun.stdout.replace(/results in .*\n/, '');
  console.log(first.stdout);
  console.log(formatTable(['run', 'wall s', 'vs first'], [
    ['first (empty cache)', first.seconds.toFixed(1), '1.00'],
    ['rerun (every stage cached)', rerun.seconds.toFixed(1), (rerun.seconds / first.seconds).toFixed(2)],
  ]));
  console.log(`same table both times: ${same ? 'yes' : 'NO'}; load average at start ${load.toFixed(2)}, at end ${loadavg()[0].toFixed(2)}`);
  writeFileAtomic(join(PACKAGE_ROOT, 'bench', 'results', 'experiment.json'), JSON.stringify({ createdAt: new Date().toISOString(), config, loadAverage: load, first: first.seconds, rerun: rerun.seconds, same }, null, 2) + '\n');
  if (!same) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
