import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT, resolveLocations } from '../../src/mirror/locations.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const CHILD = join(PACKAGE_ROOT, 'test', 'embed', 'fixtures', 'index-dense.ts');
const DOCS = 800;
const CHUNK = 100;

/** The first 800 documents of the real NFCorpus as a BEIR folder of its own. */
function nfcorpusSlice(): string {
  const src = join(resolveLocations().mirrors[0], 'data', 'nfcorpus');
  const lines = readFileSync(join(src, 'corpus.jsonl'), 'utf8').split('\n').filter(Boolean).slice(0, DOCS);
  return writeTree(tempDir('nfcorpus-slice-'), {
    'corpus.jsonl': lines.join('\n') + '\n',
    'queries.jsonl': readFileSync(join(src, 'queries.jsonl'), 'utf8'),
    'qrels/test.tsv': readFileSync(join(src, 'qrels', 'test.tsv'), 'utf8'),
  });
}

function env(root: string): NodeJS.ProcessEnv {
  return { ...process.env, MEDIR_INDEXES: join(root, 'indexes'), MEDIR_CACHE: join(root, 'cache'), MEDIR_QUIET: '1' };
}

function build(dataset: string, root: string): { dir: string; reused: boolean; stats: Record<string, number> } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, dataset, String(CHUNK)], { env: env(root), encoding: 'utf8', timeout: 240_000 });
  expect(child.stderr).not.toMatch(/Error/);
  expect(child.status).toBe(0);
  return JSON.parse(child.stdout);
}

function segments(root: string): number {
  const dir = join(root, 'cache', 'embeddings');
  if (!existsSync(dir)) return 0;
  return readdirSync(dir).reduce((n, key) => n + readdirSync(join(dir, key)).filter((f) => f.endsWith('.seg')).length, 0);
}

describe('an embedding build killed with SIGKILL', () => {
  it('resumes from its last complete chunk and writes the same bytes as an uninterrupted build', { timeout: 600_000 }, async () => {
    const dataset = nfcorpusSlice();
    const killed = tempDir('medir-killed-');
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataset, String(CHUNK)], { env: env(killed), stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    while (segments(killed) === 0 && child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const done = segments(killed);
    expect(done).toBeGreaterThanOrEqual(1);
    expect(done).toBeLessThan(DOCS / CHUNK);
    // Nothing half-built is visible under the index's real name.
    const datasetIndexes = join(killed, 'indexes', readdirSync(join(killed, 'indexes'))[0]);
    expect(readdirSync(datasetIndexes).filter((f) => !f.startsWith('.'))).toEqual([]);

    const abandoned = readdirSync(datasetIndexes).filter((f) => f.includes('.tmp-'));
    expect(abandoned).toHaveLength(1);

    const resumed = build(dataset, killed);
    // The killed build's temp folder (a partial matrix) is cleaned up by the next build.
    expect(readdirSync(datasetIndexes).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(resumed.stats.fromCache).toBeGreaterThanOrEqual(done * CHUNK);
    expect(resumed.stats.embedded).toBeLessThanOrEqual(DOCS - done * CHUNK);
    expect(resumed.stats.documents).toBe(DOCS);

    const fresh = build(dataset, tempDir('medir-fresh-'));
    expect(fresh.stats).toMatchObject({ documents: DOCS, fromCache: expect.any(Number) });
    expect(fresh.stats.embedded).toBeGreaterThan(resumed.stats.embedded);
    expect(readFileSync(join(resumed.dir, 'vectors.f32')).equals(readFileSync(join(fresh.dir, 'vectors.f32')))).toBe(true);
    expect(readFileSync(join(resumed.dir, 'ids.txt'), 'utf8')).toBe(readFileSync(join(fresh.dir, 'ids.txt'), 'utf8'));
  });
});
