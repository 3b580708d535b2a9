/**
 * The fast BM25 build on 1 and more threads (issue 20): each build in its own process, thread
 * counts interleaved run by run so drifting load hits them alike; per corpus and thread count the
 * median wall time of the runs, the CPU seconds (all threads), the speed-up over one thread, the
 * phases of the median run, and whether every build wrote the same index bytes. Prints the load
 * average before and after each corpus (the machine may be shared) and writes
 * bench/results/bm25-build-threads.json.
 *   npx tsx bench/bm25/build-threads.ts                       NFCorpus, SciFact, Zipf 50k and 500k; 1,2 threads; 3 runs
 *   npx tsx bench/bm25/build-threads.ts --only zipf-500k --threads 1,2 --runs 3
 *   --min-docs N   threads only from N documents (default 0: always, to find the crossover;
 *                  'auto': the library's MIN_PARALLEL_DOCS, as `medir index` runs)
 *   --pair         also run two one-thread builds at the same time, each in its own process: what
 *                  the machine itself gives two threads that share nothing (its ceiling for 2 threads)
 */
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { MIN_PARALLEL_DOCS } from '../../src/analyze/parallel.js';
import { formatTable } from '../../src/core/table.js';
import { writeFileAtomic } from '../../src/io/atomic.js';
import type { ThreadProfile } from '../../src/retrieve/bm25/parallel-build.js';
import { textPlan, work, zipfPlan, type CorpusPlan } from './corpora.js';

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const only = arg('--only', 'nfcorpus,scifact,zipf-50k,zipf-500k').split(',');
const threadCounts = arg('--threads', '1,2').split(',').map(Number);
const runs = Number(arg('--runs', '3'));
const minDocsArg = arg('--min-docs', '0');
const minDocs = minDocsArg === 'auto' ? MIN_PARALLEL_DOCS : Number(minDocsArg);
const pair = process.argv.includes('--pair');

interface Build {
  documents: number;
  wall_s: number;
  cpu_s: number;
  phases: Record<string, number>;
  /** Batches each thread counted, this one first (threaded builds). */
  batches?: number[];
  /** Each thread's CPU seconds by activity, this one first. */
  threads: ThreadProfile[];
  sha256: string;
}

function cellArgs(plan: CorpusPlan, threads: number): string[] {
  const specFile = join(work, `${plan.name}.build.spec.json`);
  writeFileSync(specFile, JSON.stringify({ ...plan.spec, threads, minDocs }));
  return ['--import', 'tsx', join(import.meta.dirname, 'build-cell.ts'), specFile];
}
const parseBuild = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!) as Build;

function build(plan: CorpusPlan, threads: number): Build {
  const child = spawnSync(process.execPath, cellArgs(plan, threads), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`${plan.name}, ${threads} threads: build failed (exit ${child.status})`);
  return parseBuild(child.stdout);
}

/** Two one-thread builds started together, each in its own process. */
async function buildPair(plan: CorpusPlan): Promise<Build[]> {
  const args = cellArgs(plan, 1);
  const one = () =>
    new Promise<Build>((resolve, reject) => {
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d));
      child.on('close', (code) => (code === 0 ? resolve(parseBuild(out)) : reject(new Error(`${plan.name}: paired build failed (exit ${code})`))));
    });
  return Promise.all([one(), one()]);
}

const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const started = performance.now();
const results = [];
const pairs: { corpus: string; builds: Build[]; alone: Build[] }[] = [];
for (const name of only) {
  const plan = name.startsWith('zipf-') ? zipfPlan(Number(name.slice(5, -1)) * 1000) : await textPlan(name);
  const loadBefore = load();
  const builds = new Map<number, Build[]>(threadCounts.map((t) => [t, []]));
  for (let r = 0; r < runs; r++) {
    for (const t of threadCounts) {
      process.stderr.write(`${name}: ${t} thread(s), run ${r + 1}/${runs}…\n`);
      builds.get(t)!.push(build(plan, t));
    }
  }
  if (pair) {
    for (let r = 0; r < runs; r++) {
      process.stderr.write(`${name}: two one-thread builds at once, run ${r + 1}/${runs}…\n`);
      pairs.push({ corpus: name, builds: await buildPair(plan), alone: builds.get(1) ?? [] });
    }
  }
  const loadAfter = load();
  const hashes = new Set([...builds.values()].flat().map((b) => b.sha256));
  const oneWall = builds.has(1) ? median(builds.get(1)!.map((b) => b.wall_s)) : undefined;
  for (const [threads, bs] of builds) {
    const wall = median(bs.map((b) => b.wall_s));
    const mid = bs.find((b) => b.wall_s === wall)!;
    results.push({
      corpus: name,
      documents: mid.documents,
      threads,
      wall_s: wall,
      walls: bs.map((b) => b.wall_s),
      cpu_s: median(bs.map((b) => b.cpu_s)),
      speedup: oneWall !== undefined ? oneWall / wall : undefined,
      phases: mid.phases,
      batches: mid.batches,
      profile: mid.threads,
      identical: hashes.size === 1,
      loadBefore,
      loadAfter,
    });
  }
}

console.log(`\nBM25 build (fast engine, Lucene) by threads; ${cpus().length} CPUs; ${runs} runs each, thread counts interleaved; threads from ${minDocs} documents`);
console.log('wall: median of the runs; CPU: every thread; phases: the median run (count = documents to term counts, collect/merge = the threads\' counts to one vocabulary, score = postings scored and written, load = into the query kernel)\n');
const f = (x: number | undefined, d = 2) => (x === undefined ? '' : x.toFixed(d));
console.log(
  formatTable(
    ['corpus', 'docs', 'threads', 'wall s', 'runs (wall s)', 'CPU s', 'docs/s', 'vs 1 thread', 'phases (s)', 'batches per thread', 'same bytes', 'load before → after'],
    results.map((r) => [
      r.corpus,
      String(r.documents),
      String(r.threads),
      f(r.wall_s),
      r.walls.map((w) => w.toFixed(2)).join(' '),
      f(r.cpu_s),
      (r.documents / r.wall_s).toFixed(0),
      f(r.speedup),
      Object.entries(r.phases).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', '),
      r.batches?.join(' / ') ?? '',
      r.identical ? 'yes' : 'NO',
      `${r.loadBefore} → ${r.loadAfter}`,
    ]),
  ),
);
console.log('\nProfile of the median run: each thread\'s CPU seconds (its own, from /proc/thread-self/schedstat) by activity, and per term (ns):');
console.log('count = terms counted into its vocabulary (1 thread: pulling the documents too), send = a worker\'s batch made into UTF-8 bytes, input = pulling documents (the Zipf term lists are made then) and taking replies,');
console.log('write = postings scored and written (1 thread: and loaded into the query kernel); in wall seconds: wait = this thread awaiting the workers (after counting and after writing), idle = the count phase a worker did not count (its start included)\n');
const ns = (s: number | undefined, tokens: number | undefined) => (s === undefined || !tokens ? '' : ((s / tokens) * 1e9).toFixed(0));
console.log(
  formatTable(
    ['corpus', 'threads', 'thread', 'batches', 'M terms counted', 'count s', 'ns/term', 'M terms sent', 'send s', 'ns/term', 'input s', 'ns/term', 'wait / idle s', 'write s'],
    results.flatMap((r) =>
      r.profile.map((p, i) => {
        const allTokens = r.profile.reduce((n, q) => n + q.tokens, 0);
        return [
          r.corpus,
          String(r.threads),
          i === 0 ? 'this' : `worker ${i}`,
          String(p.batches),
          (p.tokens / 1e6).toFixed(1),
          f(p.seconds.count),
          ns(p.seconds.count, p.tokens),
          p.sentTokens === undefined ? '' : (p.sentTokens / 1e6).toFixed(1),
          f(p.seconds.send),
          ns(p.seconds.send, p.sentTokens),
          f(p.seconds.input),
          ns(p.seconds.input, allTokens),
          f(p.seconds.wait ?? p.seconds.idle),
          f(p.seconds.write),
        ];
      }),
    ),
  ),
);
// What the threads' own CPU seconds allow: the slowest thread's count phase, its write phase and the serial phases
// (collect, merge, load: wall) against one thread's count + score. Where per-term costs hold, wall time follows it.
for (const r of results) {
  const one = results.find((o) => o.corpus === r.corpus && o.threads === 1);
  if (r.threads === 1 || !one) continue;
  const [me, ...workers] = r.profile;
  const counting = Math.max(me.seconds.count + me.seconds.send + me.seconds.input, ...workers.map((w) => w.seconds.count));
  const writing = Math.max(...r.profile.map((p) => p.seconds.write));
  const serial = (r.phases.collect ?? 0) + (r.phases.merge ?? 0) + (r.phases.load ?? 0);
  const single = one.profile[0].seconds.count + one.profile[0].seconds.write;
  console.log(`${r.corpus}, ${r.threads} threads: slowest thread ${f(counting)} s counting + ${f(writing)} s writing + ${f(serial)} s serial (wall) against ${f(single)} CPU s on one thread: ${f(single / (counting + writing + serial))}× from CPU seconds`);
}
// Two builds that share nothing but the machine: if each needs more CPU seconds than alone, the
// cores (or their caches and memory) are shared, and no split of one build across 2 threads can beat
// 2 / that factor.
const pairRows = [...new Set(pairs.map((p) => p.corpus))].map((corpus) => {
  const ps = pairs.filter((p) => p.corpus === corpus);
  const alone = median(ps[0].alone.map((b) => b.cpu_s));
  const together = median(ps.flatMap((p) => p.builds.map((b) => b.cpu_s)));
  return { corpus, aloneCpu_s: alone, togetherCpu_s: together, slowdown: together / alone, ceiling: 2 / (together / alone), togetherWall_s: median(ps.map((p) => Math.max(...p.builds.map((b) => b.wall_s)))) };
});
if (pairRows.length) {
  console.log('\nTwo one-thread builds at the same time (each its own process, nothing shared): CPU seconds of each, median over runs and builds');
  console.log(
    formatTable(
      ['corpus', 'CPU s alone', 'CPU s each, two at once', 'slowdown', 'ceiling for 2 threads (2 / slowdown)', 'wall s, both done'],
      pairRows.map((r) => [r.corpus, f(r.aloneCpu_s), f(r.togetherCpu_s), `${f(r.slowdown)}×`, `${f(r.ceiling)}×`, f(r.togetherWall_s)]),
    ),
  );
}
const seconds = (performance.now() - started) / 1000;
console.log(`\nbench/bm25/build-threads.ts took ${seconds.toFixed(0)} s`);
writeFileAtomic(join('bench', 'results', 'bm25-build-threads.json'), JSON.stringify({ createdAt: new Date().toISOString(), cpus: cpus().length, minDocs, runs, seconds, results, pairs: pairRows }, null, 2) + '\n');
if (results.some((r) => !r.identical)) process.exitCode = 1;
