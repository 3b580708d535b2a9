import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeServer } from '../generate/fake-openai.js';
import { tempDir } from '../helpers/tmp.js';
import { spawnMedir } from './spawn-medir.js';

function ragChild(server: FakeServer, dir: string) {
  return spawnMedir(
    ['rag', '--dataset', 'pubmedqa-pqal', '--generator', 'openai-compatible', '--base-url', server.baseUrl, '--llm-model', 'fake', '--concurrency', '1', '--retry-base-ms', '5', '--setting', 'closed-book', '--limit', '10', '--out', join(dir, 'out')],
    { MEDIR_CACHE: join(dir, 'cache'), MEDIR_INDEXES: join(dir, 'indexes') },
  );
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
