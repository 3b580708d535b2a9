import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';
import { loadPrompt } from '../../src/rewrite/prompt.js';
import { REWRITE_METHODS, rewriteMethod } from '../../src/rewrite/registry.js';

describe('rewrite methods', () => {
  it('the registry lists exactly the files of src/rewrite/methods, each under its own name', () => {
    const files = readdirSync(join(PACKAGE_ROOT, 'src', 'rewrite', 'methods')).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
    expect(Object.keys(REWRITE_METHODS).sort()).toEqual(files.sort());
    for (const [name, def] of Object.entries(REWRITE_METHODS)) expect(def.name).toBe(name);
    expect(() => rewriteMethod('rm3')).toThrow("unknown rewrite method 'rm3'; valid: hyde, query2doc, lamer");
  });

  // R2MED's eval_bench_BM25.py and eval_bench.py: what BM25 and the dense model are given.
  it.each([
    ['hyde', 'passage P', { query: 'Q', document: 'passage P' }],
    ['query2doc', 'Q Q passage P', { query: 'Q[SEP]passage P' }],
    ['lamer', 'Q passage P', { query: 'Q', document: 'passage P' }],
  ] as const)('%s builds the queries of R2MED', (name, lexical, dense) => {
    const method = rewriteMethod(name);
    expect(method.lexicalQuery('Q', 'passage P')).toBe(lexical);
    expect(method.denseQuery('Q', 'passage P')).toEqual(dense);
  });

  it('ships a prompt for each method with the slots it fills', () => {
    for (const method of Object.values(REWRITE_METHODS)) {
      const prompt = loadPrompt(method.prompt, method.usesPassages ? ['query', 'passages'] : ['query']);
      expect(prompt.version).toBe(method.prompt);
      expect(prompt.user.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
