/**
 * Bundles the CLI into dist/bin/ with esbuild: main.js, job-process.js (a queue worker's job process), worker.js (the analysis worker, which
 * src/analyze/parallel.ts starts from beside itself) and shared chunks, split at every dynamic
 * import so each command loads only its own code. A handful of files instead of ~250 modules is
 * what makes `medir --version` start nearly as fast as bare Node. dist/bin/ sits two levels below
 * the package root, as src/mirror/locations.ts does, so PACKAGE_ROOT resolves the same.
 *   node scripts/build-cli.mjs
 */
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/**
 * Small pure-JavaScript dependencies go into the bundle: loading them from node_modules costs a
 * CommonJS parse and a module resolution per file at every start. The rest stay in node_modules:
 * native addons and the model runtimes cannot be bundled, and the heavy ones load only on use.
 */
const BUNDLED = new Set(['commander', 'csv-parse', 'wink-bm25-text-search']);
const { dependencies } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const external = Object.keys(dependencies).filter((name) => !BUNDLED.has(name));

export async function buildCli() {
  rmSync(`${root}dist/bin`, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/main.ts', 'src/analyze/worker.ts', 'src/jobs/queue/job-process.ts'],
    entryNames: '[name]',
    outdir: 'dist/bin',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    // the bundled CommonJS packages require Node's built-ins, which ESM output has no `require` for
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    // keeps `with { type: 'json' }` on external imports (esbuild's node20 table predates it)
    supported: { 'import-attributes': true },
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
