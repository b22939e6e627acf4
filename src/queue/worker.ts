/**
 * A queue worker: takes verify jobs from BullMQ, writes each report once to its own
 * shard, and keeps the shards of dead workers consistent.
 *
 * What happens when things break:
 * - A worker is killed: its jobs' locks expire after `lockMs`, BullMQ's stalled check
 *   (run by every live worker) puts them back in the queue, another worker takes them.
 *   A report the dead worker had already committed is found by its key and not written
 *   again. The dead worker's shard lease expires too; a live worker then cuts its
 *   uncommitted last line (see shard.ts) and seals it.
 * - A document kills its worker again and again: after `maxStalledCount` (1) re-deliveries
 *   BullMQ fails it for good: it lands in the failed set, kyso's dead-letter list,
 *   with the reason. The rest of the run goes on.
 * - A document cannot be read (storage hiccup): the job is retried with exponential
 *   backoff, then dead-lettered with the I/O error.
 * - Redis restarts: commands wait for it to come back (ioredis retries); what survives
 *   depends on Redis's persistence (README, operations notes).
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { KysoIoError } from '../errors.js';
import type { VerifyOptions } from '../options.js';
import type { QueueConnection } from './connection.js';
import { connectRedis, resolveConnection } from './connection.js';
import { queuePeers } from './peers.js';
import type { QueueKeys } from './keys.js';
import { HOLD_LEASE, SHARD_NAME, queueKeys } from './keys.js';
import type { FrozenOptions } from './options.js';
import { FrozenOptionsMismatch, parseFrozenOptions, thawOptions } from './options.js';
import type { VerifyJobData } from './producer.js';
import type { DocumentReader } from './reader.js';
import { documentKey, fileReader, readerFor } from './reader.js';
import { ShardWriter, repairShard } from './shard.js';
import type { Verifier } from './verifier.js';
import { applyTestHooks, poolVerifier } from './verifier.js';

/** Options of `runWorker`. Each undefined means the stated default; bad values throw TypeError. */
export interface WorkerOptions extends QueueConnection {
  /** Output folder for `<shard>.jsonl` and `<shard>.metrics.json`; shared storage when workers run on several machines. */
  readonly out: string;
  /** kyso version of this worker; jobs frozen by another version are refused. */
  readonly kyso: string;
  /** Shard name. Default `<hostname>-<pid>`: a restarted worker starts a new shard. */
  readonly shard?: string;
  /** Documents in flight, each verified in its own worker thread. Default 1; at most the machine's cores over all worker processes. */
  readonly concurrency?: number;
  /** A document's verification may take this long before its thread is ended (the job is then retried, then dead-lettered). Default 600 000 ms. */
  readonly timeoutMs?: number;
  /**
   * Opening a document through its reader, and reading its bytes to key it, may take this long; past it the job fails as
   * `unreadable` (retried, then dead-lettered), so a stalled store cannot hold a job and its lock forever. Default 600 000 ms.
   */
  readonly readTimeoutMs?: number;
  /** Job lock and shard lease, ms: how long a dead worker's documents wait before others take them. Default 30 000. */
  readonly lockMs?: number;
  /** fdatasync each report before its commit. Default true: a machine crash cannot lose a committed report. */
  readonly fsync?: boolean;
  /** Stop once nothing is queued, in flight, or left in a dead worker's shard. */
  readonly untilDrained?: boolean;
  /** Readers tried in order; default the file reader. */
  readonly readers?: readonly DocumentReader[];
  /** Default: kyso's worker-thread pool, `concurrency` threads. */
  readonly verifier?: Verifier;
  /** Stops the worker gracefully: jobs in flight finish, the shard is sealed. */
  readonly signal?: AbortSignal;
  /**
   * Called for each notable event (shard started, repaired, a job failed, lease lost, a Redis
   * error, stopped); default: nothing is logged.
   */
  readonly log?: (event: WorkerEvent) => void;
}

/** Something a worker reports as it runs: narrow on `type`. */
export type WorkerEvent =
  | {
      /** The worker took its shard's lease and is taking jobs. */
      readonly type: 'started';
      /** The shard it writes. */
      readonly shard: string;
    }
  | {
      /** A dead worker's shard was cut back to its committed lines and sealed. */
      readonly type: 'repaired';
      /** The repaired shard. */
      readonly shard: string;
      /** Bytes removed from its end (a partial or uncommitted last line). */
      readonly bytesCut: number;
    }
  | {
      /** A job failed. */
      readonly type: 'failed';
      /** The job's document reference. */
      readonly ref: string;
      /** Why, as BullMQ records it. */
      readonly reason: string;
      /** No attempt is left: the job is now a dead letter. */
      readonly final: boolean;
    }
  | {
      /** The worker lost its shard's lease (it could not renew it within `lockMs`): it stops, since another worker may be repairing the shard. */
      readonly type: 'lease-lost';
      /** The shard whose lease was lost. */
      readonly shard: string;
    }
  | {
      /** Redis reported an error; the worker keeps waiting for it. */
      readonly type: 'redis-error';
      /** The error's text. */
      readonly message: string;
    }
  | {
      /** The worker stopped and sealed its shard. */
      readonly type: 'stopped';
      /** The sealed shard. */
      readonly shard: string;
      /** Reports it wrote. */
      readonly written: number;
      /** Jobs whose result was already committed. */
      readonly duplicates: number;
    };

/** What a worker did, when it stops. */
export interface WorkerSummary {
  /** The shard it wrote. */
  readonly shard: string;
  /** Reports this worker wrote. */
  readonly written: number;
  /** Jobs whose result was already committed (re-delivered, or the same bytes under another reference). */
  readonly duplicates: number;
}

/** What a job returns (BullMQ keeps it only until the job is removed). */
export interface VerifyJobResult {
  /** The result key, `<documentKey>:<optionsHash>`. */
  readonly key: string;
  /**
   * `written`: this job wrote the report; `redelivered`: this same job had already committed its
   * report (it was delivered again); `alias`: the same bytes under another reference already have a
   * report, counted as an alias.
   */
  readonly outcome: 'written' | 'redelivered' | 'alias';
}

/** Renews the lease (or takes it back after a Redis outage): 1, or -1 when it is not ours. */
const RENEW = `${HOLD_LEASE}return 1`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

async function sweepDeadShards(redis: Redis, keys: QueueKeys, out: string, self: string, token: string, leaseMs: number, log: WorkerOptions['log']): Promise<number> {
  const unsealed = (await redis.sdiff(keys.shards, keys.sealed)).filter((s) => s !== self);
  let unrepaired = 0;
  for (const shard of unsealed) {
    if ((await redis.set(keys.lease(shard), token, 'PX', leaseMs, 'NX')) !== 'OK') {
      continue; // alive, or being repaired by another worker
    }
    try {
      const bytesCut = await repairShard(out, shard, redis, keys);
      await redis.sadd(keys.sealed, shard);
      log?.({ type: 'repaired', shard, bytesCut });
    } catch {
      unrepaired++;
    } finally {
      await redis.eval(RELEASE, 1, keys.lease(shard), token);
    }
  }
  return unrepaired;
}

/**
 * `reading`, or KysoIoError (the job is retried, then dead-lettered as unreadable) when the
 * reader has not answered within `timeoutMs` (WorkerOptions.readTimeoutMs): a stalled object store must not hold a job,
 * and its lock, forever. What arrives late is handed to `onLate` (an opened document, to close).
 */
function readInTime<T>(reading: Promise<T>, ref: string, timeoutMs: number, onLate?: (value: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(new KysoIoError(`cannot read ${ref}: its reader gave no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    reading.then(
      (value) => {
        clearTimeout(timer);
        if (late) onLate?.(value);
        else resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Runs a worker until it is stopped (`signal`) or, with `untilDrained`, until nothing is left:
 * takes jobs, verifies each on a worker thread within `timeoutMs`, appends the report to its own
 * shard and commits it in Redis, so every document is reported exactly once across workers and
 * crashes. Repairs the shards of workers that died. Throws TypeError for bad options.
 */
export async function runWorker(options: WorkerOptions): Promise<WorkerSummary> {
  const { url, queue: name } = resolveConnection(options);
  const keys = queueKeys(name);
  const shard = options.shard ?? `${hostname().replace(/[^A-Za-z0-9._-]/g, '_')}-${process.pid}`;
  if (!SHARD_NAME.test(shard)) throw new TypeError(`shard name must match ${SHARD_NAME.source}`);
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) throw new TypeError('concurrency must be an integer from 1 to 256');
  const lockMs = options.lockMs ?? 30_000;
  if (!Number.isInteger(lockMs) || lockMs < 1000) throw new TypeError('lockMs must be an integer of at least 1000');
  const timeoutMs = options.timeoutMs ?? 600_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new TypeError('timeoutMs must be a positive integer');
  const readTimeoutMs = options.readTimeoutMs ?? 600_000;
  if (!Number.isInteger(readTimeoutMs) || readTimeoutMs < 1) throw new TypeError('readTimeoutMs must be a positive integer');
  const readers = options.readers ?? [fileReader];
  // Before any thread or connection: without BullMQ nothing can run.
  const { Queue, UnrecoverableError, Worker } = (await queuePeers()).bullmq;
  const verifier = options.verifier ?? poolVerifier(concurrency, timeoutMs);
  const log = options.log;

  await mkdir(options.out, { recursive: true });
  const redis = await connectRedis(url, { wait: true });
  const token = randomUUID();
  if ((await redis.set(keys.lease(shard), token, 'PX', lockMs, 'NX')) !== 'OK') {
    await redis.quit();
    throw new TypeError(`shard ${shard} is in use by a live worker`);
  }
  await redis.sadd(keys.shards, shard);
  await redis.srem(keys.sealed, shard);
  // A restarted worker with a fixed shard name first cuts its own uncommitted tail.
  await repairShard(options.out, shard, redis, keys);
  const writer = new ShardWriter(options.out, shard, redis, keys, { fsync: options.fsync ?? true, leaseToken: token, leaseMs: lockMs });
  await writer.open();

  const thawed = new Map<string, Promise<{ frozen: FrozenOptions; verify: VerifyOptions }>>();
  const optionsFor = (hash: string) => {
    let entry = thawed.get(hash);
    if (!entry) {
      entry = (async () => {
        const text = await redis.hget(keys.options, hash);
        if (text === null) throw new FrozenOptionsMismatch(`no verification options stored under ${hash}`);
        const frozen = parseFrozenOptions(text);
        return { frozen, verify: await thawOptions(frozen, options.kyso) };
      })();
      thawed.set(hash, entry);
    }
    return entry;
  };

  let written = 0;
  let duplicates = 0;
  const alreadyDone = async (job: Job<VerifyJobData>, key: string, committed: string): Promise<VerifyJobResult> => {
    duplicates++;
    if (committed.split(' ')[2] === job.id) return { key, outcome: 'redelivered' };
    await redis.hsetnx(keys.aliases, job.id ?? '', key);
    return { key, outcome: 'alias' };
  };

  const processor = async (job: Job<VerifyJobData>): Promise<VerifyJobResult> => {
    const { ref, options: hash } = job.data ?? ({} as Partial<VerifyJobData>);
    if (typeof ref !== 'string' || typeof hash !== 'string') throw new UnrecoverableError('malformed job: no document reference or options');
    let resolved: { frozen: FrozenOptions; verify: VerifyOptions };
    try {
      resolved = await optionsFor(hash);
    } catch (error) {
      thawed.delete(hash);
      if (error instanceof FrozenOptionsMismatch) throw new UnrecoverableError(error.message);
      throw error;
    }
    const document = await readInTime(readerFor(readers, ref).open(ref), ref, readTimeoutMs, (late) => void late.close().catch(() => undefined));
    let report;
    let key;
    try {
      const docKey = await readInTime(documentKey(document), ref, readTimeoutMs);
      await applyTestHooks(docKey);
      key = `${docKey}:${hash}`;
      const committed = await redis.hget(keys.results, key);
      if (committed !== null) return await alreadyDone(job, key, committed);
      report = await verifier.verify(document, resolved.verify);
    } finally {
      await document.close();
    }
    let outcome;
    try {
      outcome = await writer.commit(key, job.id ?? '', { kyso: options.kyso, validationTime: resolved.frozen.at, path: ref, ...report });
    } catch (error) {
      // This shard takes no more lines: the job fails here and is retried by another worker.
      if (writer.broken) void stop();
      throw error;
    }
    if (!outcome.written) return alreadyDone(job, key, outcome.committed);
    written++;
    const now = Date.now();
    const minute = keys.minute(Math.floor(now / 60_000));
    await redis.multi().hsetnx(keys.meta, 'firstDoneAt', String(now)).hset(keys.meta, 'lastDoneAt', String(now)).incr(minute).expire(minute, 7200).exec();
    return { key, outcome: 'written' };
  };

  const worker = new Worker<VerifyJobData, VerifyJobResult>(name, processor, {
    connection: redis,
    concurrency,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    maxStalledCount: 1,
    autorun: false,
  });
  worker.on('failed', (job, error) => {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || error instanceof UnrecoverableError || error.name === 'UnrecoverableError';
    log?.({ type: 'failed', ref: String(job.data?.ref), reason: error.message, final });
  });
  // Redis away: said once per 10 s, not on every reconnection attempt; commands wait for it.
  let lastRedisError = 0;
  const onError = (error: Error) => {
    if (Date.now() - lastRedisError < 10_000) return;
    lastRedisError = Date.now();
    log?.({ type: 'redis-error', message: error.message });
  };
  worker.on('error', onError);
  const queue = new Queue(name, { connection: redis });
  queue.on('error', onError);

  let stopping: Promise<void> | undefined;
  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  const stop = () => {
    stopping ??= (async () => {
      clearInterval(timer);
      await worker.close();
      await writer.close();
      await redis.sadd(keys.sealed, shard);
      await redis.eval(RELEASE, 1, keys.lease(shard), token);
      resolveStopped();
    })();
    return stopping;
  };

  let ticking = false;
  let lastSweep = 0;
  const tick = async () => {
    if (ticking || stopping) return;
    ticking = true;
    try {
      if ((await redis.eval(RENEW, 2, keys.lease(shard), keys.sealed, token, String(lockMs), shard)) !== 1) {
        // Another worker may be repairing this shard: appending now could lose reports.
        log?.({ type: 'lease-lost', shard });
        void stop();
        return;
      }
      await writer.flushMetrics();
      let unrepaired = 0;
      if (Date.now() - lastSweep >= lockMs / 2 || options.untilDrained) {
        lastSweep = Date.now();
        unrepaired = await sweepDeadShards(redis, keys, options.out, shard, token, lockMs, log);
      }
      if (options.untilDrained && unrepaired === 0) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
        const pending = Object.values(counts).reduce((a, b) => a + b, 0);
        const others = (await redis.sdiff(keys.shards, keys.sealed)).filter((s) => s !== shard);
        if (pending === 0 && (await deadShards(redis, keys, others)) === 0) void stop();
      }
    } catch {
      // Redis away: the next tick tries again.
    } finally {
      ticking = false;
    }
  };
  const timer = setInterval(() => void tick(), Math.min(1000, Math.floor(lockMs / 3)));
  options.signal?.addEventListener('abort', () => void stop(), { once: true });

  log?.({ type: 'started', shard });
  void worker.run();
  await stopped;
  await queue.close();
  await verifier.close();
  await redis.quit().catch(() => undefined);
  const summary = { shard, written, duplicates };
  log?.({ type: 'stopped', ...summary });
  return summary;
}

/** Unsealed shards nobody holds a lease on: a dead worker's, waiting for repair. */
async function deadShards(redis: Redis, keys: QueueKeys, shards: readonly string[]): Promise<number> {
  let dead = 0;
  for (const shard of shards) if ((await redis.exists(keys.lease(shard))) === 0) dead++;
  return dead;
}
