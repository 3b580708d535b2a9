import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FlowStatus } from '../../src/jobs/queue/status.js';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';
import { medir, medirAsync, type CliResult } from '../helpers/cli.js';
import { datasetSlice } from '../helpers/dataset-slice.js';
import { describeWithRedis, startRedis, type RedisServer } from '../helpers/redis.js';
import { tempDir, writeTree } from '../helpers/tmp.js';
import { expectWithinBatchTolerance } from '../helpers/tolerance.js';

// The shards of issue 21 as a BullMQ flow on a real redis-server, taken by 2 `medir worker`
// processes; the merged index against a single-process build with its own cache and indexes.
const SHARDS = 4;
/** A job's lock: a SIGKILLed worker's job is taken over after about this long. */
const LOCK_MS = 4000;

const envOf = (root: string) => ({ MEDIR_INDEXES: join(root, 'indexes'), MEDIR_CACHE: join(root, 'cache') });
const validateStatus = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(PACKAGE_ROOT, 'schemas', 'queue-status.schema.json'), 'utf8')));

interface WorkerProcess {
  child: ChildProcess;
  /** HOST:PID, as the worker names itself on the jobs it takes. */
  name: string;
  log: string[];
  /** Called with each line the worker writes. */
  onLine?: (line: string) => void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `medir worker` and resolves once it waits for jobs. */
function startWorker(url: string, env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'medir'), 'worker', '--queue', url, '--lock-ms', String(LOCK_MS)], { env: { ...process.env, MEDIR_QUIET: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const w: WorkerProcess = { child, name: '', log: [], exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))) };
  let rest = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      const lines = (rest + d).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        w.log.push(line);
        w.onLine?.(line);
        const ready = /^(\S+): waiting for jobs/.exec(line);
        if (ready) resolve(Object.assign(w, { name: ready[1] }));
      }
    });
    void w.exited.then(({ code }) => reject(new Error(`worker exited (${code}) before it was ready:\n${w.log.join('\n')}`)));
  });
}

function ok(r: CliResult): string {
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

const indexDirOf = (stdout: string) => stdout.trim().split('\n').at(-1)!.trim();

function statusOf(url: string, args: string[], env: Record<string, string>): FlowStatus {
  const status = JSON.parse(ok(medir(['index', ...args, '--queue', url, '--status', '--format', 'json'], { env })));
  expect(validateStatus(status) ? [] : validateStatus.errors).toEqual([]);
  return status as FlowStatus;
}

/** The top-100 run of `args` with the indexes and cache under `root`. */
function run(args: string[], root: string): string {
  const out = join(root, 'run.trec');
  ok(medir(['run', ...args, '--top-k', '100', '--out', out], { env: envOf(root) }));
  return readFileSync(out, 'utf8');
}

describeWithRedis('index shards as a BullMQ flow, taken by 2 worker processes', () => {
  let redis: RedisServer;
  let a: string;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    a = mkdtempSync(join(tmpdir(), 'medir-queue-'));
    workers.push(...(await Promise.all([startWorker(redis.url, envOf(a)), startWorker(redis.url, envOf(a))])));
  }, 60_000);

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await redis?.stop();
    rmSync(a, { recursive: true, force: true });
  });

  it('GloVe (2,000 NFCorpus documents): the merged index gives the single-process build\'s run', { timeout: 300_000 }, async () => {
    const dataset = datasetSlice('nfcorpus', 2000);
    const b = tempDir('medir-single-');
    const args = ['--dataset', dataset, '--retriever', 'dense', '--model', 'glove-sg100-en-static'];
    const merged = indexDirOf(ok(await medirAsync(['index', ...args, '--queue', redis.url, '--shards', String(SHARDS), '--wait'], { env: envOf(a) })));
    const single = indexDirOf(ok(medir(['index', ...args], { env: envOf(b) })));
    expect(readFileSync(join(merged, 'vectors.f32')).equals(readFileSync(join(single, 'vectors.f32')))).toBe(true);
    const runs = [run(args, a), run(args, b)];
    expect(runs[0].split('\n').length).toBeGreaterThan(300 * 90);
    expect(runs[0]).toBe(runs[1]);
    const status = statusOf(redis.url, args, envOf(a));
    // both workers took jobs, each shard job once
    expect(new Set(status.jobs.map((j) => j.worker))).toEqual(new Set(workers.map((w) => w.name)));
    expect(status.jobs.map((j) => [j.state, j.attemptsStarted, j.stalls])).toEqual(Array(SHARDS + 1).fill(['completed', 1, 0]));
  });

  it('a random-weight model (tiny-random-bert-embed, 1,000 NFCorpus documents): vectors and runs within issue 21\'s batching tolerance', { timeout: 300_000 }, async () => {
    const dataset = datasetSlice('nfcorpus', 1000);
    const b = tempDir('medir-single-');
    const args = ['--dataset', dataset, '--retriever', 'dense', '--model', 'tiny-random-bert-embed', '--chunk-size', '100'];
    const merged = indexDirOf(ok(await medirAsync(['index', ...args, '--queue', redis.url, '--shards', String(SHARDS), '--wait'], { env: envOf(a) })));
    const single = indexDirOf(ok(medir(['index', ...args], { env: envOf(b) })));
    expectWithinBatchTolerance(merged, single, [run(args, a), run(args, b)], 1000, 32);
  });

  it('BM25 (SciFact): a worker SIGKILLed while it holds a shard job; the job is taken over, every shard merged once, the same index and run', { timeout: 300_000 }, async () => {
    const b = tempDir('medir-single-');
    const args = ['--dataset', 'scifact', '--retriever', 'bm25'];
    // the first worker to take a shard job is killed at once: it holds the job's lock, mid-build
    let killed: { worker: WorkerProcess; job: string } | undefined;
    for (const w of workers) {
      w.onLine = (line) => {
        const took = /: took (shard \d+\/\d+) of scifact/.exec(line);
        if (!took || killed) return;
        killed = { worker: w, job: took[1] };
        w.child.kill('SIGKILL');
      };
    }
    const progressEnv = { ...envOf(a), MEDIR_PROGRESS: 'bar' };
    const enqueued = await medirAsync(['index', ...args, '--queue', redis.url, '--shards', String(SHARDS), '--wait'], { env: progressEnv });
    const merged = indexDirOf(ok(enqueued));
    expect(killed).toBeDefined();
    expect(await killed!.worker.exited).toMatchObject({ signal: 'SIGKILL' });
    const survivor = workers.find((w) => w !== killed!.worker)!;
    // --wait showed the flow's progress: counts per shard job, then the merge
    expect(enqueued.stderr).toMatch(/queue: \d\/4 shard jobs done; active: shard \d\/4/);
    expect(enqueued.stderr.trim().split('\n').at(-1)).toBe('queue: 4/4 shard jobs done; merge completed');

    const status = statusOf(redis.url, args, envOf(a));
    expect(status.state).toBe('completed');
    const taken = status.jobs.find((j) => j.job === killed!.job)!;
    expect(taken).toMatchObject({ state: 'completed', stalls: 1, attemptsStarted: 2, worker: survivor.name, failedReason: null });
    for (const j of status.jobs.filter((x) => x !== taken)) expect(j).toMatchObject({ state: 'completed', stalls: 0, attemptsStarted: 1 });
    // the merge took each shard once: 0..3, their documents summing to the corpus
    expect(status.index!.dir).toBe(merged);
    expect(status.index!.shards.map((s) => s.index)).toEqual([0, 1, 2, 3]);
    expect(status.index!.shards.reduce((n, s) => n + s.documents, 0)).toBe(5183);
    expect(readdirSync(join(a, 'indexes', 'scifact', 'shards', 'bm25')).filter((n) => /^\d+-of-4$/.test(n))).toHaveLength(SHARDS);
    const table = ok(medir(['index', ...args, '--queue', redis.url, '--status'], { env: envOf(a) }));
    expect(table).toContain(`${killed!.job}  completed  1/2 (1 taken over)`);

    const single = indexDirOf(ok(medir(['index', ...args], { env: envOf(b) })));
    for (const f of readdirSync(single).filter((f) => f !== 'manifest.json')) expect(readFileSync(join(merged, f)).equals(readFileSync(join(single, f))), f).toBe(true);
    const runs = [run(args, a), run(args, b)];
    expect(runs[0].split('\n').length).toBeGreaterThan(300 * 90);
    expect(runs[0]).toBe(runs[1]);
  });

  it('a shard job that fails for good: --wait exits non-zero naming the shard and the reason, after its tries', { timeout: 120_000 }, async () => {
    const docs = ['d1', 'd2', 'd3', 'd4', 'd5', 'd1'].map((id, i) => JSON.stringify({ _id: id, title: '', text: `text ${i}` }));
    const dataset = writeTree(tempDir('medir-dup-'), { 'corpus.jsonl': docs.join('\n') + '\n', 'queries.jsonl': '{"_id":"q1","text":"text"}\n', 'qrels/test.tsv': 'query-id\tcorpus-id\tscore\nq1\td2\t1\n' });
    const r = await medirAsync(['index', '--dataset', dataset, '--retriever', 'bm25', '--queue', redis.url, '--shards', '2', '--attempts', '2', '--wait'], { env: envOf(a) });
    expect(r.status).toBe(1);
    // every shard reads the whole corpus, so both fail; --wait names the first in shard order
    expect(r.stderr).toContain(`bm25 on ${basename(dataset)}: shard 0/2 failed for good after 2 tries: ${join(dataset, 'corpus.jsonl')}:6: duplicate document id 'd1'`);
  });

  it('SIGTERM: the worker closes and exits 0', { timeout: 60_000 }, async () => {
    const w = workers.find((x) => x.child.exitCode === null && x.child.signalCode === null)!;
    w.child.kill('SIGTERM');
    expect(await w.exited).toEqual({ code: 0, signal: null });
    expect(w.log.join('\n')).toContain('SIGTERM: finishing the job in hand, then closing');
  });
});
