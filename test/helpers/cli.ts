import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `bin/medir` as a user would, in its own process. */
export function medir(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const result = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'medir'), ...args], {
    cwd: opts.cwd ?? PACKAGE_ROOT,
    env: { ...process.env, MEDIR_QUIET: '1', ...opts.env },
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** As `medir`, without blocking: for several processes at once (shards of one build). */
export function medirAsync(args: string[], opts: { env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'medir'), ...args], { cwd: PACKAGE_ROOT, env: { ...process.env, MEDIR_QUIET: '1', ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

/** Runs the CLI in this process (a fake server in the test shares its event loop), returning what it printed on stdout. */
export async function medirInProcess(args: string[]): Promise<string> {
  const { vi } = await import('vitest');
  const { buildProgram } = await import('../../src/cli/program.js');
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await (await buildProgram()).parseAsync(['node', 'medir', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}
