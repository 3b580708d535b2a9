// Entry of the child process a queue worker runs each job in (see runInChild in worker.ts): the
// build may block its event loop as long as it likes while the worker renews the job's lock. A
// process, not a thread: onnxruntime-node cannot be loaded by a second thread of one process.
import { UnrecoverableError } from 'bullmq';
import { setProgressListener } from '../../core/progress.js';
import type { Locations } from '../../mirror/locations.js';
import { runShardJob } from '../jobs.js';
import { checkIdentity, workerContext, type QueueJobData } from './job-data.js';
import type { JobChildMessage } from './worker.js';

const post = (message: JobChildMessage) => process.send!(message);
// the worker died (SIGKILL, lost machine): its job will be taken over, so this build must stop too
process.on('disconnect', () => process.exit(1));
process.once('message', async ({ data, loc }: { data: QueueJobData; loc: Locations }) => {
  setProgressListener(({ stage, done, total, docsPerSecond }) => post({ progress: { stage, done, total, docsPerSecond } }));
  try {
    const ctx = await workerContext(data, loc);
    post({ result: await runShardJob(data.job, data.retriever, ctx, (identity) => checkIdentity(data, identity)) });
  } catch (err) {
    post({ error: { message: (err as Error).message, unrecoverable: err instanceof UnrecoverableError } });
  }
});
