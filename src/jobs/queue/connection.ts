import { Queue, type RedisOptions } from 'bullmq';
import { MedirError } from '../../core/errors.js';

/** The one BullMQ queue medir's index jobs go through (shard jobs and their merge). */
export const QUEUE_NAME = 'medir-index';

/** How long reaching Redis may take before `--queue` is reported unreachable (no hang on a wrong host). */
const CONNECT_TIMEOUT_MS = 3000;

/** A Redis server named by `--queue redis://[user:password@]HOST:PORT[/DB]` (`rediss://` for TLS). */
export interface QueueServer {
  /** The URL without its password, for messages. */
  display: string;
  connection: RedisOptions;
}

/** Parses `--queue`; anything but a redis:// or rediss:// URL with a host and port is an error naming the option. */
export function parseQueueUrl(value: string): QueueServer {
  const bad = (why: string) => new MedirError('BAD_OPTION', `--queue: expected redis://HOST:PORT (or rediss:// for TLS, optionally /DB), got '${value}': ${why}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw bad('not a URL');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw bad(`the scheme is ${url.protocol.replace(/:$/, '')}`);
  if (!url.hostname) throw bad('no host');
  if (!url.port) throw bad('no port (Redis listens on 6379 by default: say so)');
  const path = url.pathname.replace(/^\//, '');
  if (path !== '' && !/^\d+$/.test(path)) throw bad(`the path '/${path}' is not a database number`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const connection: RedisOptions = {
    host,
    port: Number(url.port),
    db: path ? Number(path) : 0,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: { servername: host } } : {}),
  };
  const shown = new URL(value);
  shown.password = shown.password ? '***' : '';
  return { display: shown.toString(), connection };
}

/**
 * The queue on the server `--queue` names, once Redis answered: a wrong host or a stopped server is
 * an error within a few seconds, never a hang (ioredis would otherwise reconnect forever).
 */
export async function openQueue(url: string): Promise<{ server: QueueServer; queue: Queue }> {
  const server = parseQueueUrl(url);
  const queue = new Queue(QUEUE_NAME, {
    connection: { ...server.connection, connectTimeout: CONNECT_TIMEOUT_MS, retryStrategy: () => null, maxRetriesPerRequest: 1, enableOfflineQueue: false },
  });
  let failure: Error | undefined;
  queue.on('error', (err) => (failure ??= err));
  try {
    await queue.waitUntilReady();
  } catch (err) {
    await queue.close().catch(() => undefined);
    const reason = (failure ?? (err as Error)).message;
    throw new MedirError('BAD_OPTION', `--queue ${server.display}: cannot reach Redis (${reason})`, 'start redis-server there (Debian: apt-get install redis-server), or check the host, port and firewall');
  }
  return { server, queue };
}
