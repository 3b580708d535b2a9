import { Option, type Command } from 'commander';
import { MedirError } from '../../core/errors.js';
import { resolveDatasetDir } from '../../data/datasets.js';
import { shardIdentity } from '../../jobs/jobs.js';
import { openQueue } from '../../jobs/queue/connection.js';
import { defaultShardCount, DOCUMENTS_PER_JOB, enqueueFlow } from '../../jobs/queue/flow.js';
import { flowStatus, formatFlowStatus, latestFlow } from '../../jobs/queue/status.js';
import { waitForFlow } from '../../jobs/queue/wait.js';
import { isLocalFolder } from '../../mirror/cards.js';
import { retrieverContext } from '../../pipeline/retrievers.js';
import { MEDIR_VERSION } from '../../provenance/provenance.js';
import { datasetFrom, locationsFrom, positiveInt, type DatasetFlags } from '../common.js';
import type { ShardFlags } from './shard.js';

export interface QueueFlags {
  queue?: string;
  wait?: boolean;
  status?: boolean;
  attempts: number;
  format: 'table' | 'json';
}

export const QUEUE_HELP = `
A queue (BullMQ on Redis): the shards become jobs that \`medir worker\` processes on any machines
take; the merge runs once every shard job completed. Workers resolve the dataset, models and
indexes from their own environment: put --shard-dir (or MEDIR_INDEXES) on storage they all reach.
  medir index --dataset D --retriever bm25 --queue redis://HOST:6379 --wait   # ⌈documents / ${DOCUMENTS_PER_JOB.toLocaleString('en')}⌉ shard jobs
  medir worker --queue redis://HOST:6379                                      # on each machine
  medir index --dataset D --retriever bm25 --queue redis://HOST:6379 --status`;

/** `--queue`, `--wait`, `--status`, `--attempts`, `--format` of `medir index`. */
export function addQueueOptions(cmd: Command): Command {
  return cmd
    .option('--queue <url>', 'enqueue the shards and their merge on Redis (redis://HOST:PORT) for `medir worker` processes')
    .option('--wait', 'with --queue: block, showing progress, until the merge is done; non-zero if a job failed for good')
    .option('--status', "with --queue: show the latest flow of this dataset and retriever (each job's state, tries, progress, worker)")
    .option('--attempts <n>', 'with --queue: tries per job before it fails for good (backoff 5 s, 10 s, 20 s…)', positiveInt('--attempts'), 3)
    .addOption(new Option('--format <format>', 'with --status: output format').choices(['table', 'json']).default('table'))
    .addHelpText('after', QUEUE_HELP);
}

type Flags = QueueFlags & ShardFlags & DatasetFlags & { retriever: string; notes?: string } & Record<string, unknown>;

/** Refuses flag combinations the queue cannot honour, naming them. */
function checkFlags(flags: Flags): void {
  if (!flags.queue) {
    for (const f of ['wait', 'status'] as const) if (flags[f]) throw new MedirError('BAD_OPTION', `--${f} needs --queue redis://HOST:PORT`);
    return;
  }
  if (flags.shard || flags.merge) throw new MedirError('BAD_OPTION', `--queue enqueues every shard and the merge: drop ${flags.shard ? '--shard' : '--merge'}`, 'workers build the shards: medir worker --queue …');
  if (flags.notes) throw new MedirError('BAD_OPTION', '--queue takes --dataset (a name or a folder the workers share), not --notes');
  if (!flags.dataset) throw new MedirError('BAD_OPTION', '--queue needs --dataset NAME|PATH');
}

/** `medir index … --queue URL [--wait | --status]`: true when it handled the command. */
export async function queueIndexCommand(flags: Flags): Promise<boolean> {
  checkFlags(flags);
  if (!flags.queue) return false;
  const { server, queue } = await openQueue(flags.queue);
  try {
    const loc = locationsFrom(flags);
    if (flags.status) {
      const { name } = await resolveDatasetDir(flags.dataset!, loc);
      const status = await flowStatus(queue, await latestFlow(queue, name, flags.retriever));
      process.stdout.write(flags.format === 'json' ? JSON.stringify({ queue: server.display, ...status }, null, 2) + '\n' : formatFlowStatus(status, server.display));
      return true;
    }
    const dataset = await datasetFrom(flags, loc);
    const { def, ctx } = retrieverContext(flags.retriever, dataset, loc, flags);
    const identity = await shardIdentity(def.name, ctx);
    const count = flags.shards ?? (await defaultShardCount(dataset.corpus));
    const base = { medirVersion: MEDIR_VERSION, dataset: isLocalFolder(flags.dataset!) ? dataset.dir : flags.dataset!, datasetName: dataset.name, split: dataset.split, retriever: def.name, params: ctx.params, identity };
    const flow = await enqueueFlow(queue, server, { base, count, root: flags.shardDir, attempts: flags.attempts });
    process.stdout.write(`${flow.joined ? 'joined the pending' : 'enqueued'} flow ${flow.id} on ${server.display}: ${count} shard job${count > 1 ? 's' : ''} + merge (${def.name} on ${dataset.name})\n`);
    if (flags.wait) process.stdout.write((await waitForFlow(queue, flow.id)).line + '\n');
    return true;
  } finally {
    await queue.close();
  }
}
