// bench/queue: what the BullMQ queue costs over plain `--shard i/N` processes, and the paper
// estimate for 36M documents through the queue.
//   npx tsx bench/queue/run.ts [--rounds 2] [--shards 4] [--documents 36000000]
// Both builds do SciFact BM25 in 4 shards and a merge, one at a time, each in a fresh cache and
// index folder: plain = 5 `medir index` processes (--shard 0/4 … 3/4, --merge); queue = one standing
// `medir worker` (started before the clock) and `medir index --queue … --wait`. Wall and CPU
// seconds (user + system: /usr/bin/time, and /proc for the worker with its job processes; plus
// redis-server's own CPU from INFO), rounds alternating which goes first. Redis's load comes from INFO: commands
// per job and the bytes of a job's data. Prints tables; writes bench/results/queue.json.
// The estimate takes issue 21's measured figures from bench/results/embed-estimate.json (written
// by `npx tsx bench/embed/estimate.ts`), or, absent it, the values that run printed into the README.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { DOCUMENTS_PER_JOB } from '../../src/jobs/queue/flow.js';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';
import { startRedis, type RedisServer } from '../../test/helpers/redis-server.js';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '2' }, shards: { type: 'string', default: '4' }, documents: { type: 'string', default: '36000000' } } });
const [rounds, shards, documents] = [args.rounds, args.shards, args.documents].map(Number);
const MEDIR = join(PACKAGE_ROOT, 'bin', 'medir');
const DATASET = ['--dataset', 'scifact', '--retriever', 'bm25'];

interface Cost {
  wall: number;
  cpu: number;
}

const envOf = (root: string) => ({ ...process.env, MEDIR_QUIET: '1', MEDIR_INDEXES: join(root, 'indexes'), MEDIR_CACHE: join(root, 'cache') });

/** `medir ARGS` under /usr/bin/time: its wall and CPU seconds. */
function timedMedir(argv: string[], env: NodeJS.ProcessEnv): Cost {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S', process.execPath, MEDIR, ...argv], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`medir ${argv.join(' ')}: ${r.stderr}`);
  const [wall, user, sys] = /TIME (\S+) (\S+) (\S+)/.exec(r.stderr)!.slice(1).map(Number);
  return { wall, cpu: user + sys };
}

function plain(root: string): Cost {
  const steps = [...Array.from({ length: shards }, (_, i) => ['--shard', `${i}/${shards}`]), ['--merge']].map((extra) => timedMedir(['index', ...DATASET, ...extra], envOf(root)));
  return { wall: steps.reduce((n, s) => n + s.wall, 0), cpu: steps.reduce((n, s) => n + s.cpu, 0) };
}

function redisInfo(redis: RedisServer, section: string): Record<string, string> {
  const out = spawnSync('redis-cli', ['-p', String(redis.port), 'info', section], { encoding: 'utf8' }).stdout;
  return Object.fromEntries(out.split('\r\n').filter((l) => l.includes(':')).map((l) => l.split(':') as [string, string]));
}
/** CPU seconds of a live process and of its children it has waited for (/proc/PID/stat: utime, stime, cutime, cstime in clock ticks of 1/100 s). */
function cpuOfProcess(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return fields.slice(11, 15).reduce((n, t) => n + Number(t), 0) / 100;
}
const redisCpu = (redis: RedisServer) => Number(redisInfo(redis, 'cpu').used_cpu_user) + Number(redisInfo(redis, 'cpu').used_cpu_sys);

/** What this Redis answers on this machine: redis-benchmark's HSET rate (progress updates are HSETs), 1 client at a time, no pipelining. */
function redisCommandsPerSecond(redis: RedisServer): number {
  const out = spawnSync('redis-benchmark', ['-p', String(redis.port), '-q', '-c', '1', '-n', '20000', '-t', 'hset'], { encoding: 'utf8' }).stdout;
  return Number(/HSET[^:]*: ([\d.]+) requests per second/.exec(out)![1]);
}

async function queued(root: string): Promise<Cost & { commands: number; jobBytes: number; redisRate: number }> {
  const redis = await startRedis();
  try {
    const worker = spawn(process.execPath, [MEDIR, 'worker', '--queue', redis.url], { env: envOf(root), stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    await new Promise<void>((resolve) => worker.stderr.on('data', (d) => ((log += d), log.includes('waiting for jobs') && resolve())));
    const worker0 = cpuOfProcess(worker.pid!);
    const [commands0, cpu0] = [Number(redisInfo(redis, 'stats').total_commands_processed), redisCpu(redis)];
    const producer = timedMedir(['index', ...DATASET, '--queue', redis.url, '--shards', String(shards), '--wait'], envOf(root));
    const commands = Number(redisInfo(redis, 'stats').total_commands_processed) - commands0;
    const redisSeconds = redisCpu(redis) - cpu0;
    const keys = spawnSync('redis-cli', ['-p', String(redis.port), '--scan', '--pattern', 'bull:medir-index:*.shard-0-of-*'], { encoding: 'utf8' }).stdout.trim().split('\n');
    const jobBytes = spawnSync('redis-cli', ['-p', String(redis.port), '--raw', 'hget', keys.find((k) => /shard-0-of-\d+$/.test(k))!, 'data'], { encoding: 'utf8' }).stdout.trim().length;
    const workerSeconds = cpuOfProcess(worker.pid!) - worker0; // its job processes have exited and been waited for
    const exited = new Promise<void>((resolve) => worker.on('exit', () => resolve()));
    worker.kill('SIGTERM');
    await exited;
    return { wall: producer.wall, cpu: producer.cpu + workerSeconds + redisSeconds, commands, jobBytes, redisRate: redisCommandsPerSecond(redis) };
  } finally {
    await redis.stop();
  }
}

const rows: { round: number; plain: Cost; queue: Cost; commands: number; jobBytes: number; redisRate: number }[] = [];
for (let round = 0; round < rounds; round++) {
  const dirs = [mkdtempSync(join(tmpdir(), 'medir-bench-plain-')), mkdtempSync(join(tmpdir(), 'medir-bench-queue-'))];
  try {
    let p: Cost;
    let q: Awaited<ReturnType<typeof queued>>;
    if (round % 2 === 0) {
      p = plain(dirs[0]);
      q = await queued(dirs[1]);
    } else {
      q = await queued(dirs[1]);
      p = plain(dirs[0]);
    }
    rows.push({ round, plain: p, queue: { wall: q.wall, cpu: q.cpu }, commands: q.commands, jobBytes: q.jobBytes, redisRate: q.redisRate });
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

const f1 = (x: number) => x.toFixed(1);
const lines = [
  `bench/queue: SciFact BM25, ${shards} shards + merge, one job at a time; load average ${loadavg()[0].toFixed(1)} on this machine`,
  '',
  '| round | plain wall s | queue wall s | wall ratio | plain CPU s | queue CPU s | CPU ratio | Redis commands | job data bytes |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.round + 1} | ${f1(r.plain.wall)} | ${f1(r.queue.wall)} | ${(r.queue.wall / r.plain.wall).toFixed(2)} | ${f1(r.plain.cpu)} | ${f1(r.queue.cpu)} | ${(r.queue.cpu / r.plain.cpu).toFixed(2)} | ${r.commands} | ${r.jobBytes} |`),
];

// The paper estimate: issue 21's measured throughput and bytes per document, at 50,000 documents a job.
const estimateFile = join(PACKAGE_ROOT, 'bench', 'results', 'embed-estimate.json');
const measured = existsSync(estimateFile)
  ? (JSON.parse(readFileSync(estimateFile, 'utf8')) as { docsPerCpuS: number; shardBytesPerDoc: number; indexBytesPerDoc: number; cores: number; dim: number })
  : { docsPerCpuS: 12.5, shardBytesPerDoc: 915, indexBytesPerDoc: 848, cores: 2, dim: 384 }; // as the README quotes them
const jobs = Math.ceil(documents / DOCUMENTS_PER_JOB);
const jobHours = DOCUMENTS_PER_JOB / (measured.docsPerCpuS * measured.cores) / 3600;
const commandsPerJob = Math.max(...rows.map((r) => r.commands)) / (shards + 1);
const jobBytes = Math.max(...rows.map((r) => r.jobBytes));
const redisRate = Math.min(...rows.map((r) => r.redisRate));
const gb = (bytes: number) => `${(bytes / 1e9).toFixed(0)} GB`;
const estimate = [
  ['jobs', `${jobs} shard jobs of ${DOCUMENTS_PER_JOB.toLocaleString('en')} documents + 1 merge`],
  ['one dense shard job', `${jobHours.toFixed(2)} h on a ${measured.cores}-core worker (${measured.docsPerCpuS} docs/CPU-s)`],
  ['dense, whole corpus', `${(jobs * jobHours).toFixed(0)} worker-hours; ${jobs} workers: ${jobHours.toFixed(2)} h wall (+ the merge)`],
  ['storage: dense vectors (shards + merged matrix)', `${gb(documents * measured.dim * 4)} + ${gb(documents * measured.dim * 4)}`],
  ['storage: BM25 shards + merged index', `${gb(documents * measured.shardBytesPerDoc)} + ${gb(documents * measured.indexBytesPerDoc)}`],
  ['Redis memory for the flow (job data)', `${jobs + 1} jobs × ${jobBytes} B = ${((jobs + 1) * jobBytes / 1e6).toFixed(1)} MB`],
  ['Redis commands', `${commandsPerJob.toFixed(0)} per job measured, --wait's polling of the flow included; a 0.5-h job adds ≤ 1 progress update/s and a lock renewal every 15 s`],
  ['Redis load, all jobs running', `≤ ${jobs} progress updates/s + ${(jobs / 15).toFixed(0)} lock renewals/s; this Redis answered ${redisRate.toFixed(0)} HSET/s from one client (redis-benchmark, load as above)`],
];
lines.push('', `Paper estimate for ${documents.toLocaleString('en')} documents through the queue (issue 21's figures${existsSync(estimateFile) ? ' from bench/results/embed-estimate.json' : ' as the README quotes them'}):`, '', '| item | estimate |', '|---|---|', ...estimate.map(([a, b]) => `| ${a} | ${b} |`));
process.stdout.write(lines.join('\n') + '\n');
writeFileAtomic(join(PACKAGE_ROOT, 'bench', 'results', 'queue.json'), JSON.stringify({ loadavg: loadavg(), shards, rows, measured, jobs, jobHours, commandsPerJob, jobBytes }, null, 2) + '\n');
