import type { Command } from 'commander';
import { MedirError } from '../../core/errors.js';
import type { ShardJob } from '../../jobs/jobs.js';
import { parseShard, shardFromEnvironment } from '../../jobs/shard-spec.js';
import { positiveInt } from '../common.js';

export interface ShardFlags {
  shard?: string;
  shards?: number;
  merge?: boolean;
  shardDir?: string;
}

export const SHARD_HELP = `
Sharded builds (any scheduler): each task builds 1/N of the corpus, chosen by a stable hash of
the document id, then one --merge builds the index a single process would (same ids, scores,
vectors). A killed shard simply reruns; a shard built with other parameters is refused at merge.
  medir index --dataset D --retriever dense --shard 0/4        # … 1/4, 2/4, 3/4, in parallel
  medir index --dataset D --retriever dense --merge            # any --vector-store
  Kubernetes Indexed Job (completions: 4): medir index … --shards 4    (i = JOB_COMPLETION_INDEX)
  Slurm: sbatch --array=0-3 --wrap 'medir index … --shards 4'         (i = SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN)
Shards live in <indexes>/<dataset>/shards/<retriever>/ unless --shard-dir names shared storage.`;

/** The sharding flags of `medir index`. */
export function addShardOptions(cmd: Command): Command {
  return cmd
    .option('--shard <i/N>', 'build only shard i of N (0-based) of the corpus')
    .option('--shards <n>', 'shard count; the shard index then comes from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID', positiveInt('--shards'))
    .option('--merge', 'merge the shards built with --shard into the index')
    .option('--shard-dir <dir>', 'where shards are written and merged from: a folder or s3://bucket/prefix (default: <indexes>/<dataset>/shards/<retriever>)')
    .addHelpText('after', SHARD_HELP);
}

/** The shard job the flags ask for, or undefined for an ordinary build. */
export function shardJobFrom(flags: ShardFlags, env: NodeJS.ProcessEnv = process.env): ShardJob | undefined {
  const root = flags.shardDir;
  if (flags.merge) {
    if (flags.shard) throw new MedirError('BAD_OPTION', '--merge and --shard exclude each other: build shards first, then merge once');
    return { kind: 'merge', count: flags.shards, root };
  }
  if (flags.shard) {
    const shard = parseShard(flags.shard);
    if (flags.shards !== undefined && flags.shards !== shard.count) throw new MedirError('BAD_OPTION', `--shard ${flags.shard} and --shards ${flags.shards} disagree on the shard count`);
    return { kind: 'shard', shard, root };
  }
  if (flags.shards !== undefined) return { kind: 'shard', shard: shardFromEnvironment(flags.shards, env), root };
  if (root) throw new MedirError('BAD_OPTION', '--shard-dir needs --shard, --shards or --merge');
  return undefined;
}
