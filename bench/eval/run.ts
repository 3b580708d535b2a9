/**
 * Evaluation speed (issue 6 part 5). Prints a table and writes bench/results/eval.json.
 *   npx tsx bench/eval/run.ts [QUERIES] [DEPTH]      (defaults 10000 × 1000: a ~317 MB run)
 * 1. End to end: `medir eval --measures all_trec` on the generated run, in its own process, with
 *    wall time, CPU time and peak RSS from /usr/bin/time; then `trec_eval -m all_trec` the same way
 *    when one is on PATH (none ships here: "not found, skipped").
 * 2. In process: parsing alone, and nDCG@10 alone in µs per query over 100-document rankings,
 *    against a pure-Python peer doing the same work on the same data (bench/eval/ndcg_peer.py).
 * The machine is shared: wall time moves with its load, CPU time much less; both are printed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatTable } from '../../src/core/table.js';
import type { Run } from '../../src/core/types.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { readQrels } from '../../src/formats/qrels.js';
import { streamRun, streamRunColumns } from '../../src/formats/run.js';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';
import { generate } from './generate.js';

const queries = Number(process.argv[2] ?? 10_000);
const depth = Number(process.argv[3] ?? 1_000);
const results = join(PACKAGE_ROOT, 'bench', 'results');
const dataDir = join(results, `eval-data-${queries}x${depth}`);

/** Issue 6's figures for orientation (trec_eval 10.0 on this machine kind; ranx's published nDCG@10). */
const REFERENCE = { trecEvalSeconds: 11.0, trecEvalRssMb: 787, ranxUsPerQuery: 3.4 };

interface Timed {
  wall: number;
  cpu: number;
  rssMb: number;
  status: number;
}

/** Runs a command under /usr/bin/time -f, stdout discarded. */
function timedProcess(cmd: string, args: string[]): Timed | undefined {
  if (!existsSync('/usr/bin/time')) return undefined;
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', cmd, ...args], { encoding: 'utf8', env: { ...process.env, MEDIR_QUIET: '1' }, maxBuffer: 1 << 30 });
  const m = /TIME (\S+) (\S+) (\S+) (\d+)/.exec(r.stderr ?? '');
  if (!m) throw new Error(`could not time ${cmd}: ${r.stderr}`);
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssMb: Number(m[4]) / 1024, status: r.status ?? -1 };
}

function onPath(name: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const cpuSeconds = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

mkdirSync(results, { recursive: true });
const { qrels: qrelsFile, run: runFile } = existsSync(join(dataDir, 'bench.run')) ? { qrels: join(dataDir, 'bench.qrels'), run: join(dataDir, 'bench.run') } : await generate(dataDir, queries, depth);
const runMb = statSync(runFile).size / 1e6;
console.error(`data: ${runFile} (${runMb.toFixed(0)} MB, ${queries} queries × ${depth})`);

// 1. End to end.
const medirE2e = timedProcess(process.execPath, [join(PACKAGE_ROOT, 'bin', 'medir'), 'eval', '--qrels', qrelsFile, '--run', runFile, '--measures', 'all_trec', '--format', 'trec_eval']);
const trecEvalPath = onPath('trec_eval');
const trecEval = trecEvalPath ? timedProcess(trecEvalPath, ['-m', 'all_trec', qrelsFile, runFile]) : undefined;

// 2. In process.
const qrels = await readQrels(qrelsFile);
let start = cpuSeconds();
let wall = performance.now();
let lines = 0;
for await (const q of streamRunColumns(runFile)) lines += q.docIds.length;
const parse = { cpu: cpuSeconds() - start, wall: (performance.now() - wall) / 1000, lines };

const top100: Run = new Map();
for await (const q of streamRun(runFile)) top100.set(q.qid, q.docs.slice(0, 100));
let best = Infinity;
let value = 0;
for (let pass = 0; pass < 6; pass++) {
  const t = performance.now();
  value = evaluate(qrels, top100, 'ndcg@10').mean.get('ndcg_cut_10')!;
  if (pass > 0) best = Math.min(best, (performance.now() - t) / 1000);
}
const medirUs = (best / top100.size) * 1e6;

const top100File = join(dataDir, 'top100.run');
if (!existsSync(top100File)) {
  let text = '';
  for (const [qid, docs] of top100) docs.forEach((d, i) => (text += `${qid} Q0 ${d.docId} ${i + 1} ${d.score} run\n`));
  writeFileSync(top100File, text);
}
const peer = spawnSync('python3', [join(PACKAGE_ROOT, 'bench', 'eval', 'ndcg_peer.py'), qrelsFile, top100File, '100'], { encoding: 'utf8' });
const python = peer.status === 0 ? (JSON.parse(peer.stdout) as { us_per_query: number; mean: number }) : undefined;

/** The trec_eval figure is for 10,000 × 1,000: compare with it only at that size. */
const fullSize = queries === 10_000 && depth === 1_000;
const f = (x: number | undefined, d = 2) => (x === undefined ? 'n/a' : x.toFixed(d));
const rows = [
  ['medir eval all_trec (CLI)', `${runMb.toFixed(0)} MB run`, f(medirE2e?.wall), f(medirE2e?.cpu), f(medirE2e?.rssMb, 0), medirE2e && fullSize ? `ref/medir: ${f(REFERENCE.trecEvalSeconds / medirE2e.wall)}× (wall), ${f(REFERENCE.trecEvalSeconds / medirE2e.cpu)}× (cpu)` : ''],
  trecEval
    ? ['trec_eval -m all_trec', `${runMb.toFixed(0)} MB run`, f(trecEval.wall), f(trecEval.cpu), f(trecEval.rssMb, 0), medirE2e ? `medir ${f(trecEval.wall / medirE2e.wall)}× faster (wall)` : '']
    : ['trec_eval -m all_trec', 'not found, skipped', '', '', '', ''],
  ['trec_eval 10.0 (issue 6 reference)', '10k × 1000 run, not measured here', f(REFERENCE.trecEvalSeconds, 1), '', String(REFERENCE.trecEvalRssMb), ''],
  ['medir run parsing only (in process)', `${(parse.lines / 1e6).toFixed(1)}M lines`, f(parse.wall), f(parse.cpu), '', `${f((parse.cpu / parse.lines) * 1e6, 3)} µs/line cpu`],
  ['medir nDCG@10 (in process)', `${top100.size} q × 100 docs`, '', '', '', `${f(medirUs, 3)} µs/query`],
  ['python peer nDCG@10 (in process)', 'same data', '', '', '', python ? `${f(python.us_per_query, 3)} µs/query; medir ${f(python.us_per_query / medirUs, 1)}× faster` : 'python3 failed, skipped'],
  ['ranx nDCG@10 (published)', '100-doc rankings', '', '', '', `${REFERENCE.ranxUsPerQuery} µs/query; medir ${f(REFERENCE.ranxUsPerQuery / medirUs, 1)}× faster`],
];
console.log(formatTable(['system', 'workload', 'wall s', 'cpu s', 'peak RSS MB', 'per item / ratio'], rows));
console.log(`load average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (2 cores shared: wall time includes waiting for a core)`);
if (python && Math.abs(python.mean - value) > 1e-9) console.log(`WARNING: nDCG@10 means differ: medir ${value}, python ${python.mean}`);

const json = {
  date: new Date().toISOString(),
  node: process.version,
  data: { queries, depth, runMb, lines: parse.lines },
  medirEndToEnd: medirE2e,
  trecEval: trecEval ?? 'not found, skipped',
  reference: REFERENCE,
  parse,
  ndcg10: { medirUsPerQuery: medirUs, pythonUsPerQuery: python?.us_per_query, meanMedir: value, meanPython: python?.mean },
};
writeFileSync(join(results, 'eval.json'), JSON.stringify(json, null, 2) + '\n');
console.log(`wrote ${join(results, 'eval.json')}`);
