import { describe, expect, it } from 'vitest';
import { shardJobFrom } from '../../src/cli/options/shard.js';
import { parseShard, shardFromEnvironment, shardOf } from '../../src/jobs/shard-spec.js';

describe('shard specs', () => {
  it('parses i/N and refuses what is not a shard', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(() => parseShard('4/4')).toThrow(/from 0 to 3/);
    expect(() => parseShard('1-4')).toThrow(/--shard: expected i\/N/);
    expect(() => parseShard('0/0')).toThrow(/shard count ≥ 1/);
  });

  it('takes the index from a Kubernetes indexed job or a Slurm array task', () => {
    expect(shardFromEnvironment(8, { JOB_COMPLETION_INDEX: '5' })).toEqual({ index: 5, count: 8 });
    expect(shardFromEnvironment(8, { SLURM_ARRAY_TASK_ID: '8', SLURM_ARRAY_TASK_MIN: '1' })).toEqual({ index: 7, count: 8 });
    expect(shardFromEnvironment(8, { SLURM_ARRAY_TASK_ID: '3' })).toEqual({ index: 3, count: 8 });
    expect(() => shardFromEnvironment(8, { SLURM_ARRAY_TASK_ID: '9', SLURM_ARRAY_TASK_MIN: '1' })).toThrow(/= 8: outside the shards 0..7/);
    expect(() => shardFromEnvironment(8, { JOB_COMPLETION_INDEX: 'x' })).toThrow(/JOB_COMPLETION_INDEX: expected an integer/);
    expect(() => shardFromEnvironment(8, {})).toThrow(/which shard is this/);
  });

  it('turns flags into a job: --shard, --shards with the environment, --merge', () => {
    expect(shardJobFrom({})).toBeUndefined();
    expect(shardJobFrom({ shard: '1/3' }, {})).toEqual({ kind: 'shard', shard: { index: 1, count: 3 }, root: undefined });
    expect(shardJobFrom({ shards: 3 }, { JOB_COMPLETION_INDEX: '2' })).toMatchObject({ kind: 'shard', shard: { index: 2, count: 3 } });
    expect(shardJobFrom({ merge: true, shardDir: '/s' })).toEqual({ kind: 'merge', count: undefined, root: '/s' });
    expect(() => shardJobFrom({ shard: '1/3', shards: 4 })).toThrow(/disagree/);
    expect(() => shardJobFrom({ shard: '1/3', merge: true })).toThrow(/exclude each other/);
    expect(() => shardJobFrom({ shardDir: '/s' })).toThrow(/--shard-dir needs/);
  });

  it('assigns documents by id alone, stably and evenly', () => {
    // md5('MED-10') = 2deca9d7…, 0x2deca9d7 mod 4 = 3, mod 7 = 1: pinned, since a change of hash would orphan every built shard
    expect([shardOf('MED-10', 4), shardOf('MED-10', 7), shardOf('4983', 4)]).toEqual([3, 1, 2]);
    const counts = new Array(4).fill(0);
    for (let i = 0; i < 10_000; i++) counts[shardOf(`doc-${i}`, 4)]++;
    for (const c of counts) expect(Math.abs(c - 2500)).toBeLessThan(150);
  });
});
