import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';
import { VECTOR_STORES, vectorStoreDefinition } from '../../src/vectors/registry.js';

const FOLDER = join(PACKAGE_ROOT, 'src', 'vectors');

describe('vector store registry', () => {
  it('lists exactly the plug-in files of src/vectors, each under its own name', async () => {
    const plugins: string[] = [];
    for (const file of readdirSync(FOLDER).filter((f) => f.endsWith('.ts'))) {
      const mod = (await import(join(FOLDER, file))) as { default?: { name?: unknown; open?: unknown } };
      if (mod.default && typeof mod.default.open === 'function') {
        expect(mod.default.name).toBe(file.replace(/\.ts$/, ''));
        plugins.push(mod.default.name as string);
      }
    }
    expect(plugins.sort()).toEqual(Object.keys(VECTOR_STORES).sort());
    for (const [key, def] of Object.entries(VECTOR_STORES)) expect(def.name).toBe(key);
  });

  it('names the valid stores when one is unknown', () => {
    expect(() => vectorStoreDefinition('faiss')).toThrow("unknown vector store 'faiss'; valid: exact, hnsw, lancedb");
  });
});
