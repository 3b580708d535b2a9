import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATORS } from '../../src/generate/registry.js';
import { READERS } from '../../src/rag/readers/registry.js';
import { EXTRACTORS } from '../../src/rag/extractors/registry.js';
import { PROMPTS } from '../../src/rag/prompts/registry.js';
import { PROMPTS_DIR } from '../../src/rag/prompts/template.js';
import { SETTINGS } from '../../src/rag/settings/registry.js';

const SRC = join(import.meta.dirname, '../../src');

/** The plug-in files of a folder: every .ts file but the seam and helper files named here. */
function pluginFiles(folder: string, infrastructure: readonly string[]): string[] {
  return readdirSync(join(SRC, folder))
    .filter((f) => f.endsWith('.ts') && !infrastructure.includes(f))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
}

describe('registries match their folders (one file per plug-in, named as registered)', () => {
  it.each([
    ['generate', GENERATORS, ['generator.ts', 'registry.ts', 'cache.ts', 'limit.ts', 'messages.ts', 'shared-params.ts']],
    ['rag/readers', READERS, ['reader.ts', 'registry.ts']],
    ['rag/extractors', EXTRACTORS, ['extractor.ts', 'registry.ts', 'locate-answer.ts']],
    ['rag/prompts', PROMPTS, ['prompt.ts', 'registry.ts', 'template.ts']],
    ['rag/settings', SETTINGS, ['setting.ts', 'registry.ts']],
  ] as const)('%s', (folder, registry, infrastructure) => {
    expect(Object.keys(registry).sort()).toEqual(pluginFiles(folder, infrastructure));
    for (const [name, def] of Object.entries(registry)) expect((def as { name: string }).name).toBe(name);
  });

  it("every prompt's templates exist under prompts/<name>/<version>/ and hash", () => {
    for (const prompt of Object.values(PROMPTS)) {
      expect(prompt.version.startsWith(`${prompt.name}/v`)).toBe(true);
      expect(existsSync(join(PROMPTS_DIR, prompt.version))).toBe(true);
      for (const t of prompt.templates()) expect(t.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(Object.keys(EXTRACTORS)).toContain(prompt.extractor);
    }
  });
});
