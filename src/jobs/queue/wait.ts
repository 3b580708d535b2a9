import { Job, type Queue } from 'bullmq';
import { MedirError } from '../../core/errors.js';
import { currentMode } from '../../core/progress.js';
import type { ShardJobResult } from '../jobs.js';
import { mergeJobId } from './job-data.js';
import { flowStatus, type FlowStatus, type QueueJobStatus } from './status.js';

const REDRAW_MS = 5000;

/** One line for the whole flow: counts of shard jobs by state, then each active job's counts and worker. */
function progressLine(status: FlowStatus): string {
  const shards = status.jobs.filter((j) => j.job !== 'merge');
  const done = shards.filter((j) => j.state === 'completed').length;
  const active = status.jobs
    .filter((j) => j.state === 'active')
    .map((j) => `${j.job}${j.progress ? ` ${j.progress.done}/${j.progress.total}` : ''}${j.worker ? ` on ${j.worker}` : ''}`);
  const retrying = shards.filter((j) => j.state === 'delayed').length;
  return `queue: ${done}/${shards.length} shard jobs done${active.length ? `; active: ${active.join(', ')}` : ''}${retrying ? `; ${retrying} waiting to retry` : ''}; merge ${status.state}`;
}

/** Why a flow failed: the shard job that failed for good (BullMQ fails the merge with it), or the merge's own reason. */
function failure(status: FlowStatus): MedirError {
  const failed = status.jobs.find((j) => j.job !== 'merge' && j.state === 'failed') ?? (status.jobs.at(-1) as QueueJobStatus);
  const tries = failed.attemptsMade === 1 ? '1 try' : `${failed.attemptsMade} tries`;
  return new MedirError(
    'INDEX',
    `${status.retriever} on ${status.dataset}: ${failed.job} failed for good after ${tries}: ${failed.failedReason ?? 'no reason recorded'}`,
    `medir index --status --queue … shows the flow; fix the cause, then enqueue again (shards already built are reused)`,
  );
}

/**
 * Blocks until the flow's merge job completes, writing a progress line (stderr) whenever it
 * changes: plain lines, or JSON lines with `--progress json`, nothing with `--progress none`.
 * Returns the merge's result; a job failed for good is a MedirError naming it and its reason.
 */
export async function waitForFlow(queue: Queue, flow: string): Promise<ShardJobResult> {
  const mode = currentMode();
  let last = { states: '', line: '', at: 0 };
  for (;;) {
    const status = await flowStatus(queue, flow);
    const line = mode === 'json' ? JSON.stringify({ flow, state: status.state, jobs: status.jobs.map(({ job, state, progress, worker }) => ({ job, state, done: progress?.done ?? null, total: progress?.total ?? null, worker })) }) : progressLine(status);
    // a job changing state is shown at once, counts moving at most every few seconds
    const states = status.jobs.map((j) => j.state).join();
    if (mode !== 'none' && line !== last.line && (states !== last.states || Date.now() - last.at >= REDRAW_MS)) {
      process.stderr.write(line + '\n');
      last = { states, line, at: Date.now() };
    }
    if (status.state === 'failed') throw failure(status);
    if (status.state === 'completed') return (await Job.fromId<unknown, ShardJobResult>(queue, mergeJobId(flow)))!.returnvalue;
    // each poll reads every job of the flow: 0.5 s for a few jobs, up to 5 s for hundreds
    await new Promise((r) => setTimeout(r, Math.min(5000, 500 + 5 * status.jobs.length)));
  }
}
