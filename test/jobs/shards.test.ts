import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';
import { medir, medirAsync } from '../helpers/cli.js';
import { datasetSlice } from '../helpers/dataset-slice.js';
import { tempDir } from '../helpers/tmp.js';
import { expectWithinBatchTolerance } from '../helpers/tolerance.js';

// 4 shard processes in parallel → --merge, against a single-process build with its own cache and
// indexes (nothing reused between them): the same index, and the same runs.
const SHARDS = 4;

function envOf(root: string): Record<string, string> {
  return { MEDIR_INDEXES: join(root, 'indexes'), MEDIR_CACHE: join(root, 'cache') };
}

const indexDirOf = (stdout: string) => stdout.trim().split('\n').at(-1)!.trim();

function ok(r: { status: number; stdout: string; stderr: string }): string {
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** Runs the shards at once; returns each one's stderr. */
async function shardsInParallel(args: string[], env: Record<string, string>, only?: number[]): Promise<string[]> {
  const shards = only ?? Array.from({ length: SHARDS }, (_, i) => i);
  const results = await Promise.all(shards.map((i) => medirAsync([...args, '--shard', `${i}/${SHARDS}`], { env })));
  results.forEach(ok);
  return results.map((r) => r.stderr);
}

/** Builds sharded (in `a`) and single (in `b`); returns both index folders and both top-100 runs. */
async function shardedAndSingle(args: string[], a: string, b: string, beforeMerge?: () => Promise<void>) {
  const progress = await shardsInParallel(['index', ...args], envOf(a));
  await beforeMerge?.();
  const merged = indexDirOf(ok(medir(['index', ...args, '--merge'], { env: envOf(a) })));
  const single = indexDirOf(ok(medir(['index', ...args], { env: envOf(b) })));
  const runs = [a, b].map((root) => {
    const out = join(root, 'run.trec');
    ok(medir(['run', ...args, '--top-k', '100', '--out', out], { env: envOf(root) }));
    return readFileSync(out, 'utf8');
  });
  return { merged, single, runs, progress };
}

const bytes = (dir: string, file: string) => readFileSync(join(dir, file));

describe('a sharded BM25 build (SciFact, 5,183 documents)', () => {
  it('merges into the single-process index, byte for byte, with global statistics, and refuses a shard built otherwise', { timeout: 600_000 }, async () => {
    const [a, b] = [tempDir('medir-sharded-'), tempDir('medir-single-')];
    const args = ['--dataset', 'scifact', '--retriever', 'bm25', '--progress', 'json'];
    const { merged, single, runs, progress } = await shardedAndSingle(args, a, b);
    // each shard reports JSON lines naming itself, the last one finished
    const last = JSON.parse(progress[2].trim().split('\n').at(-1)!);
    expect(last).toMatchObject({ shard: `2/${SHARDS}`, finished: true, etaSeconds: 0 });
    expect(last.done).toBe(last.total);
    const files = readdirSync(single).filter((f) => f !== 'manifest.json');
    expect(files).toContain('post_scores.f32');
    for (const f of files) expect(bytes(merged, f).equals(bytes(single, f)), f).toBe(true);
    const shards = readdirSync(join(a, 'indexes', 'scifact', 'shards', 'bm25')).filter((n) => n.endsWith(`-of-${SHARDS}`));
    expect(shards).toHaveLength(SHARDS);
    // per-shard statistics would change idf and the average length; merged scores equal the single build's
    const stats = shards.map((s) => JSON.parse(readFileSync(join(a, 'indexes', 'scifact', 'shards', 'bm25', s, 'shard.json'), 'utf8')).stats);
    expect(stats.reduce((n, s) => n + s.documents, 0)).toBe(5183);
    expect(Math.min(...stats.map((s) => s.documents))).toBeGreaterThan(1000);
    expect(runs[0].split('\n').length).toBeGreaterThan(300 * 90);
    expect(runs[0]).toBe(runs[1]);

    // shard 3 rebuilt with another k1: the merge (default k1) names it and the parameter
    ok(medir(['index', ...args, '--shard', `3/${SHARDS}`, '--k1', '1.2'], { env: envOf(a) }));
    const refused = medir(['index', ...args, '--merge'], { env: envOf(a) });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`shard 3/${SHARDS} was built with other parameters .*config\\.k1: shard 1\\.2, merge 1\\.5`));
  });
});

describe('a sharded GloVe build (2,000 NFCorpus documents)', () => {
  it('merges into bit-identical vectors and identical top-100 runs, and into any vector store', { timeout: 600_000 }, async () => {
    const dataset = datasetSlice('nfcorpus', 2000);
    const [a, b] = [tempDir('medir-sharded-'), tempDir('medir-single-')];
    const args = ['--dataset', dataset, '--retriever', 'dense', '--model', 'glove-sg100-en-static'];
    const { merged, single, runs } = await shardedAndSingle(args, a, b);
    expect(bytes(merged, 'ids.txt').equals(bytes(single, 'ids.txt'))).toBe(true);
    expect(bytes(merged, 'vectors.f32').length).toBe(2000 * 100 * 4);
    expect(bytes(merged, 'vectors.f32').equals(bytes(single, 'vectors.f32'))).toBe(true);
    expect(runs[0]).toBe(runs[1]);
    const hnsw = indexDirOf(ok(medir(['index', ...args, '--vector-store', 'hnsw', '--merge'], { env: envOf(a) })));
    expect(JSON.parse(readFileSync(join(hnsw, 'manifest.json'), 'utf8'))).toMatchObject({ component: 'dense-hnsw', stats: { documents: 2000, shards: SHARDS } });
  });
});

describe('a sharded tiny-random-bert-embed build with one shard killed (SIGKILL) and rerun', () => {
  it('merges into vectors within the batching tolerance and runs that differ only by near-ties', { timeout: 600_000 }, async () => {
    const dataset = datasetSlice('nfcorpus', 2000);
    const [a, b] = [tempDir('medir-sharded-'), tempDir('medir-single-')];
    const args = ['--dataset', dataset, '--retriever', 'dense', '--model', 'tiny-random-bert-embed', '--chunk-size', '100'];
    const root = join(a, 'indexes', dataset.split('/').at(-1)!, 'shards', 'dense');
    const killAndRerun = async () => {
      // the others are done (shardedAndSingle built them); shard 0 again, killed mid-build
      const { rmSync } = await import('node:fs');
      rmSync(join(root, `0-of-${SHARDS}`), { recursive: true });
      rmSync(join(a, 'cache'), { recursive: true });
      const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'medir'), 'index', ...args, '--shard', `0/${SHARDS}`], { env: { ...process.env, ...envOf(a), MEDIR_QUIET: '1' }, stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      const started = () => readdirSync(root).some((n) => n.startsWith(`.0-of-${SHARDS}.tmp-`));
      while (!started() && child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      expect(existsSync(join(root, `0-of-${SHARDS}`))).toBe(false);
      const refused = medir(['index', ...args, '--merge'], { env: envOf(a) });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(new RegExp(`shard 0/${SHARDS} missing or unfinished`));
      await shardsInParallel(['index', ...args], envOf(a), [0]);
      expect(readdirSync(root).filter((n) => n.includes('.tmp-'))).toEqual([]);
    };
    const { merged, single, runs } = await shardedAndSingle(args, a, b, killAndRerun);
    expectWithinBatchTolerance(merged, single, runs, 2000, 32);
  });
});
