import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';

/** Benchmark output (git-ignored; StrykerJS leaves sandboxes of the whole tree there): not sources. */
const OUTPUTS = join(PACKAGE_ROOT, 'bench', 'results');

/** Every .ts file under `dir`, as paths relative to the package root. */
function sources(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (p === OUTPUTS) continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) out.push(relative(PACKAGE_ROOT, p));
    }
  };
  walk(join(PACKAGE_ROOT, dir));
  return out;
}

const text = (file: string) => readFileSync(join(PACKAGE_ROOT, file), 'utf8');

/** The src/ files a source file imports (relative imports only), as paths relative to the package root. */
function imports(file: string): string[] {
  return [...text(file).matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => relative(PACKAGE_ROOT, resolve(PACKAGE_ROOT, dirname(file), m[1])).replace(/\.js$/, '.ts'));
}

describe('the stage layer is the one way to retrieve', () => {
  it("outside src/pipeline/, nothing in src/ or bench/ calls a retriever's index()/open(), indexAndOpen or runManifest", () => {
    const offenders: string[] = [];
    for (const file of [...sources('src'), ...sources('bench')]) {
      if (file.startsWith('src/pipeline/') || file === 'src/provenance/provenance.ts') continue;
      const lines = text(file).split('\n');
      lines.forEach((line, i) => {
        if (/\b(def|definition|bm25|dense|retriever)\.(index|open)\(|\bindexAndOpen\b|\brunManifest\(/.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});

describe('layers only look down', () => {
  const src = sources('src');
  it('generate/ imports nothing from rag/', () => {
    expect(src.filter((f) => f.startsWith('src/generate/')).flatMap((f) => imports(f).filter((i) => i.startsWith('src/rag/')).map((i) => `${f} → ${i}`))).toEqual([]);
  });

  it('nothing outside cli/ imports cli/', () => {
    expect(src.filter((f) => !f.startsWith('src/cli/')).flatMap((f) => imports(f).filter((i) => i.startsWith('src/cli/')).map((i) => `${f} → ${i}`))).toEqual([]);
  });

  it('no command file imports another (the registry index aside)', () => {
    const commands = src.filter((f) => f.startsWith('src/cli/commands/') && !f.endsWith('/index.ts'));
    expect(commands.flatMap((f) => imports(f).filter((i) => i.startsWith('src/cli/commands/')).map((i) => `${f} → ${i}`))).toEqual([]);
  });
});
