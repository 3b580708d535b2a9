import { createHash } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import type { ParamValues } from '../../core/params.js';
import { loadDataset } from '../../data/datasets.js';
import type { Locations } from '../../mirror/locations.js';
import { retrieverContext } from '../../pipeline/retrievers.js';
import { canonicalJson, MEDIR_VERSION } from '../../provenance/provenance.js';
import type { RetrieverContext } from '../../retrieve/retriever.js';
import type { ShardJob } from '../jobs.js';
import { differences } from '../shard-dir.js';
import { shardName } from '../shard-spec.js';

/**
 * What a worker on any machine needs to rebuild the RetrieverContext of `medir index`: the dataset
 * (a name, resolved through the worker's own mirror, or a path the workers share), the retriever
 * and its validated parameters, and the job. The medir version and the shard identity the producer
 * computed travel with it, so a worker that would build something else refuses instead.
 */
export interface QueueJobData {
  medirVersion: string;
  dataset: string;
  /** The dataset's short name (index paths, status). */
  datasetName: string;
  split: string;
  retriever: string;
  params: ParamValues;
  identity: Record<string, unknown>;
  job: ShardJob;
}

/** The flow's id: the same build asked twice is one flow (BullMQ ignores a job id it already holds). */
export function flowId(data: Omit<QueueJobData, 'job'>, count: number, root: string | undefined): string {
  const hash = createHash('sha256').update(canonicalJson({ ...data, count, root })).digest('hex').slice(0, 16);
  return `medir.${data.datasetName}.${data.retriever}.${hash}`.replace(/[^\w.-]/g, '_');
}

export const mergeJobId = (flow: string) => `${flow}.merge`;
export const shardJobId = (flow: string, index: number, count: number) => `${flow}.shard-${shardName({ index, count })}`;

/** What a job builds, for messages: `shard 2/4` or `merge`. */
export const jobLabel = (job: ShardJob) => (job.kind === 'shard' ? `shard ${job.shard.index}/${job.shard.count}` : 'merge');

/**
 * The producer's context again, on this worker: its locations (mirror, cache, indexes) and the
 * queued dataset and parameters. A different medir version or a different identity (another corpus
 * file, model or library) fails the job for good, naming what differs: retrying cannot help.
 */
export async function workerContext(data: QueueJobData, loc: Locations): Promise<RetrieverContext> {
  if (data.medirVersion !== MEDIR_VERSION) {
    throw new UnrecoverableError(`queued by medir ${data.medirVersion}, this worker is medir ${MEDIR_VERSION}: run workers of the producer's version`);
  }
  const dataset = await loadDataset(data.dataset, { split: data.split }, loc);
  return retrieverContext(data.retriever, dataset, loc, data.params).ctx;
}

/** Refuses to build when this worker's identity differs from the queued one. */
export function checkIdentity(data: QueueJobData, identity: Record<string, unknown>): void {
  const diff = differences(data.identity, identity, ['queued', 'worker']);
  if (diff.length > 0) {
    throw new UnrecoverableError(`this worker would build something else than was queued — ${diff.slice(0, 5).join('; ')}`);
  }
}
