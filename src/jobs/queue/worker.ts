import { AsyncLocalStorage } from 'node:async_hooks';
import { hostname } from 'node:os';
import { Worker, type Job } from 'bullmq';
import { setProgressListener, type ProgressEvent } from '../../core/progress.js';
import type { Locations } from '../../mirror/locations.js';
import { runShardJob, type ShardJobResult } from '../jobs.js';
import { openQueue, QUEUE_NAME } from './connection.js';
import { checkIdentity, jobLabel, workerContext, type QueueJobData } from './job-data.js';
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

/** Each running job's progress publisher: a Progress ticks inside its job's async context. */
const publishers = new AsyncLocalStorage<(e: ProgressEvent) => void>();

async function processJob(job: Job<QueueJobData, ShardJobResult>, opts: WorkerOptions, name: string): Promise<ShardJobResult> {
  const { data } = job;
  const what = `${jobLabel(data.job)} of ${data.datasetName} (${data.retriever})`;
  opts.log(`${name}: took ${what}, job ${job.id}, try ${job.attemptsStarted}`);
  const started = Date.now();
  const ctx = await workerContext(data, opts.loc);
  const publish = (e: ProgressEvent) => {
    const report: JobProgressReport = { stage: e.stage, done: e.done, total: e.total, docsPerSecond: e.docsPerSecond };
    // a lost update only delays the status; the job goes on
    job.updateProgress(report as unknown as object).catch(() => undefined);
  };
  const result = await publishers.run(publish, () => runShardJob(data.job, data.retriever, ctx, (identity) => checkIdentity(data, identity)));
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
  setProgressListener((e) => publishers.getStore()?.(e));
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
  setProgressListener(undefined);
}
