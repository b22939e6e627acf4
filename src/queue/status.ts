/** What the queue is doing: done / failed / pending, throughput, ETA, and the dead-letter list. */
import type { QueueConnection } from './connection.js';
import { connectRedis, resolveConnection } from './connection.js';
import { queuePeers } from './peers.js';
import { queueKeys } from './keys.js';
import type { VerifyJobData } from './producer.js';

/**
 * Why a document was given up on. `worker-lost`: the worker verifying it died (crash,
 * kill, out of memory, or a hang past the lock) on every delivery; `timeout`: its
 * verification ran past the worker's time limit on every try; `unreadable`: the
 * reader failed every retry; `refused`: the worker cannot honour the frozen options
 * (another kyso version, other bundled anchors); `error`: anything else.
 */
export type DeadLetterCause = 'worker-lost' | 'timeout' | 'unreadable' | 'refused' | 'error';

/** A job that failed every attempt: it has no report; re-submit it once the cause is fixed. */
export interface DeadLetter {
  /** The document reference it was submitted with. */
  readonly ref: string;
  /** The BullMQ job id. */
  readonly jobId: string;
  /** Why it failed, classified from the failure reason. */
  readonly cause: DeadLetterCause;
  /** BullMQ's failure reason, as recorded. */
  readonly reason: string;
  /** How many attempts were made. */
  readonly attempts: number;
  /** When the last attempt failed, ISO 8601; null when BullMQ did not record it. */
  readonly failedAt: string | null;
}

/**
 * Where an audit on the queue stands: counts, shard states, throughput, the estimated time left and
 * the dead letters.
 */
export interface QueueStatus {
  /** The queue's name. */
  readonly queue: string;
  /** Documents with a committed report. */
  readonly done: number;
  /** References whose bytes (and options) another reference already had: no report of their own. */
  readonly aliases: number;
  /** In the dead-letter list. */
  readonly failed: number;
  /** Waiting, delayed (retry backoff) or in flight. */
  readonly pending: number;
  /** Jobs being verified right now (part of `pending`). */
  readonly active: number;
  /** The shard files: being written, closed, or left by a worker that died. */
  readonly shards: {
    /** Shards a running worker holds the lease of. */
    readonly live: number;
    /** Shards their worker closed cleanly; complete. */
    readonly sealed: number;
    /** Shards whose worker died (lease expired): the next worker cuts them back to their committed lines. */
    readonly awaitingRepair: number;
  };
  /** Documents per second since the first report. */
  readonly throughput: number | null;
  /** Documents per second over the last five minutes. */
  readonly recentThroughput: number | null;
  /** Seconds until pending reaches zero at the recent (else overall) rate. */
  readonly etaSeconds: number | null;
  /** The dead letters, at most `deadLetterLimit` (default 100) of them. */
  readonly deadLetters: readonly DeadLetter[];
}

export function causeOf(reason: string): DeadLetterCause {
  if (/stalled more than allowable limit|started more than allowable limit/.test(reason)) return 'worker-lost';
  if (/^verification took longer than /.test(reason)) return 'timeout';
  if (/^cannot read |no document reader handles /.test(reason)) return 'unreadable';
  if (/^submitted with kyso |bundles other trust anchors|verification options/.test(reason)) return 'refused';
  return 'error';
}

/**
 * Reads the queue's state from Redis (read only; it changes nothing). Throws KysoIoError when Redis
 * cannot be reached.
 */
export async function queueStatus(connection: QueueConnection & { readonly deadLetterLimit?: number; readonly now?: number }): Promise<QueueStatus> {
  const { url, queue: name } = resolveConnection(connection);
  const keys = queueKeys(name);
  const { Queue } = (await queuePeers()).bullmq;
  const redis = await connectRedis(url, { wait: false });
  const queue = new Queue<VerifyJobData>(name, { connection: redis });
  // Connection errors reach the caller through the commands that fail.
  queue.on('error', () => undefined);
  try {
    const now = connection.now ?? Date.now();
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed');
    const active = counts['active'] ?? 0;
    const pending = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'].reduce((sum, k) => sum + (counts[k] ?? 0), 0);
    const done = await redis.hlen(keys.results);
    const aliases = await redis.hlen(keys.aliases);
    const shards = await redis.smembers(keys.shards);
    const sealed = new Set(await redis.smembers(keys.sealed));
    let live = 0;
    let awaitingRepair = 0;
    for (const shard of shards) {
      if (sealed.has(shard)) continue;
      if ((await redis.exists(keys.lease(shard))) === 1) live++;
      else awaitingRepair++;
    }
    const firstDoneAt = Number((await redis.hget(keys.meta, 'firstDoneAt')) ?? NaN);
    const elapsed = (now - firstDoneAt) / 1000;
    const throughput = Number.isFinite(elapsed) && elapsed > 0 ? done / elapsed : null;
    // The last five minute counters, over the time they cover since the first report.
    const minute = Math.floor(now / 60_000);
    const recentKeys = Array.from({ length: 5 }, (_, i) => keys.minute(minute - i));
    const recentCount = (await redis.mget(...recentKeys)).reduce((sum, v) => sum + Number(v ?? 0), 0);
    const windowStart = Math.max((minute - 4) * 60_000, Number.isFinite(firstDoneAt) ? firstDoneAt : now);
    const windowSeconds = (now - windowStart) / 1000;
    const recentThroughput = windowSeconds > 0 && recentCount > 0 ? recentCount / windowSeconds : null;
    const rate = recentThroughput ?? throughput;
    const etaSeconds = pending === 0 ? 0 : rate ? pending / rate : null;
    const failedJobs = await queue.getFailed(0, (connection.deadLetterLimit ?? 100) - 1);
    const deadLetters = failedJobs.map((job) => {
      const reason = job.failedReason ?? '';
      return {
        ref: String((job.data as Partial<VerifyJobData> | undefined)?.ref),
        jobId: job.id ?? '',
        cause: causeOf(reason),
        reason,
        attempts: job.attemptsMade,
        failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      };
    });
    return {
      queue: name,
      done,
      aliases,
      failed: counts['failed'] ?? 0,
      pending,
      active,
      shards: { live, sealed: sealed.size, awaitingRepair },
      throughput,
      recentThroughput,
      etaSeconds,
      deadLetters,
    };
  } finally {
    await queue.close();
    await redis.quit().catch(() => undefined);
  }
}
