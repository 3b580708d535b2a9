/**
 * Evaluation speed against trec_eval 10.0 (issues 6 and 13). Prints tables and writes bench/results/eval.json.
 *   npx tsx bench/eval/run.ts [QUERIES] [DEPTH] [--rounds N] [--huge | --huge-only]   (defaults 10000 × 1000, 3 rounds)
 * 1. End to end, whole processes, best of N interleaved rounds (wall = the headline, user+sys CPU,
 *    peak RSS from /usr/bin/time), ratios in the same run: trec_eval built from ../shared/peers in a
 *    temp folder vs `medir eval --per-query --format trec_eval`, for all_trec, the common case
 *    (ndcg_cut.10,recall.100,map) and the ungrouped run (each query split in two halves); outputs
 *    compared byte for byte.
 * 2. In process: nDCG@10 on pre-parsed 100-document rankings, medir's evaluate() against a
 *    numba-compiled kernel with trec_eval's semantics on the same data (bench/eval/ndcg_numba.py).
 * 3. --huge: a 100,000-query × 1,000-document run (≈ 3 GB), generated, evaluated, deleted: peak RSS.
 * The machine is shared: the load average is printed; only ratios measured in the same run count.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatTable } from '../../src/core/table.js';
import type { Run } from '../../src/core/types.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { readQrels } from '../../src/formats/qrels.js';
import { streamRun } from '../../src/formats/run.js';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';
import { buildTrecEval } from '../../test/helpers/trec-eval.js';
import { generate, splitHalves } from './generate.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--rounds'));
const queries = Number(positional[0] ?? 10_000);
const depth = Number(positional[1] ?? 1_000);
const hugeOnly = flag('--huge-only');
const rounds = hugeOnly ? 0 : option('--rounds', 3);
const results = join(PACKAGE_ROOT, 'bench', 'results');
const dataDir = join(results, `eval-data-${queries}x${depth}`);
const RANX_US_PER_QUERY = 3.4;
const COMMON = 'ndcg_cut.10,recall.100,map';

const medirBin = join(PACKAGE_ROOT, 'bin', 'medir');
const f = (x: number | undefined, d = 2) => (x === undefined ? 'n/a' : x.toFixed(d));
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const strip = ({ stdout: _o, ...t }: Timed) => t;

interface Timed {
  wall: number;
  cpu: number;
  rssMb: number;
  stdout: string;
  stderr: string;
}

/** Runs a command under /usr/bin/time; its stdout is kept to compare outputs. */
function timed(cmd: string, cmdArgs: string[]): Timed {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', cmd, ...cmdArgs], { encoding: 'utf8', env: { ...process.env, MEDIR_QUIET: '1' }, maxBuffer: 1 << 30 });
  const m = /TIME (\S+) (\S+) (\S+) (\d+)\s*$/.exec(r.stderr ?? '');
  if (!m || r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(' ')} failed: ${r.stderr}`);
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssMb: Number(m[4]) / 1024, stdout: r.stdout, stderr: r.stderr.slice(0, m.index) };
}

if (!existsSync('/usr/bin/time')) throw new Error('bench/eval needs /usr/bin/time');
const built = buildTrecEval();
if (!('binary' in built)) throw new Error(`cannot build trec_eval: ${built.skipped}`);
const trecEval = built.binary;
process.on('exit', () => rmSync(built.folder, { recursive: true, force: true }));

mkdirSync(results, { recursive: true });
const sorted = existsSync(join(dataDir, 'bench.run')) ? { qrels: join(dataDir, 'bench.qrels'), run: join(dataDir, 'bench.run') } : await generate(dataDir, queries, depth);
const ungrouped = join(dataDir, 'halves.run');
if (!existsSync(ungrouped)) await splitHalves(sorted.run, ungrouped, depth);
const runMb = statSync(sorted.run).size / 1e6;
console.log(`data: ${sorted.run} (${runMb.toFixed(0)} MB, ${queries} queries × ${depth}, 30 graded judgments a query); load average at start: ${load()}`);

let sectionJson: Record<string, unknown> = {};
if (!hugeOnly) sectionJson = await comparisons();

/** Sections 1 and 2; returns their part of the JSON. */
async function comparisons(): Promise<Record<string, unknown>> {
  // 1. End to end, interleaved rounds.
  const cases = [
    { name: 'all_trec', run: sorted.run, measures: 'all_trec' },
    { name: 'common case', run: sorted.run, measures: COMMON },
    { name: 'all_trec, ungrouped run', run: ungrouped, measures: 'all_trec' },
  ];
  const best = new Map<string, { te: Timed; medir: Timed }>();
  const identical = new Map<string, boolean>();
  const notes = new Set<string>();
  for (let round = 1; round <= rounds; round++) {
    for (const c of cases) {
      const te = timed(trecEval, ['-q', ...c.measures.split(',').flatMap((m) => ['-m', m]), sorted.qrels, c.run]);
      const medir = timed(process.execPath, [medirBin, 'eval', '--qrels', sorted.qrels, '--run', c.run, '--measures', c.measures, '--per-query', '--format', 'trec_eval']);
      if (medir.stderr.trim()) notes.add(`${c.name}: ${medir.stderr.trim()}`);
      identical.set(c.name, (identical.get(c.name) ?? true) && te.stdout === medir.stdout);
      const prev = best.get(c.name);
      best.set(c.name, { te: prev && prev.te.wall <= te.wall ? prev.te : te, medir: prev && prev.medir.wall <= medir.wall ? prev.medir : medir });
      console.error(`round ${round} ${c.name}: trec_eval ${te.wall} s, medir ${medir.wall} s (load ${load()})`);
    }
  }
  const e2eRows = cases.flatMap((c) => {
    const { te, medir } = best.get(c.name)!;
    return [
      [`trec_eval -q -m ${c.measures}`, c.name, f(te.wall), f(te.cpu), f(te.rssMb, 0), ''],
      [`medir eval --per-query`, c.name, f(medir.wall), f(medir.cpu), f(medir.rssMb, 0), `${f(te.wall / medir.wall)}× faster (wall), ${f(te.cpu / medir.cpu)}× (cpu); output ${identical.get(c.name) ? 'byte-identical' : 'DIFFERS'}`],
    ];
  });
  const sortedAll = best.get('all_trec')!.medir;
  const ungroupedAll = best.get('all_trec, ungrouped run')!.medir;
  console.log(`\nEnd to end, best of ${rounds} interleaved rounds (whole processes, stdout captured):`);
  console.log(formatTable(['command', 'case', 'wall s', 'cpu s', 'peak RSS MB', 'medir vs trec_eval'], e2eRows));
  console.log(`ungrouped / grouped run, medir: ${f(ungroupedAll.wall / sortedAll.wall)}× wall, ${f(ungroupedAll.cpu / sortedAll.cpu)}× cpu`);
  for (const note of notes) console.log(`medir said: ${note}`);
  
  // 2. In process: nDCG@10 over pre-parsed 100-document rankings.
  const qrels = await readQrels(sorted.qrels);
  const top100: Run = new Map();
  for await (const q of streamRun(sorted.run)) top100.set(q.qid, q.docs.slice(0, 100));
  let bestSeconds = Infinity;
  let mean = 0;
  for (let pass = 0; pass < 6; pass++) {
    const t = performance.now();
    mean = evaluate(qrels, top100, 'ndcg_cut.10').mean.get('ndcg_cut_10')!;
    if (pass > 0) bestSeconds = Math.min(bestSeconds, (performance.now() - t) / 1000);
  }
  const medirUs = (bestSeconds / top100.size) * 1e6;
  const top100File = join(dataDir, 'top100.run');
  if (!existsSync(top100File)) {
    let text = '';
    for (const [qid, docs] of top100) docs.forEach((d, i) => (text += `${qid} Q0 ${d.docId} ${i + 1} ${d.score} run\n`));
    writeFileSync(top100File, text);
  }
  const peer = spawnSync('python3', [join(PACKAGE_ROOT, 'bench', 'eval', 'ndcg_numba.py'), sorted.qrels, top100File], { encoding: 'utf8' });
  const numba = peer.status === 0 ? (JSON.parse(peer.stdout) as { us_per_query: number; mean: number }) : undefined;
  console.log(`\nIn process, nDCG@10 on ${top100.size} pre-parsed 100-document rankings (best of 5 warm passes):`);
  console.log(
    formatTable(
      ['system', 'µs / query', 'mean nDCG@10', 'medir vs it'],
      [
        ['medir evaluate()', f(medirUs, 3), f(mean, 6), ''],
        numba ? ['numba kernel (trec_eval semantics)', f(numba.us_per_query, 3), f(numba.mean, 6), `${f(numba.us_per_query / medirUs)}× (≥ 1 = medir faster)`] : ['numba kernel', `failed: ${peer.stderr.trim().split('\n').pop()}`, '', ''],
        ['ranx (published, for orientation)', String(RANX_US_PER_QUERY), '', `${f(RANX_US_PER_QUERY / medirUs)}×`],
      ],
    ),
  );
  if (numba && Math.abs(numba.mean - mean) > 1e-9) console.log(`WARNING: nDCG@10 means differ: medir ${mean}, numba ${numba.mean}`);
  return {
    endToEnd: Object.fromEntries([...best].map(([name, { te, medir }]) => [name, { trecEval: strip(te), medir: strip(medir), identical: identical.get(name) }])),
    ungroupedOverGrouped: ungroupedAll.wall / sortedAll.wall,
    ndcg10: { medirUsPerQuery: medirUs, numbaUsPerQuery: numba?.us_per_query, meanMedir: mean, meanNumba: numba?.mean, ranxPublishedUsPerQuery: RANX_US_PER_QUERY },
  };
}

// 3. A huge run in bounded memory.
let huge: { queries: number; runGb: number; medir: Timed } | undefined;
if (flag('--huge') || hugeOnly) {
  const hugeDir = join(results, 'eval-data-huge');
  const data = existsSync(join(hugeDir, 'bench.run')) ? { qrels: join(hugeDir, 'bench.qrels'), run: join(hugeDir, 'bench.run') } : await generate(hugeDir, 100_000, 1_000);
  const runGb = statSync(data.run).size / 1e9;
  try {
    huge = { queries: 100_000, runGb, medir: timed(process.execPath, [medirBin, 'eval', '--qrels', data.qrels, '--run', data.run, '--measures', COMMON, '--format', 'trec_eval']) };
  } finally {
    rmSync(hugeDir, { recursive: true, force: true });
  }
  console.log(`\nHuge run: 100,000 queries × 1,000 documents (${f(runGb)} GB), ${COMMON}: ${f(huge.medir.wall)} s wall, ${f(huge.medir.cpu)} s cpu, peak RSS ${f(huge.medir.rssMb, 0)} MB${huge.medir.stderr.trim() ? `; medir said: ${huge.medir.stderr.trim()}` : ' (streamed: the run is grouped by query)'}`);
}
console.log(`\nload average at the end: ${load()} (2 cores shared: wall time includes waiting for a core)`);

const json = {
  date: new Date().toISOString(),
  node: process.version,
  load: load(),
  data: { queries, depth, runMb, rounds },
  ...sectionJson,
  huge: huge && { queries: huge.queries, runGb: huge.runGb, medir: strip(huge.medir) },
};
writeFileSync(join(results, hugeOnly ? 'eval-huge.json' : 'eval.json'), JSON.stringify(json, null, 2) + '\n');
console.log(`wrote ${join(results, hugeOnly ? 'eval-huge.json' : 'eval.json')}`);
