import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mirrorSearchPath, PACKAGE_ROOT } from '../../src/mirror/locations.js';

/**
 * medir as a dependency, the way the README's "Install as a dependency" says: pack the built
 * package, install the tarball into an empty project (from the npm cache where it can), then run
 * the CLI through npx and import the API from an ESM script that must type-check under nodenext.
 * It packs the dist/ that `npm run build` made (npm test and .ci/run build first) without
 * rebuilding it, so the tests running beside it keep their CLI.
 */
const README = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
/** The one step a consumer adds before installing: allow hnswlib-node's compile, deny onnxruntime-node's CUDA download. */
const ALLOW_SCRIPTS = 'npm pkg set allowScripts.hnswlib-node=true allowScripts.onnxruntime-node=false --json';
const PACKAGE = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
const VERSION = PACKAGE.version;
/** The optional second step: LanceDB's optional transformers.js pointed at medir's, one copy installed instead of two. */
const OVERRIDE = `npm pkg set 'overrides.@lancedb/lancedb.@huggingface/transformers=${PACKAGE.dependencies['@huggingface/transformers']}'`;
const golden = join(mirrorSearchPath().find((m) => existsSync(join(m, 'golden', 'trec_eval')))!, 'golden', 'trec_eval');
const TSC = join(PACKAGE_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

let work: string;
let project: string;
let tarball: { filename: string; size: number; files: { path: string }[] };

function sh(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, MEDIR_QUIET: '1' }, timeout: 540_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${r.stderr}`);
  return r.stdout;
}

const CONSUMER = `import { evaluate, MedirError, readQrels, readRun, type EvaluationReport } from 'medir';
import { compare } from 'medir/evaluate';
import { fuse } from 'medir/fuse';

const qrels = await readQrels(process.argv[2]);
const { run } = await readRun(process.argv[3]);
const report: EvaluationReport = evaluate(qrels, run, { measures: 'map' });
const fused = fuse([run, run], { method: 'rrf' });
const again = evaluate(qrels, fused, { measures: 'map', runId: 'fused' });
const { pairs } = compare({ run: report, fused: again });
try {
  evaluate(qrels, run, { measures: 'no_such_measure' });
} catch (err) {
  if (!(err instanceof MedirError)) throw err;
  console.log(JSON.stringify({ map: report.aggregate.map, pairs: pairs.length, code: err.code }));
}
`;

describe('medir installed from its tarball into an empty project', () => {
  beforeAll(() => {
    expect(existsSync(join(PACKAGE_ROOT, 'dist', 'index.js')), 'dist/ is built (npm run build)').toBe(true);
    work = mkdtempSync(join(tmpdir(), 'medir-package-'));
    const t0 = performance.now();
    [tarball] = JSON.parse(sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], PACKAGE_ROOT));
    project = join(work, 'project');
    sh('mkdir', [project], work);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', type: 'module', private: true }, null, 2));
    sh('sh', ['-c', ALLOW_SCRIPTS], project);
    sh('sh', ['-c', OVERRIDE], project);
    const t1 = performance.now();
    sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, tarball.filename)], project);
    const t2 = performance.now();
    const installedMb = Number(execFileSync('du', ['-sm', join(project, 'node_modules')], { encoding: 'utf8' }).split('\t')[0]);
    process.stdout.write(
      `package: ${tarball.filename} ${(statSync(join(work, tarball.filename)).size / 1e6).toFixed(2)} MB packed, ${tarball.files.length} files; ` +
        `pack ${((t1 - t0) / 1000).toFixed(1)} s, install ${((t2 - t1) / 1000).toFixed(1)} s, node_modules ${installedMb} MB\n`,
    );
  }, 600_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('the README gives the install steps this test runs', () => {
    expect(README).toContain(ALLOW_SCRIPTS);
    expect(README).toContain(OVERRIDE);
  });

  it('installs one transformers.js, medir\'s', () => {
    expect(existsSync(join(project, 'node_modules', '@lancedb', 'lancedb', 'node_modules', '@huggingface', 'transformers'))).toBe(false);
    expect(existsSync(join(project, 'node_modules', '@huggingface', 'transformers'))).toBe(true);
  });

  it('holds the build, the registries, README and LICENSE, and no tests or benches', () => {
    const paths = tarball.files.map((f) => f.path);
    for (const p of ['dist/index.js', 'dist/index.d.ts', 'dist/index.d.ts.map', 'dist/bin/main.js', 'dist/bin/worker.js', 'bin/medir', 'README.md', 'LICENSE', 'package.json']) {
      expect(paths, p).toContain(p);
    }
    for (const dir of ['corpora/', 'models/', 'prompts/', 'qrels/', 'schemas/']) expect(paths.some((p) => p.startsWith(dir)), dir).toBe(true);
    expect(paths.filter((p) => /^(test|bench|examples|scripts)\//.test(p) || p.endsWith('.tgz'))).toEqual([]);
  });

  it('npx medir --version prints the package version', () => {
    expect(sh('npx', ['medir', '--version'], project).trim()).toBe(VERSION);
  });

  it('npx medir eval gives trec_eval\'s output byte for byte', () => {
    const out = sh('npx', ['medir', 'eval', '--qrels', join(golden, 'A.qrels'), '--run', join(golden, 'A.run'), '--measures', 'all_trec', '--per-query', '--complete', '--format', 'trec_eval'], project);
    expect(out).toBe(readFileSync(join(golden, 'A.all_trec.q.c.txt'), 'utf8'));
  });

  it('an ESM script imports the API, type-checks under nodenext and runs', () => {
    writeFileSync(join(project, 'check.ts'), CONSUMER);
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2023', strict: true, noEmit: true }, files: ['check.ts'] }),
    );
    sh(process.execPath, [TSC, '-p', 'tsconfig.json'], project);
    // the same script as JavaScript: strip the one type annotation and import
    const js = CONSUMER.replace(', type EvaluationReport', '').replace(': EvaluationReport', '');
    writeFileSync(join(project, 'check.mjs'), js);
    const out = JSON.parse(sh(process.execPath, ['check.mjs', join(golden, 'A.qrels'), join(golden, 'A.run')], project)) as { map: number; pairs: number; code: string };
    expect(out.map).toBeCloseTo(0.0981, 4);
    expect(out).toMatchObject({ pairs: 1, code: 'UNKNOWN_NAME' });
  });
});
