import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';
import { startFakeOpenAI, type FakeServer } from '../generate/fake-openai.js';
import { tempDir } from '../helpers/tmp.js';

/** `medir rag` in a child process (the fake server lives in this one, so the call must not block). */
function ragChild(server: FakeServer, dir: string) {
  const child = spawn(
    process.execPath,
    [join(PACKAGE_ROOT, 'bin', 'medir'), 'rag', '--dataset', 'pubmedqa-pqal', '--generator', 'openai-compatible', '--base-url', server.baseUrl, '--llm-model', 'fake', '--concurrency', '1', '--retry-base-ms', '5', '--setting', 'closed-book', '--limit', '10', '--out', join(dir, 'out')],
    { cwd: PACKAGE_ROOT, env: { ...process.env, MEDIR_QUIET: '1', MEDIR_CACHE: join(dir, 'cache'), MEDIR_INDEXES: join(dir, 'indexes') }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = once(child, 'exit').then(([code, signal]) => ({ code, signal, stderr }));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000); // never outlive the test
  exited.finally(() => clearTimeout(timer));
  return { child, exited };
}

describe('killing medir rag mid-run', () => {
  it('the rerun completes without repeating any answered call, and a third run makes none', async () => {
    // The 4th request is held unanswered; the run is killed as it arrives.
    const server = await startFakeOpenAI(['ok', 'ok', 'ok', 'hold']);
    const dir = tempDir();
    const first = ragChild(server, dir);
    server.onRequest = (_r, index) => {
      if (index === 3) first.child.kill('SIGKILL');
    };
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(server.answered).toHaveLength(3);

    server.onRequest = undefined;
    const second = await ragChild(server, dir).exited;
    expect(second.code, second.stderr).toBe(0);
    // 10 questions, each answered once in all; only the held request was sent twice.
    expect(server.answered).toHaveLength(10);
    expect(new Set(server.answered).size).toBe(10);
    expect(server.received).toHaveLength(11);

    const third = await ragChild(server, dir).exited;
    expect(third.code).toBe(0);
    expect(server.received).toHaveLength(11);
  });
});
