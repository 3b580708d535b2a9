import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mirrorSearchPath, PACKAGE_ROOT } from '../../src/mirror/locations.js';
import { medir } from '../helpers/cli.js';

const mirror = mirrorSearchPath().find((m) => existsSync(join(m, 'golden', 'trec_eval')))!;
const golden = join(mirror, 'golden', 'trec_eval');

/** Runs bin/medir with its stdout a pipe whose reader is closed before medir writes a byte. */
function intoClosedPipe(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'medir'), ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MEDIR_QUIET: '1' } });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('medir in a pipeline', () => {
  it.each([
    ['datasets'],
    ['rag', '--help'],
    ['eval', '--qrels', join(golden, 'A.qrels'), '--run', join(golden, 'A.run'), '--measures', 'all_trec', '--per-query', '--format', 'trec_eval'],
  ])('`medir %s … | head` whose reader left: exit 0, no error on stderr', async (...args) => {
    const r = await intoClosedPipe(args);
    // eval's one-line policy note goes to stderr by design (stdout stays trec_eval's bytes); nothing else may.
    expect(r.stderr.replace(/^policy: .*\n/, '')).toBe('');
    expect(r.status).toBe(0);
  });

  it('a mistyped choice prints the error and a one-line hint, not the help', () => {
    const r = medir(['run', '--dataset', 'nfcorpus', '--retriever', 'bm26']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("medir: error: option '--retriever <name>' argument 'bm26' is invalid\nhint: valid: bm25, dense, opensearch, elasticsearch; see `medir run --help`\n");
  });

  it('an unknown option of a subcommand points at that subcommand\'s help', () => {
    const r = medir(['rag', 'score', '--bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(5);
    expect(r.stderr).toMatch(/hint: see `medir rag score --help`/);
  });
});
