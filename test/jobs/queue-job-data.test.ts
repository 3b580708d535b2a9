import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { checkIdentity, flowId, mergeJobId, shardJobId, workerContext, type QueueJobData } from '../../src/jobs/queue/job-data.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { MEDIR_VERSION } from '../../src/provenance/provenance.js';

const data: QueueJobData = {
  medirVersion: MEDIR_VERSION,
  dataset: 'scifact',
  datasetName: 'scifact',
  split: 'test',
  retriever: 'bm25',
  params: { k1: 1.5 },
  identity: { component: 'bm25-fast', config: { k1: 1.5 }, corpus: { sha256: 'aaa' } },
  job: { kind: 'shard', shard: { index: 1, count: 4 } },
};

async function refusal(work: () => unknown): Promise<Error> {
  try {
    await work();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a refusal');
}

describe('a queued job on a worker', () => {
  it('a worker of another medir version fails the job for good, naming both versions', async () => {
    const err = await refusal(() => workerContext({ ...data, medirVersion: '0.0.1-other' }, resolveLocations()));
    expect(err).toBeInstanceOf(UnrecoverableError);
    expect(err.message).toBe(`queued by medir 0.0.1-other, this worker is medir ${MEDIR_VERSION}: run workers of the producer's version`);
  });

  it('a worker that would build another identity fails the job for good, naming what differs', async () => {
    expect(() => checkIdentity(data, structuredClone(data.identity))).not.toThrow();
    const err = await refusal(() => checkIdentity(data, { ...data.identity, corpus: { sha256: 'bbb' }, config: { k1: 1.2 } }));
    expect(err).toBeInstanceOf(UnrecoverableError);
    expect(err.message).toBe('this worker would build something else than was queued — config.k1: queued 1.5, worker 1.2; corpus.sha256: queued "aaa", worker "bbb"');
  });

  it('rebuilds the producer\'s context from the job data (the dataset resolved through this worker\'s mirror)', async () => {
    const ctx = await workerContext(data, resolveLocations());
    expect(ctx.dataset.name).toBe('scifact');
    expect(ctx.params).toMatchObject({ k1: 1.5 });
  });
});

describe('flow and job ids', () => {
  it('one build, one id; any change in what is built, the count or the shard folder, another; ids BullMQ accepts', () => {
    const { job: _, ...base } = data;
    const id = flowId(base, 4, undefined);
    expect(flowId(structuredClone(base), 4, undefined)).toBe(id);
    expect(new Set([id, flowId(base, 5, undefined), flowId(base, 4, '/shared/shards'), flowId({ ...base, params: { k1: 1.2 } }, 4, undefined)]).size).toBe(4);
    expect(id).toMatch(/^medir\.scifact\.bm25\.[0-9a-f]{16}$/);
    expect(mergeJobId(id)).not.toContain(':');
    expect(shardJobId(id, 1, 4)).toBe(`${id}.shard-1-of-4`);
  });
});
