/**
 * The producer: document references into the queue, in batches, each job naming the
 * frozen verification options by hash (the record itself is stored once).
 *
 * Submitting the same reference with the same options twice while its job is still
 * queued adds nothing (the job id is derived from both); after it is done, the worker
 * finds the committed result and writes no second report.
 */
import { createHash } from 'node:crypto';
import type { QueueConnection } from './connection.js';
import { connectRedis, resolveConnection } from './connection.js';
import { queuePeers } from './peers.js';
import { queueKeys } from './keys.js';
import type { FrozenOptions } from './options.js';
import { canonicalOptions, optionsHash } from './options.js';

/** What a job carries. */
export interface VerifyJobData {
  /**
   * The document reference: a path on shared storage (`fileReader`), or whatever the workers'
   * DocumentReader resolves.
   */
  readonly ref: string;
  /** Key of the frozen options in the options hash. */
  readonly options: string;
}

export const JOB_NAME = 'verify';

/**
 * Options of `submit`: where the queue is, the frozen options every job of this submission uses,
 * retries and batching.
 */
export interface SubmitOptions extends QueueConnection {
  /** The frozen verification options (`freezeOptions`); stored once in Redis under their hash. */
  readonly options: FrozenOptions;
  /** Tries per document for errors a retry can cure (storage unreachable). Default 3. */
  readonly attempts?: number;
  /** First retry delay, doubled each time. Default 2000 ms. */
  readonly backoffMs?: number;
  /** Jobs per round trip. Default 500. */
  readonly batchSize?: number;
  /** Called after each batch is queued, with the number submitted so far (for a progress display). */
  readonly onBatch?: (submitted: number) => void;
}

/**
 * The job id of a reference under an options hash: the same pair always gets the same id, so
 * submitting it again while it is queued adds nothing.
 */
export function jobId(ref: string, options: string): string {
  // Not all digits (BullMQ reserves integer ids) and no ':' (its key separator).
  return `d${createHash('sha256').update(`${options}\0${ref}`).digest('hex').slice(0, 40)}`;
}

/**
 * Enqueues one verification job per reference, in batches. Idempotent per (reference, options): a
 * reference already queued is not queued twice, and one already verified writes no second report.
 * Resolves to how many references were submitted and the options hash. Throws KysoIoError when
 * Redis cannot be reached, TypeError for bad options.
 */
export async function submit(
  refs: Iterable<string> | AsyncIterable<string>,
  options: SubmitOptions,
): Promise<{
  /** How many references were submitted (including any already queued or done). */
  submitted: number;
  /** The hash the options are stored under: the second half of every result key. */
  optionsHash: string;
}> {
  const { url, queue: name } = resolveConnection(options);
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 2000;
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 100) throw new TypeError('attempts must be an integer from 1 to 100');
  if (!Number.isInteger(backoffMs) || backoffMs < 0) throw new TypeError('backoffMs must be a non-negative integer');
  const hash = optionsHash(options.options);
  const keys = queueKeys(name);
  const { Queue } = (await queuePeers()).bullmq;
  const redis = await connectRedis(url, { wait: false });
  const queue = new Queue<VerifyJobData>(name, { connection: redis });
  // Connection errors reach the caller through the commands that fail.
  queue.on('error', () => undefined);
  try {
    await redis.hsetnx(keys.options, hash, canonicalOptions(options.options));
    await redis.hsetnx(keys.meta, 'createdAt', new Date().toISOString());
    let submitted = 0;
    let batch: string[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await queue.addBulk(
        batch.map((ref) => ({
          name: JOB_NAME,
          data: { ref, options: hash },
          opts: {
            jobId: jobId(ref, hash),
            attempts,
            backoff: { type: 'exponential', delay: backoffMs },
            // The report lives in the shard and the commit in the results hash; a
            // completed job in Redis would only cost memory (50 M of them, gigabytes).
            removeOnComplete: true,
            removeOnFail: false,
          },
        })),
      );
      submitted += batch.length;
      batch = [];
      options.onBatch?.(submitted);
    };
    for await (const ref of refs) {
      batch.push(ref);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await redis.hincrby(keys.meta, 'submitted', submitted);
    return { submitted, optionsHash: hash };
  } finally {
    await queue.close();
    await redis.quit().catch(() => undefined);
  }
}
