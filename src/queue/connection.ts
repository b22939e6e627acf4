/** Redis connections for the queue: one place that says how long a command may wait. */
import type { Redis } from 'ioredis';
import { KysoIoError } from '../errors.js';
import { queuePeers } from './peers.js';
import { QUEUE_NAME } from './keys.js';

/** The Redis used when neither the options nor KYSO_REDIS_URL name one: a local server on the default port. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Where the queue lives: a Redis URL and a queue name. Each undefined means the stated default. */
export interface QueueConnection {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` for TLS. Default: KYSO_REDIS_URL, else redis://127.0.0.1:6379. */
  readonly redis?: string;
  /** Queue name; several audits can share one Redis under different names. Default `kyso`. */
  readonly queue?: string;
}

export function resolveConnection(connection: QueueConnection): { url: string; queue: string } {
  const url = connection.redis ?? process.env['KYSO_REDIS_URL'] ?? DEFAULT_REDIS_URL;
  const queue = connection.queue ?? 'kyso';
  if (!QUEUE_NAME.test(queue)) throw new TypeError(`queue name must match ${QUEUE_NAME.source}`);
  if (!/^rediss?:\/\//.test(url)) throw new TypeError('the Redis URL must start with redis:// or rediss://');
  return { url, queue };
}

/**
 * `wait: true` for workers: a command waits out a Redis restart instead of failing
 * (BullMQ requires this of workers). Otherwise a command fails after a few retries, so
 * `submit` and `status` tell the operator instead of hanging.
 */
export async function connectRedis(url: string, options: { wait: boolean }): Promise<Redis> {
  const { Redis } = (await queuePeers()).ioredis;
  const redis = new Redis(url, {
    maxRetriesPerRequest: options.wait ? null : 2,
    lazyConnect: true,
    ...(options.wait ? {} : { connectTimeout: 5000, retryStrategy: (times: number) => (times > 3 ? null : 200 * times) }),
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new KysoIoError(`cannot reach Redis at ${redactUrl(url)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return redis;
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
