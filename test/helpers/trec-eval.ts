import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mirrorSearchPath } from '../../src/mirror/locations.js';

/**
 * Builds trec_eval 10.0 from the mirror's peers/trec_eval source in a temp folder (never in the
 * repository), once per source and machine: the build is kept under the temp dir, keyed by the source
 * folder and its Makefile's mtime, since the mutation runs load the test files using it once per
 * mutant. Returns the binary and a fresh scratch folder (to remove after use), or why it could not:
 * no source, no make or no gcc (its Makefile's compiler).
 */
export function buildTrecEval(): { binary: string; folder: string } | { skipped: string } {
  const source = mirrorSearchPath()
    .map((m) => join(m, 'peers', 'trec_eval'))
    .find((dir) => existsSync(join(dir, 'Makefile')));
  if (!source) return { skipped: 'no peers/trec_eval in the mirror' };
  for (const tool of ['make', 'gcc']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return { skipped: `no ${tool} on PATH` };
  }
  const key = createHash('sha256').update(`${source}\0${statSync(join(source, 'Makefile')).mtimeMs}`).digest('hex').slice(0, 16);
  const build = join(tmpdir(), `medir-trec-eval-build-${key}`);
  const binary = join(build, 'trec_eval', 'trec_eval');
  if (!existsSync(binary)) {
    const staging = mkdtempSync(join(tmpdir(), 'medir-trec-eval-staging-'));
    cpSync(source, join(staging, 'trec_eval'), { recursive: true });
    const make = spawnSync('make', ['-s'], { cwd: join(staging, 'trec_eval'), encoding: 'utf8' });
    if (make.status !== 0) return { skipped: `make failed: ${make.stderr.slice(-500)}` };
    try {
      renameSync(staging, build);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another process finished the same build first
    }
  }
  return { binary, folder: mkdtempSync(join(tmpdir(), 'medir-trec-eval-')) };
}
