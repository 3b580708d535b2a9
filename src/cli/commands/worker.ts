import type { Command } from 'commander';
import { runWorker } from '../../jobs/queue/worker.js';
import { addLocationOptions, locationsFrom, positiveInt, type LocationFlags } from '../common.js';

async function workerCommand(flags: LocationFlags & { queue: string; concurrency: number; lockMs?: number }): Promise<void> {
  await runWorker(flags.queue, { concurrency: flags.concurrency, lockMs: flags.lockMs, loc: locationsFrom(flags), log: (line) => process.stderr.write(line + '\n') });
}

export function registerWorker(program: Command): void {
  addLocationOptions(
    program
      .command('worker')
      .description('take index jobs (shards and merges) that `medir index --queue` enqueued, until SIGTERM')
      .requiredOption('--queue <url>', 'the Redis server of the queue (redis://HOST:PORT)')
      .option('--concurrency <n>', 'jobs run at once in this process', positiveInt('--concurrency'), 1)
      .option('--lock-ms <n>', "a job's lock: a dead worker's job is taken over after about this long (default: BullMQ's, 30000); above the longest pause of a build", positiveInt('--lock-ms'))
      .addHelpText(
        'after',
        '\nThe worker resolves the dataset, models, cache and indexes from its own environment (--mirror, MEDIR_CACHE, MEDIR_INDEXES);\na job queued by another medir version, or for another corpus file or model, fails for good naming the difference.\nSIGTERM or SIGINT: the job in hand finishes, then the worker exits.\n\nExample:\n  medir worker --queue redis://10.0.0.5:6379 --concurrency 1',
      ),
  ).action(workerCommand);
}
