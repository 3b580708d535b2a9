import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANALYZERS } from '../../../src/analyze/registry.js';
import bm25 from '../../../src/retrieve/bm25.js';
import { BM25_ENGINES } from '../../../src/retrieve/bm25/engines/registry.js';
import { BM25_VARIANTS } from '../../../src/retrieve/bm25/variants.js';

describe('bm25 registries', () => {
  it('lists exactly the engine files in src/retrieve/bm25/engines', () => {
    const files = readdirSync(join(import.meta.dirname, '../../../src/retrieve/bm25/engines'))
      .filter((f) => f !== 'registry.ts')
      .map((f) => f.replace(/\.ts$/, ''));
    expect(Object.keys(BM25_ENGINES).sort()).toEqual(files.sort());
  });

  it('takes its CLI choices from the registries', () => {
    const choices = Object.fromEntries(bm25.params.filter((p) => p.choices).map((p) => [p.key, p.choices]));
    expect(choices).toEqual({
      engine: Object.keys(BM25_ENGINES),
      variant: Object.keys(BM25_VARIANTS),
      language: Object.keys(ANALYZERS),
    });
  });
});
