import { describe, expect, it } from 'vitest';
import { parseQueueUrl } from '../../src/jobs/queue/connection.js';
import { medir } from '../helpers/cli.js';
import { medirErrorOf } from '../helpers/errors.js';
import { freePort } from '../helpers/redis.js';

describe('--queue URL', () => {
  it('takes redis:// and rediss:// with credentials and a database, and masks the password', () => {
    expect(parseQueueUrl('redis://127.0.0.1:6390').connection).toEqual({ host: '127.0.0.1', port: 6390, db: 0 });
    const s = parseQueueUrl('rediss://medir:s%40cret@redis.example.org:6380/2');
    expect(s.connection).toEqual({ host: 'redis.example.org', port: 6380, db: 2, username: 'medir', password: 's@cret', tls: { servername: 'redis.example.org' } });
    expect(s.display).toBe('rediss://medir:***@redis.example.org:6380/2');
    expect(parseQueueUrl('redis://[::1]:6379').connection).toMatchObject({ host: '::1', port: 6379 });
  });

  it.each([
    ['localhost:6379', /not a URL|scheme/],
    ['http://127.0.0.1:6379', /the scheme is http/],
    ['redis://127.0.0.1', /no port/],
    ['redis://127.0.0.1:6379/queue', /not a database number/],
    ['redis://:6379', /not a URL|no host/],
  ])('refuses %s, naming --queue', async (url, why) => {
    const err = await medirErrorOf(() => parseQueueUrl(url));
    expect(err.code).toBe('BAD_OPTION');
    expect(err.message).toMatch(/^--queue: expected redis:\/\/HOST:PORT/);
    expect(err.message).toMatch(why);
  });
});

describe('medir index --queue, refused before any work', () => {
  it('a bad URL is an error naming the option', () => {
    const r = medir(['index', '--dataset', 'scifact', '--retriever', 'bm25', '--queue', 'http://127.0.0.1:6379']);
    expect(r.status).toBe(2); // a usage error
    expect(r.stderr).toMatch(/--queue: expected redis:\/\/HOST:PORT.*the scheme is http/);
  });

  it('an unreachable Redis is a clear error within seconds, not a hang', async () => {
    const port = await freePort(); // nothing listens there
    const t0 = Date.now();
    const r = medir(['index', '--dataset', 'scifact', '--retriever', 'bm25', '--queue', `redis://127.0.0.1:${port}`, '--wait']);
    expect(r.status).toBe(2); // a usage error
    expect(r.stderr).toContain(`--queue redis://127.0.0.1:${port}: cannot reach Redis (connect ECONNREFUSED`);
    expect(Date.now() - t0).toBeLessThan(20_000);
    const w = medir(['worker', '--queue', `redis://127.0.0.1:${port}`]);
    expect(w.status).toBe(2);
    expect(w.stderr).toContain('cannot reach Redis');
  });

  it('--wait and --status need --queue; --shard and --merge exclude it', () => {
    expect(medir(['index', '--dataset', 'scifact', '--retriever', 'bm25', '--wait']).stderr).toContain('--wait needs --queue');
    expect(medir(['index', '--dataset', 'scifact', '--retriever', 'bm25', '--queue', 'redis://127.0.0.1:1', '--merge']).stderr).toContain('--queue enqueues every shard and the merge: drop --merge');
  });
});
