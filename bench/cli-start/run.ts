/**
 * CLI start-up: `medir --version` against bare Node (the floor) and against importing the heavy
 * libraries medir now loads only on use (what a command that never runs a model no longer pays).
 *   npx tsx bench/cli-start/run.ts [repeats]
 * Prints a table (median of the repeats) and writes bench/results/cli-start.json. Needs /usr/bin/time.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { formatTable } from '../../src/core/table.js';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';

const repeats = Number(process.argv[2] ?? 7);
const cases: [string, string[]][] = [
  ['node (bare)', ['-e', '0']],
  ['medir --version', [join(PACKAGE_ROOT, 'bin', 'medir'), '--version']],
  ['import transformers.js', ['-e', "import('@huggingface/transformers')"]],
  ['import @lancedb/lancedb', ['-e', "import('@lancedb/lancedb')"]],
];

/** Wall seconds, CPU seconds and peak RSS of one run, from GNU time. */
function measure(args: string[]): { wall: number; cpu: number; rssMb: number } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  const [wall, user, sys, rssKb] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { wall, cpu: user + sys, rssMb: rssKb / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = cases.map(([name, args]) => {
  measure(args); // warm the file cache and tsx's transform cache
  const runs = Array.from({ length: repeats }, () => measure(args));
  return { name, wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)), rssMb: median(runs.map((r) => r.rssMb)) };
});
const floor = results[0];
console.log(
  formatTable(
    ['what', 'wall s', 'CPU s', 'peak RSS MB', 'wall / bare node'],
    results.map((r) => [r.name, r.wall.toFixed(2), r.cpu.toFixed(2), r.rssMb.toFixed(0), (r.wall / floor.wall).toFixed(1)]),
  ),
);
writeFileAtomic(join(PACKAGE_ROOT, 'bench', 'results', 'cli-start.json'), JSON.stringify({ createdAt: new Date().toISOString(), repeats, results }, null, 2) + '\n');
