import { createHash } from 'node:crypto';
import { MedirError } from '../core/errors.js';

/** Shard `index` (0-based) of `count`: the documents whose id hashes to `index` (see shardOf). */
export interface ShardSpec {
  index: number;
  count: number;
}

export const shardName = ({ index, count }: ShardSpec): string => `${index}-of-${count}`;

/**
 * The shard a document belongs to: the first 4 bytes of md5(id) (big-endian) mod `count`. It
 * depends on the id alone, so every process (any scheduler, any language) agrees without
 * coordination, and a repeated id always lands in one shard, which can then refuse it.
 */
export function shardOf(id: string, count: number): number {
  return createHash('md5').update(id).digest().readUInt32BE(0) % count;
}

function checkCount(count: number, what: string): number {
  if (!Number.isInteger(count) || count < 1) throw new MedirError('BAD_OPTION', `${what}: expected a shard count ≥ 1, got ${count}`);
  return count;
}

/** `--shard i/N` (i from 0 to N − 1). */
export function parseShard(value: string): ShardSpec {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!m) throw new MedirError('BAD_OPTION', `--shard: expected i/N (e.g. 0/4), got '${value}'`);
  const spec = { index: Number(m[1]), count: checkCount(Number(m[2]), '--shard') };
  if (spec.index >= spec.count) throw new MedirError('BAD_OPTION', `--shard ${value}: the index runs from 0 to ${spec.count - 1}`);
  return spec;
}

function envInteger(env: NodeJS.ProcessEnv, name: string): number {
  const n = Number(env[name]);
  if (env[name] === undefined || env[name] === '' || !Number.isInteger(n)) {
    throw new MedirError('BAD_OPTION', `${name}: expected an integer, got '${env[name] ?? ''}'`);
  }
  return n;
}

/**
 * The shard of a scheduler's array task when `--shard` is absent: Kubernetes Indexed Jobs set
 * JOB_COMPLETION_INDEX (0-based); Slurm arrays set SLURM_ARRAY_TASK_ID, counted from
 * SLURM_ARRAY_TASK_MIN (so `--array=1-8` works as well as `--array=0-7`).
 */
export function shardFromEnvironment(count: number, env: NodeJS.ProcessEnv = process.env): ShardSpec {
  checkCount(count, '--shards');
  let index: number;
  let source: string;
  if (env.JOB_COMPLETION_INDEX !== undefined) {
    index = envInteger(env, 'JOB_COMPLETION_INDEX');
    source = 'JOB_COMPLETION_INDEX';
  } else if (env.SLURM_ARRAY_TASK_ID !== undefined) {
    index = envInteger(env, 'SLURM_ARRAY_TASK_ID') - (env.SLURM_ARRAY_TASK_MIN === undefined ? 0 : envInteger(env, 'SLURM_ARRAY_TASK_MIN'));
    source = 'SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN';
  } else {
    throw new MedirError(
      'BAD_OPTION',
      `--shards ${count}: which shard is this? Neither --shard i/${count} nor JOB_COMPLETION_INDEX (Kubernetes) nor SLURM_ARRAY_TASK_ID (Slurm) is set`,
      'give --shard i/N, or run inside an indexed job / array task; --merge joins the shards',
    );
  }
  if (index < 0 || index >= count) throw new MedirError('BAD_OPTION', `${source} = ${index}: outside the shards 0..${count - 1} of --shards ${count}`);
  return { index, count };
}
