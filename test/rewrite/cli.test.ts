import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveLocations } from '../../src/mirror/locations.js';
import { startFakeOpenAI } from '../generate/fake-openai.js';
import { medirInProcess } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const DEMO = join(resolveLocations().mirrors[0], 'data', 'r2med-biology-demo');
const HYDOC = 'hyde/qwen-7b/query_with_hydoc.jsonl';


describe('medir rewrite', () => {
  const saved = { cache: process.env.MEDIR_CACHE, indexes: process.env.MEDIR_INDEXES };
  beforeEach(() => {
    process.env.MEDIR_CACHE = tempDir();
    process.env.MEDIR_INDEXES = tempDir();
  });
  afterEach(() => {
    process.env.MEDIR_CACHE = saved.cache;
    process.env.MEDIR_INDEXES = saved.indexes;
  });

  it('generates through an OpenAI-compatible server, and the rerun is free', async () => {
    const server = await startFakeOpenAI();
    const out = join(tempDir(), 'demo.trec');
    const args = ['rewrite', '--dataset', 'r2med-biology-demo', '--method', 'query2doc', '--generator', 'openai-compatible', '--base-url', server.baseUrl, '--llm-model', 'qwen', '--out', out];
    expect(await medirInProcess(args)).toContain('bm25 with query2doc — 1 generator calls, 0 from cache');
    expect(server.received).toHaveLength(1);
    expect(await medirInProcess(args)).toContain('bm25 with query2doc — 0 generator calls, 1 from cache');
    expect(server.received).toHaveLength(1);

    const manifest = JSON.parse(readFileSync(`${out}.json`, 'utf8'));
    expect(manifest.retriever.config.rewrite).toMatchObject({ method: 'query2doc', model: 'qwen', prompt: { version: 'rewrite/query2doc/v1' } });
    expect(manifest.retriever.config.rewrite.prompt.user).toMatch(/^[0-9a-f]{64}$/);
    // R2MED's BM25 preset for a dataset in its layout.
    expect(manifest.retriever.config.retriever).toMatchObject({ k1: 0.9, b: 0.4 });
    const [searched] = readFileSync(join(out.replace(/\.trec$/, '.queries.jsonl')), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(searched.id).toBe('0');
    expect(searched.searched).toBe(`${searched.text} ${searched.text} ${searched.generated}`);
  });

  it("loads R2MED's published hypothetical documents instead of generating", async () => {
    const out = join(tempDir(), 'hyde.trec');
    expect(await medirInProcess(['rewrite', '--dataset', 'r2med-biology-demo', '--method', 'hyde', '--rewrites', join(DEMO, HYDOC), '--out', out])).toContain(`bm25 with hyde — precomputed (${join(DEMO, HYDOC)})`);
    const hydoc = JSON.parse(readFileSync(join(DEMO, HYDOC), 'utf8').split('\n')[0]);
    const [searched] = readFileSync(out.replace(/\.trec$/, '.queries.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(searched.searched).toBe(hydoc.hy_doc.trim());
  });

  it('asks for a generator or precomputed rewrites', async () => {
    await expect(medirInProcess(['rewrite', '--dataset', 'r2med-biology-demo', '--method', 'hyde'])).rejects.toThrow('--generator or --rewrites is required');
  });
});
