/**
 * BullMQ and ioredis are optional peer dependencies: only `kyso/queue` (and `kyso queue`)
 * use them, so a service that verifies uploads does not install a Redis client, a job
 * queue and the native add-on BullMQ's message packing builds at install time. They are
 * loaded here, on first use, so that a missing one is a KysoError that says what to
 * install, not a module-resolution failure inside kyso.
 */
import type * as BullMQ from 'bullmq';
import type * as IORedis from 'ioredis';
import { KysoError } from '../errors.js';

/** The two packages, as loaded. */
export interface QueuePeers {
  readonly bullmq: typeof BullMQ;
  readonly ioredis: typeof IORedis;
}

let loaded: Promise<QueuePeers> | undefined;

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/** Loads BullMQ and ioredis once; rejects with ERR_KYSO_MISSING_DEPENDENCY naming the command that installs them. */
export function queuePeers(): Promise<QueuePeers> {
  loaded ??= Promise.all([import('bullmq'), import('ioredis')]).then(
    ([bullmq, ioredis]) => ({ bullmq, ioredis }),
    (error: unknown) => {
      loaded = undefined;
      if (!isNotFound(error)) throw error;
      throw new KysoError(
        'ERR_KYSO_MISSING_DEPENDENCY',
        'kyso/queue needs its optional peer dependencies BullMQ and ioredis: npm install bullmq@^6.7.6 ioredis@^5.11.1',
        { cause: error },
      );
    },
  );
  return loaded;
}
