/**
 * Bundles the CLI into dist/bin/ with esbuild: main.js, worker.js (the analysis worker, which
 * src/analyze/parallel.ts starts from beside itself) and shared chunks, split at every dynamic
 * import so each command loads only its own code. A handful of files instead of ~250 modules is
 * what makes `medir --version` start nearly as fast as bare Node. dist/bin/ sits two levels below
 * the package root, as src/mirror/locations.ts does, so PACKAGE_ROOT resolves the same.
 *   node scripts/build-cli.mjs
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildCli() {
  rmSync(`${root}dist/bin`, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/main.ts', 'src/analyze/worker.ts'],
    entryNames: '[name]',
    outdir: 'dist/bin',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // dependencies stay in node_modules: native addons and the model runtimes cannot be bundled
    packages: 'external',
    // keeps `with { type: 'json' }` on external imports (esbuild's node20 table predates it)
    supported: { 'import-attributes': true },
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
