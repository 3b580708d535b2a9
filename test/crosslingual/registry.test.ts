import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONDITIONS, conditionDefinition } from '../../src/crosslingual/registry.js';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';

describe('condition registry', () => {
  it('lists exactly the files of src/crosslingual/conditions, each under its own name', () => {
    const files = readdirSync(join(PACKAGE_ROOT, 'src', 'crosslingual', 'conditions')).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
    expect(Object.keys(CONDITIONS).sort()).toEqual(files.sort());
    for (const [name, def] of Object.entries(CONDITIONS)) expect(def.name).toBe(name);
  });

  it('names the valid conditions when one is unknown', () => {
    expect(() => conditionDefinition('bm25-magic')).toThrow(`unknown condition 'bm25-magic'; valid: ${Object.keys(CONDITIONS).join(', ')}`);
  });
});
