import { FlowProducer, Job, type Queue } from 'bullmq';
import type { Corpus } from '../../core/types.js';
import type { QueueServer } from './connection.js';
import { flowId, mergeJobId, shardJobId, type QueueJobData } from './job-data.js';

/** Documents per shard job when `--shards` is not given: minutes of work for a worker, never one job per document. */
export const DOCUMENTS_PER_JOB = 50_000;

/** ⌈documents / 50,000⌉ shard jobs, at least one. */
export async function defaultShardCount(corpus: Corpus): Promise<number> {
  let documents = 0;
  for await (const _ of corpus.docs()) documents++;
  return Math.max(1, Math.ceil(documents / DOCUMENTS_PER_JOB));
}

export interface FlowRequest {
  /** The job data without its job: dataset, retriever, parameters, identity, version. */
  base: Omit<QueueJobData, 'job'>;
  count: number;
  /** `--shard-dir`: shared storage all workers reach (else each worker's `<indexes>/…/shards/`). */
  root?: string;
  /** Tries per shard job (a worker's error, not a dead worker: that is a stall, taken over). */
  attempts: number;
}

/** Retries wait 5 s, 10 s, 20 s…: long enough for a transient fault (a full disk being cleaned, a restarted mount) to pass. */
const BACKOFF = { type: 'exponential', delay: 5000 } as const;

/**
 * Enqueues the shards as one BullMQ flow: N shard jobs, children of one merge job that BullMQ
 * releases when all of them completed. A shard failing for good fails the merge (so `--wait` ends).
 * The same build asked again while its flow is pending joins it; a finished or failed flow is
 * replaced (shards already on disk are reused by the new jobs, so nothing is rebuilt twice).
 */
export async function enqueueFlow(queue: Queue, server: QueueServer, req: FlowRequest): Promise<{ id: string; joined: boolean }> {
  const id = flowId(req.base, req.count, req.root);
  const existing = await Job.fromId<QueueJobData>(queue, mergeJobId(id));
  if (existing) {
    const state = await existing.getState();
    if (state !== 'completed' && state !== 'failed') return { id, joined: true };
    await existing.remove({ removeChildren: true });
  }
  const producer = new FlowProducer({ connection: server.connection });
  try {
    await producer.add({
      name: 'merge',
      queueName: queue.name,
      data: { ...req.base, job: { kind: 'merge', count: req.count, root: req.root } } satisfies QueueJobData,
      opts: { jobId: mergeJobId(id), attempts: req.attempts, backoff: BACKOFF },
      children: Array.from({ length: req.count }, (_, index) => ({
        name: 'shard',
        queueName: queue.name,
        data: { ...req.base, job: { kind: 'shard', shard: { index, count: req.count }, root: req.root } } satisfies QueueJobData,
        opts: { jobId: shardJobId(id, index, req.count), attempts: req.attempts, backoff: BACKOFF, failParentOnFailure: true },
      })),
    });
  } finally {
    await producer.close();
  }
  return { id, joined: false };
}
