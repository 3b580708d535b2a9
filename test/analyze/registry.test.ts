import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANALYZERS, createAnalyzer } from '../../src/analyze/registry.js';
import { MedirError } from '../../src/core/errors.js';

describe('analyzer registry', () => {
  it('lists exactly the files in src/analyze/languages, each under its own code', () => {
    const files = readdirSync(join(import.meta.dirname, '../../src/analyze/languages')).map((f) => f.replace(/\.ts$/, ''));
    expect(Object.keys(ANALYZERS).sort()).toEqual(files.sort());
    for (const [code, def] of Object.entries(ANALYZERS)) expect(def.code).toBe(code);
  });

  it('covers the languages the issues name', () => {
    for (const code of ['en', 'es', 'fr', 'it', 'de', 'pt', 'zh', 'hi']) expect(ANALYZERS).toHaveProperty(code);
  });

  it('rejects an unknown language, listing the valid ones', () => {
    try {
      createAnalyzer('klingon');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(MedirError);
      expect((err as MedirError).code).toBe('UNKNOWN_NAME');
      expect((err as MedirError).message).toBe(`unknown language 'klingon'; valid: ${Object.keys(ANALYZERS).join(', ')}`);
    }
  });
});
