import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddingCache, textHash } from '../../src/embed/cache.js';
import { writeRun } from '../../src/formats/run.js';
import { PACKAGE_ROOT, resolveLocations } from '../../src/mirror/locations.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

/** The pid of a process that has exited: what a killed build leaves in its temp names. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

const embedder = { config: { model: 'm' }, dim: 2 };

describe('what killed builds leave behind is removed by the next one', () => {
  it('half-written segments in the embedding cache (a live writer\'s are kept)', () => {
    const root = tempDir();
    const dir = EmbeddingCache.open(root, embedder).dir;
    const dead = `.000000001-ab.seg.tmp-${deadPid()}-x`;
    const live = `.000000002-cd.seg.tmp-${process.pid}-y`;
    writeFileSync(join(dir, dead), Buffer.alloc(7));
    writeFileSync(join(dir, live), Buffer.alloc(7));
    EmbeddingCache.open(root, embedder);
    const left = readdirSync(dir);
    expect(left).not.toContain(dead);
    expect(left).toContain(live);
  });

  it('a half-written run file beside the run', async () => {
    const dir = tempDir();
    const stale = `.out.trec.tmp-${deadPid()}-x`;
    writeFileSync(join(dir, stale), 'q1 Q0 d1 1 1 half');
    await writeRun(join(dir, 'out.trec'), new Map([['q1', [{ docId: 'd1', score: 1 }]]]), 'tag');
    expect(readdirSync(dir)).toEqual(['out.trec']);
  });
});

describe('concurrent builds share the embedding work', () => {
  it('two caches of one model filling the same chunk at once embed it once', async () => {
    const root = tempDir();
    const a = EmbeddingCache.open(root, embedder);
    const b = EmbeddingCache.open(root, embedder);
    const texts = ['x', 'y'];
    let calls = 0;
    const embed = async (t: string[]) => {
      calls++;
      await new Promise((r) => setTimeout(r, 50));
      return t.map((s) => new Float32Array([s.charCodeAt(0), 1]));
    };
    const [ra, rb] = await Promise.all([a.fill(texts.map(textHash), texts, embed), b.fill(texts.map(textHash), texts, embed)]);
    expect(calls).toBe(1);
    expect([ra.embedded, rb.embedded].sort()).toEqual([0, 2]);
    expect(rb.vectors.map((v) => [...v])).toEqual([[120, 1], [121, 1]]);
    expect(readdirSync(a.dir).filter((f) => f.endsWith('.seg'))).toHaveLength(1);
  });

  it('four dense builds of one corpus at once write each chunk once (6 segments, not 24)', async () => {
    const src = join(resolveLocations().mirrors[0], 'data', 'nfcorpus');
    const lines = readFileSync(join(src, 'corpus.jsonl'), 'utf8').split('\n').slice(0, 600);
    const dataset = writeTree(tempDir(), { 'corpus.jsonl': lines.join('\n') + '\n', 'queries.jsonl': '{"_id":"q","text":"x"}\n', 'qrels/test.tsv': 'q\t0\tMED-10\t1\n' });
    const root = tempDir();
    const env = { ...process.env, MEDIR_INDEXES: join(root, 'indexes'), MEDIR_CACHE: join(root, 'cache'), MEDIR_QUIET: '1' };
    const child = join(PACKAGE_ROOT, 'test', 'embed', 'fixtures', 'index-dense.ts');
    // each build's exit code with its stderr, so a failure under load says why
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () => {
        const build = spawn(process.execPath, ['--import', 'tsx', child, dataset, '100'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        build.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        return new Promise<{ code: number | null; stderr: string }>((resolve) => build.on('close', (code) => resolve({ code, stderr })));
      }),
    );
    expect(outcomes).toEqual(Array.from({ length: 4 }, () => ({ code: 0, stderr: '' })));
    const embeddings = join(root, 'cache', 'embeddings');
    const [key] = readdirSync(embeddings);
    expect(readdirSync(join(embeddings, key)).filter((f) => f.endsWith('.seg'))).toHaveLength(6);
  });
});
