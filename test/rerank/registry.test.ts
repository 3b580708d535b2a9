import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';
import { createReranker, RERANKERS } from '../../src/rerank/registry.js';
import { rerankerFrom } from '../../src/cli/options/rerank.js';

describe('reranker registry', () => {
  it('lists exactly the files of src/rerank/methods/, each under its own name', () => {
    const files = readdirSync(join(PACKAGE_ROOT, 'src', 'rerank', 'methods')).map((f) => f.replace(/\.ts$/, ''));
    expect(Object.keys(RERANKERS).sort()).toEqual(files.sort());
    for (const [name, def] of Object.entries(RERANKERS)) expect(def.name).toBe(name);
  });

  it('names the valid rerankers and the bad option', async () => {
    const loc = { mirrors: [], cache: '/nonexistent', offline: true } as never;
    await expect(createReranker('colbert', {}, loc)).rejects.toThrow(/unknown reranker 'colbert'; valid: cross-encoder, llm-pointwise, llm-listwise/);
    await expect(rerankerFrom({ rerank: 'tiny-random-bert-cross-encoder', rerankDepth: 10, rerankBatchSize: '0' }, loc)).rejects.toThrow(/--rerank-batch-size: must be at least 1, got 0/);
    await expect(rerankerFrom({ rerank: 'llm-listwise', rerankDepth: 10, rerankWindow: 'x' }, loc)).rejects.toThrow(/--rerank-window: expected an integer, got 'x'/);
    expect(await rerankerFrom({ rerankDepth: 10 }, loc)).toBeUndefined();
  });
});
