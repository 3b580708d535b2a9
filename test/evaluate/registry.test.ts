import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MEASURES } from '../../src/evaluate/measures/registry.js';

const dir = fileURLToPath(new URL('../../src/evaluate/measures/', import.meta.url));
const NOT_MEASURES = new Set(['measure.ts', 'registry.ts']);

/** A family's file: its name lower-cased, `_` → `-` (ndcg_cut → ndcg-cut.ts, Rprec_mult → rprec-mult.ts). */
const fileOf = (name: string) => `${name.toLowerCase().replace(/_/g, '-')}.ts`;

describe('measure registry', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !NOT_MEASURES.has(f)).sort();

  it('lists exactly the families in src/evaluate/measures/, one file each', () => {
    expect(Object.values(MEASURES).map((m) => fileOf(m.name)).sort()).toEqual(files);
  });

  it('keys each family by its own name', async () => {
    for (const [key, family] of Object.entries(MEASURES)) expect(family.name).toBe(key);
    for (const file of files) {
      const family = (await import(`${dir}${file}`)).default;
      expect(MEASURES[family.name as keyof typeof MEASURES]).toBe(family);
    }
  });
});
