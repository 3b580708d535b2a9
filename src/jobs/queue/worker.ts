import { fork, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Locations } from '../../mirror/locations.js';
import type { ShardJobResult } from '../jobs.js';
import { openQueue, QUEUE_NAME } from './connection.js';
import { jobLabel, type QueueJobData } from './job-data.js';
import type { JobProgressReport } from './status.js';

export interface WorkerOptions {
  /** Jobs this worker runs at once (each in this process). */
  concurrency: number;
  /**
   * How long a job's lock lasts without renewal: a worker that died is noticed, and its job taken
   * over, after about this long (and the stall check's interval, set equal). BullMQ's default
   * (30 s) when absent. It must exceed the longest stretch a build blocks the event loop.
   */
  lockMs?: number;
  /** This worker's mirror, cache and indexes: the queued job names only the dataset and parameters. */
  loc: Locations;
  /** Where the worker reports what it takes, finishes and fails (stderr). */
  log: (line: string) => void;
}

/** What a job's process (job-process.ts) tells the worker: progress, then its result or why it failed. */
export type JobChildMessage = { progress: JobProgressReport } | { result: ShardJobResult } | { error: { message: string; unrecoverable: boolean } };

/** job-process.js beside this file, as built (dist/ and the CLI bundle); from the TypeScript sources (tests, tsx), job-process.ts through tsx. */
function startChild(): ChildProcess {
  const built = import.meta.url.endsWith('.js');
  const entry = fileURLToPath(new URL(built ? './job-process.js' : './job-process.ts', import.meta.url));
  return fork(entry, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: built ? [] : ['--import', 'tsx'] });
}

/**
 * Runs a job in a child process: a build that blocks its event loop (a model loading, an index
 * written in one go) would otherwise stop the lock renewals, and BullMQ would hand the job to
 * another worker while this one still builds it. The child exits when this worker dies.
 */
async function runInChild(data: QueueJobData, loc: Locations, onProgress: (p: JobProgressReport) => void): Promise<ShardJobResult> {
  const child = startChild();
  try {
    return await new Promise<ShardJobResult>((resolve, reject) => {
      child.on('message', (m: JobChildMessage) => {
        if ('progress' in m) onProgress(m.progress);
        else if ('result' in m) resolve(m.result);
        else reject(m.error.unrecoverable ? new UnrecoverableError(m.error.message) : new Error(m.error.message));
      });
      child.on('error', reject);
      child.on('exit', (code, signal) => reject(new Error(`the job's process exited (${signal ?? code}) without a result`)));
      child.send({ data, loc });
    });
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

async function processJob(job: Job<QueueJobData, ShardJobResult>, opts: WorkerOptions, name: string): Promise<ShardJobResult> {
  const { data } = job;
  const what = `${jobLabel(data.job)} of ${data.datasetName} (${data.retriever})`;
  opts.log(`${name}: took ${what}, job ${job.id}, try ${job.attemptsStarted}`);
  const started = Date.now();
  // a lost progress update only delays the status; the job goes on
  const result = await runInChild(data, opts.loc, (p) => void job.updateProgress(p as unknown as object).catch(() => undefined));
  opts.log(`${name}: finished ${what} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return result;
}

/**
 * Takes index jobs from the queue until SIGTERM or SIGINT, then closes: the job in hand finishes
 * first (a worker killed outright leaves its job locked until the lock expires; another worker then
 * takes it over). Resolves once closed.
 */
export async function runWorker(url: string, opts: WorkerOptions): Promise<void> {
  const { server, queue } = await openQueue(url);
  await queue.close();
  const name = `${hostname()}:${process.pid}`;
  const worker = new Worker<QueueJobData, ShardJobResult>(QUEUE_NAME, (job) => processJob(job, opts, name), {
    connection: { ...server.connection, maxRetriesPerRequest: null },
    concurrency: opts.concurrency,
    name,
    ...(opts.lockMs ? { lockDuration: opts.lockMs, stalledInterval: opts.lockMs } : {}),
  });
  worker.on('failed', (job, err) => job && opts.log(`${name}: ${jobLabel(job.data.job)} of ${job.data.datasetName} failed (try ${job.attemptsMade} of ${job.opts.attempts ?? 1}): ${err.message}`));
  worker.on('error', (err) => opts.log(`${name}: ${err.message}`));
  await worker.waitUntilReady();
  opts.log(`${name}: waiting for jobs on ${server.display} (queue ${QUEUE_NAME}, concurrency ${opts.concurrency}, lock ${opts.lockMs ? `${opts.lockMs} ms` : "BullMQ's default, 30 s"})`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      opts.log(`${name}: ${signal}: finishing the job in hand, then closing`);
      worker.close().then(resolve, resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
