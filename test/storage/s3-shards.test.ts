import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { medirAsync, type CliResult } from '../helpers/cli.js';
import { startS3rver, type S3Fake } from '../helpers/s3rver.js';
import { datasetSlice } from '../helpers/dataset-slice.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

// Shards written to s3rver (a fake S3 on 127.0.0.1) by separate processes, merged from it, and run:
// the same run as a local single-process build with its own cache and indexes. s3rver lives in this
// process, so every medir here is spawned without blocking.
const BUCKET = 'medir-shards';
let s3: S3Fake;
beforeAll(async () => {
  s3 = await startS3rver([BUCKET]);
});

const envOf = (root: string, extra: Record<string, string> = {}) => ({ MEDIR_INDEXES: join(root, 'indexes'), MEDIR_CACHE: join(root, 'cache'), ...s3.env, ...extra });
const indexDirOf = (stdout: string) => stdout.trim().split('\n').at(-1)!.trim();

function ok(r: CliResult): string {
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** Runs medir expecting it to fail with `status` (1; 2 for a usage error); returns its stderr. */
async function refused(args: string[], env: Record<string, string>, status = 1): Promise<string> {
  const r = await medirAsync(args, { env });
  expect(r.status, r.stderr).toBe(status);
  return r.stderr;
}

async function keys(prefix: string): Promise<string[]> {
  const out = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  return (out.Contents ?? []).map((o) => o.Key!).sort();
}

const marker = async (key: string) => JSON.parse(await (await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToString());

/** Shards 0/2 and 1/2 to `uri` at once, then the merge (extra flags: `mergeArgs`), in `a`; a local single build in `b`; both top-100 runs. */
async function viaS3AndLocal(args: string[], uri: string, a: string, b: string, mergeArgs: string[] = [], localArgs: string[] = []) {
  const shards = await Promise.all([0, 1].map((i) => medirAsync(['index', ...args, '--shard', `${i}/2`, '--shard-dir', uri], { env: envOf(a) })));
  shards.forEach(ok);
  expect(shards[0].stdout).toContain(`${uri}/0-of-2`);
  const merged = indexDirOf(ok(await medirAsync(['index', ...args, ...mergeArgs, '--merge', '--shard-dir', uri], { env: envOf(a) })));
  const single = indexDirOf(ok(await medirAsync(['index', ...args, ...localArgs], { env: envOf(b) })));
  const runs: string[] = [];
  for (const [root, extra] of [[a, mergeArgs], [b, localArgs]] as const) {
    const out = join(root, 'run.trec');
    ok(await medirAsync(['run', ...args, ...extra, '--top-k', '100', '--out', out], { env: envOf(root) }));
    runs.push(readFileSync(out, 'utf8'));
  }
  return { merged, single, runs };
}

describe('BM25 shards in s3rver (SciFact, 5,183 documents)', () => {
  it('uploads objects then a marker per shard, merges byte-identical to a local build, and refuses a shard without marker or with a changed object', { timeout: 300_000 }, async () => {
    const [a, b] = [tempDir('medir-s3-'), tempDir('medir-local-')];
    const args = ['--dataset', 'scifact', '--retriever', 'bm25'];
    const uri = `s3://${BUCKET}/runs/scifact-bm25`;
    const { merged, single, runs } = await viaS3AndLocal(args, uri, a, b);
    const stored = await keys('runs/scifact-bm25/');
    expect(stored.filter((k) => k.endsWith('/shard.json'))).toEqual(['runs/scifact-bm25/0-of-2/shard.json', 'runs/scifact-bm25/1-of-2/shard.json']);
    // each shard: its six files under one attempt prefix, named in the marker with size and sha256
    expect(JSON.parse(readFileSync(join(merged, 'manifest.json'), 'utf8')).stats.shards).toBe(2);
    const m0 = await marker('runs/scifact-bm25/0-of-2/shard.json');
    expect(m0.files.map((f: { name: string }) => f.name)).toEqual(['df.u32', 'doc_ptr.u32', 'doc_terms.u32', 'doc_tfs.u32', 'ids.txt', 'terms.json']);
    expect(stored.filter((k) => k.startsWith(`runs/scifact-bm25/0-of-2/${m0.attempt}/`))).toHaveLength(6);
    // nothing left behind locally: built in a temp folder, uploaded, removed; downloads removed after the merge
    const staging = join(a, 'indexes', 'scifact', 'shards', 'bm25');
    expect(existsSync(staging) ? readdirSync(staging) : []).toEqual([]);
    for (const f of readdirSync(single).filter((f) => f !== 'manifest.json')) expect(readFileSync(join(merged, f)).equals(readFileSync(join(single, f))), f).toBe(true);
    expect(runs[0].split('\n').length).toBeGreaterThan(300 * 90);
    expect(runs[0]).toBe(runs[1]);

    // a rebuilt shard (same parameters) is reused from its marker, not uploaded again
    const again = ok(await medirAsync(['index', ...args, '--shard', '1/2', '--shard-dir', uri], { env: envOf(a) }));
    expect(again).toContain('reused');

    // one object changed behind the marker's back: the merge names the object, the shard and the sizes
    const victim = `runs/scifact-bm25/1-of-2/${(await marker('runs/scifact-bm25/1-of-2/shard.json')).attempt}/df.u32`;
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: victim, Body: 'not the shard' }));
    expect(await refused(['index', ...args, '--merge', '--shard-dir', uri], envOf(a))).toMatch(new RegExp(`s3://${BUCKET}/${victim}: shard 1/2: 13 bytes .*its marker says`));

    // a shard without its marker (an upload killed before its last PUT) is missing, named with the URI
    await s3.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'runs/scifact-bm25/1-of-2/shard.json' }));
    expect(await refused(['index', ...args, '--merge', '--shards', '2', '--shard-dir', uri], envOf(a))).toContain(`${uri}: shard 1/2 missing or unfinished`);
  });
});

describe('GloVe shards in s3rver and the LanceDB table in s3rver (2,000 NFCorpus documents)', () => {
  it('merges bit-identical vectors into a LanceDB table at an s3:// URI whose run equals a local LanceDB build', { timeout: 300_000 }, async () => {
    const dataset = datasetSlice('nfcorpus', 2000);
    const [a, b] = [tempDir('medir-s3-'), tempDir('medir-local-')];
    const args = ['--dataset', dataset, '--retriever', 'dense', '--model', 'glove-sg100-en-static', '--vector-store', 'lancedb'];
    const uri = `s3://${BUCKET}/runs/nfcorpus-glove`;
    const { merged, single, runs } = await viaS3AndLocal(args, uri, a, b, ['--lancedb-uri', `s3://${BUCKET}/tables`]);
    expect(readFileSync(join(merged, 'vectors.f32')).equals(readFileSync(join(single, 'vectors.f32')))).toBe(true);
    // the merged index keeps its table in the bucket (and says where); the local one in its folder
    expect(existsSync(join(merged, 'lancedb'))).toBe(false);
    const at = JSON.parse(readFileSync(join(merged, 'lancedb.json'), 'utf8'));
    expect(at.uri).toBe(`s3://${BUCKET}/tables`);
    expect((await keys(`tables/${at.table}.lance/`)).some((k) => k.includes('/data/'))).toBe(true);
    expect(existsSync(join(single, 'lancedb'))).toBe(true);
    expect(runs[0].split('\n').length).toBeGreaterThan(300 * 90);
    expect(runs[0]).toBe(runs[1]);
  });
});

describe('object storage that is not there', () => {
  const args = (dataset: string) => ['index', '--dataset', dataset, '--retriever', 'bm25', '--shard', '0/2'];
  const tiny = () => writeTree(tempDir('medir-tiny-'), { 'corpus.jsonl': '{"_id":"d1","text":"heart attack"}\n{"_id":"d2","text":"aspirin dose"}\n', 'queries.jsonl': '{"_id":"q1","text":"heart"}\n', 'qrels/test.tsv': 'query-id\tcorpus-id\tscore\nq1\td1\t1\n' });

  it('names the URI and exits 1: no such bucket, an endpoint nobody answers, no credentials', { timeout: 120_000 }, async () => {
    const dataset = tiny();
    const root = tempDir('medir-s3-bad-');
    expect(await refused([...args(dataset), '--shard-dir', 's3://no-such-bucket/x'], envOf(root))).toMatch(/s3:\/\/no-such-bucket\/x\/0-of-2\/shard\.json: no such bucket/);
    const started = Date.now();
    expect(await refused([...args(dataset), '--shard-dir', `s3://${BUCKET}/x`], envOf(root, { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' }))).toMatch(new RegExp(`s3://${BUCKET}/x/0-of-2/shard.json: cannot reach endpoint http://127.0.0.1:9 \\(ECONNREFUSED`));
    expect(Date.now() - started).toBeLessThan(60_000);
    const noKeys = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SHARED_CREDENTIALS_FILE: join(root, 'none'), AWS_CONFIG_FILE: join(root, 'none'), AWS_EC2_METADATA_DISABLED: 'true' };
    expect(await refused([...args(dataset), '--shard-dir', `s3://${BUCKET}/x`], envOf(root, noKeys))).toMatch(new RegExp(`s3://${BUCKET}/x/0-of-2/shard.json: no AWS credentials`));
    expect(await refused([...args(dataset), '--shard-dir', 'gs://bucket/x'], envOf(root), 2)).toMatch(/unknown object store for --shard-dir 'gs'; valid: s3/);
    // a LanceDB table in a bucket that does not exist
    const dense = ['index', '--dataset', dataset, '--retriever', 'dense', '--vector-store', 'lancedb', '--lancedb-uri', 's3://no-such-bucket/tables'];
    expect(await refused(dense, envOf(root))).toMatch(/s3:\/\/no-such-bucket\/tables\/.*: cannot write the LanceDB table/);
  });
});
