/**
 * CLI start-up: `medir --version` and `medir eval --help` (the compiled CLI, as bin/medir runs it)
 * against bare Node, the floor, and against importing the heavy libraries medir loads only on use.
 * The cases take turns in each round, so a load change on the machine hits all of them alike.
 *   npm run build && npx tsx bench/cli-start/run.ts [repeats]
 * Prints a table (median of the repeats) and the load average, and writes bench/results/cli-start.json.
 * Needs /usr/bin/time.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { formatTable } from '../../src/core/table.js';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';
import { median } from '../median.js';

const repeats = Number(process.argv[2] ?? 7);
const medir = join(PACKAGE_ROOT, 'bin', 'medir');
const cases: [string, string[]][] = [
  ['node (bare)', ['-e', '0']],
  ['medir --version', [medir, '--version']],
  ['medir eval --help', [medir, 'eval', '--help']],
  ['import transformers.js', ['-e', "import('@huggingface/transformers')"]],
  ['import @lancedb/lancedb', ['-e', "import('@lancedb/lancedb')"]],
];
/** What the issue asks: these within this factor of bare Node. */
const TARGET = 2.5;

interface Sample {
  wall: number;
  cpu: number;
  rssMb: number;
}

/** Wall seconds, CPU seconds and peak RSS of one run, from GNU time. */
function measure(args: string[]): Sample {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  const [wall, user, sys, rssKb] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { wall, cpu: user + sys, rssMb: rssKb / 1024 };
}

const load = loadavg()[0];
for (const [, args] of cases) measure(args); // warm the file cache
const samples: Sample[][] = cases.map(() => []);
for (let round = 0; round < repeats; round++) cases.forEach(([, args], i) => samples[i].push(measure(args)));
const results = cases.map(([name], i) => ({
  name,
  wall: median(samples[i].map((s) => s.wall)),
  cpu: median(samples[i].map((s) => s.cpu)),
  rssMb: median(samples[i].map((s) => s.rssMb)),
}));
const floor = results[0];
console.log(
  formatTable(
    ['what', 'wall s', 'CPU s', 'peak RSS MB', 'wall / bare node'],
    results.map((r) => [r.name, r.wall.toFixed(2), r.cpu.toFixed(2), r.rssMb.toFixed(0), (r.wall / floor.wall).toFixed(1)]),
  ),
);
const verdicts = results.slice(1, 3).map((r) => ({ name: r.name, ratio: r.wall / floor.wall, within: r.wall / floor.wall <= TARGET }));
for (const v of verdicts) console.log(`${v.name}: ${v.ratio.toFixed(2)}× bare node — ${v.within ? 'within' : 'NOT within'} the ${TARGET}× target`);
console.log(`median of ${repeats}; load average at start ${load.toFixed(2)}, at end ${loadavg()[0].toFixed(2)}`);
writeFileAtomic(
  join(PACKAGE_ROOT, 'bench', 'results', 'cli-start.json'),
  JSON.stringify({ createdAt: new Date().toISOString(), repeats, loadAverage: load, target: TARGET, results, verdicts }, null, 2) + '\n',
);
