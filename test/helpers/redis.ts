import { describe, expect, it } from 'vitest';
import { redisServerInstalled } from './redis-server.js';

export { freePort, redisServerInstalled, startRedis, type RedisServer } from './redis-server.js';

/**
 * `describe` for tests that need a real Redis: skipped, saying so, where redis-server is missing;
 * but under CI (`CI` set) a missing redis-server is a failure, never a silent skip.
 */
export function describeWithRedis(name: string, body: () => void): void {
  if (redisServerInstalled()) {
    describe(name, body);
  } else if (process.env.CI) {
    describe(name, () => it('has redis-server installed', () => expect.fail('redis-server is not installed; under CI it must be (.ci/run installs it with apt-get install redis-server)')));
  } else {
    process.stderr.write(`skipped "${name}": redis-server is not installed (Debian: apt-get install redis-server)\n`);
    describe.skip(`${name} (skipped: redis-server is not installed)`, body);
  }
}
