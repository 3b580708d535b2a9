import { Job, type JobState, type Queue } from 'bullmq';
import { MedirError } from '../../core/errors.js';
import type { ShardJobResult } from '../jobs.js';
import { jobLabel, mergeJobId, shardJobId, type QueueJobData } from './job-data.js';

/** What a worker publishes with job.updateProgress (src/core/progress.ts's counts). */
export interface JobProgressReport {
  stage: string;
  done: number;
  total: number;
  docsPerSecond: number;
}

/** One job of a flow, as `medir index --status` shows it (schemas/queue-status.schema.json). */
export interface QueueJobStatus {
  id: string;
  job: string;
  state: JobState | 'unknown' | 'missing';
  /** Tries that ended (a worker's error, or success); a job taken over from a dead worker is started again without ending one. */
  attemptsMade: number;
  attemptsStarted: number;
  /** Times the job's lock expired and another worker took it over. */
  stalls: number;
  progress: JobProgressReport | null;
  worker: string | null;
  failedReason: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface FlowStatus {
  flow: string;
  dataset: string;
  retriever: string;
  shards: number;
  /** The merge job's state: the flow is done when it is `completed`. */
  state: QueueJobStatus['state'];
  jobs: QueueJobStatus[];
  /** Once the merge completed: the index folder and the shards it merged (each once). */
  index: { dir: string; shards: ShardJobResult['shards'] } | null;
}

const time = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : null);

async function jobStatus(queue: Queue, id: string, label: string): Promise<QueueJobStatus> {
  const job = await Job.fromId<QueueJobData>(queue, id);
  const progress = job && typeof job.progress === 'object' ? (job.progress as unknown as JobProgressReport) : null;
  return {
    id,
    job: label,
    state: job ? await job.getState() : 'missing',
    attemptsMade: job?.attemptsMade ?? 0,
    attemptsStarted: job?.attemptsStarted ?? 0,
    stalls: job?.stalledCounter ?? 0,
    progress,
    worker: job?.processedBy ?? null,
    failedReason: job?.failedReason || null,
    startedAt: time(job?.processedOn),
    finishedAt: time(job?.finishedOn),
  };
}

/** The flow `flow` (its merge job and every shard job), read from Redis. */
export async function flowStatus(queue: Queue, flow: string): Promise<FlowStatus> {
  const merge = await Job.fromId<QueueJobData>(queue, mergeJobId(flow));
  if (!merge) throw new MedirError('INDEX', `queue ${queue.name}: no flow ${flow}`);
  const { datasetName, retriever, job } = merge.data;
  const count = job.kind === 'merge' ? job.count ?? 0 : 0;
  const shards = await Promise.all(Array.from({ length: count }, (_, index) => jobStatus(queue, shardJobId(flow, index, count), jobLabel({ kind: 'shard', shard: { index, count } }))));
  const mergeStatus = await jobStatus(queue, mergeJobId(flow), 'merge');
  const result = mergeStatus.state === 'completed' ? ((await Job.fromId<QueueJobData, ShardJobResult>(queue, mergeJobId(flow)))?.returnvalue ?? null) : null;
  const index = result && { dir: result.dir, shards: result.shards };
  return { flow, dataset: datasetName, retriever, shards: count, state: mergeStatus.state, jobs: [...shards, mergeStatus], index };
}

/** The most recently enqueued flow for `dataset` and `retriever`. */
export async function latestFlow(queue: Queue, dataset: string, retriever: string): Promise<string> {
  const jobs = await queue.getJobs(['waiting-children', 'waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed']);
  const merges = jobs.filter((j): j is Job<QueueJobData> => j?.name === 'merge' && j.data.datasetName === dataset && j.data.retriever === retriever);
  if (merges.length === 0) throw new MedirError('INDEX', `queue ${queue.name}: no flow for ${retriever} on ${dataset}`, `enqueue one: medir index --dataset ${dataset} --retriever ${retriever} --queue …`);
  const latest = merges.reduce((a, b) => (b.timestamp > a.timestamp ? b : a));
  return latest.id!.replace(/\.merge$/, '');
}

const cell = (s: QueueJobStatus) => {
  const p = s.progress;
  const progress = p ? `${p.done}/${p.total} ${p.stage}` : '';
  return [s.job, s.state, `${s.attemptsMade}/${s.attemptsStarted}${s.stalls ? ` (${s.stalls} taken over)` : ''}`, progress, s.worker ?? '', s.failedReason ?? ''];
};

/** The flow as a table: one line per job. */
export function formatFlowStatus(status: FlowStatus, server: string): string {
  const rows = [['job', 'state', 'attempts ended/started', 'progress', 'worker', 'failed because'], ...status.jobs.map(cell)];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const lines = rows.map((r) => r.map((v, c) => v.padEnd(widths[c])).join('  ').trimEnd());
  const index = status.index ? [`index: ${status.index.dir} (merged from ${status.index.shards.length} shards, ${status.index.shards.reduce((n, s) => n + s.documents, 0)} documents)`] : [];
  return [`flow ${status.flow} on ${server}: ${status.retriever} on ${status.dataset}, ${status.shards} shards, merge ${status.state}`, ...lines, ...index].join('\n') + '\n';
}
