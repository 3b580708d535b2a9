import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';

/**
 * `medir` in a child process without blocking this one (a test's fake server must keep answering).
 * Killed after a minute at most, so a hung run cannot outlive its test.
 */
export function spawnMedir(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin', 'medir'), ...args], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, MEDIR_QUIET: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const exited = once(child, 'exit').then(([code, signal]) => {
    clearTimeout(timer);
    return { code: code as number | null, signal: signal as NodeJS.Signals | null, stdout, stderr };
  });
  return { child, exited };
}
