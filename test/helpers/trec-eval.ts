import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mirrorSearchPath } from '../../src/mirror/locations.js';

/**
 * Builds trec_eval 10.0 from the mirror's peers/trec_eval source into a fresh temp folder (never into
 * the repository) and returns the binary's path and the folder (to remove after use), or why it could not: no source, no make or no gcc (its Makefile's compiler).
 */
export function buildTrecEval(): { binary: string; folder: string } | { skipped: string } {
  const source = mirrorSearchPath()
    .map((m) => join(m, 'peers', 'trec_eval'))
    .find((dir) => existsSync(join(dir, 'Makefile')));
  if (!source) return { skipped: 'no peers/trec_eval in the mirror' };
  for (const tool of ['make', 'gcc']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return { skipped: `no ${tool} on PATH` };
  }
  const folder = mkdtempSync(join(tmpdir(), 'medir-trec-eval-'));
  const dir = join(folder, 'trec_eval');
  cpSync(source, dir, { recursive: true });
  const make = spawnSync('make', ['-s'], { cwd: dir, encoding: 'utf8' });
  if (make.status !== 0) return { skipped: `make failed: ${make.stderr.slice(-500)}` };
  return { binary: join(dir, 'trec_eval'), folder };
}
