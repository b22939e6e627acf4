/**
 * A shard: one worker's append-only JSONL of reports (`<shard>.jsonl`) and its metrics
 * (`<shard>.metrics.json`) in the output folder.
 *
 * Exactly once: a report line is first appended (and fsynced), then committed in Redis
 * with HSETNX on its result key, naming the shard and the line's offset. Appends and
 * commits of one shard run one at a time, so only the last line can be uncommitted: a
 * worker killed between the two leaves at most that line (or a partial one), and
 * `repairShard` removes it. A line whose key another worker committed first is cut
 * off at once. Readers of a sealed shard therefore see committed lines only.
 *
 * A commit also checks, in the same Redis script, that the writer still holds its
 * shard's lease: once a live worker has taken the lease to repair a shard it believed
 * dead, no line of that shard can be committed behind its back.
 */
import { createReadStream } from 'node:fs';
import { open, rename, stat, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Redis } from 'ioredis';
import type { CliJsonlDocumentLine } from '../report/cli-output.js';
import type { QueueKeys } from './keys.js';
import { HOLD_LEASE } from './keys.js';
import type { Aggregator } from '../metrics/aggregate.js';
import type { Metrics } from '../metrics/aggregate.js';
import { shardAggregator } from './shard-metrics.js';

/** What the queue adds to each report line: enough to find the commit and the job again. */
export interface QueueLineInfo {
  /** `<documentKey>:<optionsHash>`. */
  readonly key: string;
  /** The BullMQ job id that produced the line. */
  readonly job: string;
  /** The shard the line was written to (a shard is one worker run's JSONL file). */
  readonly shard: string;
}

/** A line of `kyso verify --format jsonl` (the path is the job's reference), with the queue's part. */
export interface ShardLine extends CliJsonlDocumentLine {
  /** Where the line comes from in the queue, to find its commit and job again. */
  readonly queue: QueueLineInfo;
}

/** The files of a shard in the output folder. */
export function shardPaths(
  dir: string,
  shard: string,
): {
  /** `<shard>.jsonl`: one report line per committed document, in commit order. */
  readonly reports: string;
  /**
   * `<shard>.metrics.json`: the shard's adoption counts, rewritten as it grows; shards' metrics
   * merge exactly.
   */
  readonly metrics: string;
} {
  return { reports: join(dir, `${shard}.jsonl`), metrics: join(dir, `${shard}.metrics.json`) };
}

function commitValue(shard: string, offset: number, job: string): string {
  return `${shard} ${offset} ${job}`;
}

/** Written by temp file and rename, so a reader never sees half a file. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
}

export type CommitOutcome = { readonly written: true } | { readonly written: false; readonly committed: string };

/** HSETNX under the lease: 1 set, 0 already set, -1 the lease is not ours any more. */
const COMMIT = `${HOLD_LEASE}return redis.call('HSETNX', KEYS[3], ARGV[4], ARGV[5])`;

/** The shard can take no more lines: its lease is lost, or a commit's outcome is unknown. */
export class ShardClosedError extends Error {
  override name = 'ShardClosedError';
}

export class ShardWriter {
  readonly name: string;
  readonly #paths: { readonly reports: string; readonly metrics: string };
  readonly #redis: Redis;
  readonly #keys: QueueKeys;
  readonly #fsync: boolean;
  readonly #lease: { readonly key: string; readonly token: string; readonly ms: number };
  #broken: Error | undefined;
  #handle: FileHandle | undefined;
  #size = 0;
  #metrics: Aggregator | undefined;
  /** Serialises append+commit: the invariant that only the last line can be uncommitted. */
  #chain: Promise<unknown> = Promise.resolve();
  #metricsDirty = false;

  constructor(dir: string, name: string, redis: Redis, keys: QueueKeys, options: { fsync: boolean; leaseToken: string; leaseMs: number }) {
    this.name = name;
    this.#lease = { key: keys.lease(name), token: options.leaseToken, ms: options.leaseMs };
    this.#paths = shardPaths(dir, name);
    this.#redis = redis;
    this.#keys = keys;
    this.#fsync = options.fsync;
  }

  /** Opens for appending; the shard must have been repaired (or be new). Existing lines count in the metrics. */
  async open(): Promise<void> {
    this.#metrics = await aggregatorOfShardFile(this.#paths.reports);
    this.#handle = await open(this.#paths.reports, 'a');
    this.#size = (await this.#handle.stat()).size;
  }

  /**
   * Appends the report and commits it. Returns `written: false` (and leaves no line)
   * when the key was already committed by another line.
   */
  commit(key: string, job: string, line: CliJsonlDocumentLine): Promise<CommitOutcome> {
    const run = this.#chain.then(() => this.#commitNow(key, job, line));
    this.#chain = run.catch(() => undefined);
    return run;
  }

  /** Set once the shard takes no more lines; the worker then stops. */
  get broken(): Error | undefined {
    return this.#broken;
  }

  async #commitNow(key: string, job: string, line: CliJsonlDocumentLine): Promise<CommitOutcome> {
    const handle = this.#handle;
    if (this.#broken) throw this.#broken;
    if (!handle) throw new Error('shard is not open');
    const existing = await this.#redis.hget(this.#keys.results, key);
    if (existing !== null) return { written: false, committed: existing };
    const offset = this.#size;
    const text = `${JSON.stringify({ ...line, queue: { key, job, shard: this.name } })}\n`;
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    try {
      while (written < bytes.length) written += (await handle.write(bytes, written, bytes.length - written)).bytesWritten;
      if (this.#fsync) await handle.datasync();
    } catch (error) {
      await handle.truncate(offset).catch(() => undefined);
      throw error;
    }
    const value = commitValue(this.name, offset, job);
    let set: unknown;
    try {
      set = await this.#redis.eval(COMMIT, 3, this.#lease.key, this.#keys.sealed, this.#keys.results, this.#lease.token, String(this.#lease.ms), this.name, key, value);
    } catch (error) {
      // The reply is lost, not necessarily the write: only Redis can tell whether the line is committed.
      const committed = await this.#redis.hget(this.#keys.results, key).catch(() => undefined);
      if (committed === undefined) {
        this.#broken = new ShardClosedError(`cannot tell whether the report at ${this.name}:${offset} is committed`, { cause: error });
        throw this.#broken;
      }
      set = committed === value ? 1 : 0;
    }
    if (set === -1) {
      await handle.truncate(offset).catch(() => undefined);
      this.#broken = new ShardClosedError(`shard ${this.name} lost its lease`);
      throw this.#broken;
    }
    if (set === 0) {
      // A resent command whose first try did commit answers 0 too: ours if it names this line.
      const committed = await this.#redis.hget(this.#keys.results, key);
      if (committed !== value) {
        await handle.truncate(offset);
        return { written: false, committed: committed ?? '' };
      }
    }
    this.#size = offset + bytes.length;
    this.#metrics?.add(line);
    this.#metricsDirty = true;
    return { written: true };
  }

  /** Writes the metrics file if reports were committed since the last write. */
  async flushMetrics(): Promise<void> {
    if (!this.#metricsDirty || !this.#metrics) return;
    this.#metricsDirty = false;
    await writeAtomically(this.#paths.metrics, metricsText(this.#metrics.result()));
  }

  /** Waits for the commit in flight, writes the final metrics and closes the file. */
  async close(): Promise<void> {
    await this.#chain;
    this.#metricsDirty = true;
    await this.flushMetrics();
    await this.#handle?.close();
    this.#handle = undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Offset of the byte after the last newline before `end` (0 if none), reading backwards in chunks. */
async function lineStartBefore(handle: FileHandle, end: number): Promise<number> {
  const CHUNK = 64 * 1024;
  let position = end;
  while (position > 0) {
    const start = Math.max(0, position - CHUNK);
    const buffer = Buffer.alloc(position - start);
    await handle.read(buffer, 0, buffer.length, start);
    const at = buffer.lastIndexOf(0x0a);
    if (at >= 0) return start + at + 1;
    position = start;
  }
  return 0;
}

/**
 * Cuts a dead writer's shard back to its committed lines: a partial last line, and a
 * last line whose key Redis does not attribute to this shard and offset. The caller
 * must hold the shard's lease (no writer may append meanwhile). Returns the bytes cut.
 */
export async function repairShard(dir: string, shard: string, redis: Redis, keys: QueueKeys): Promise<number> {
  const { reports, metrics } = shardPaths(dir, shard);
  if (!(await exists(reports))) return 0;
  const handle = await open(reports, 'r+');
  let cut = 0;
  try {
    const size = (await handle.stat()).size;
    let end = await lineStartBefore(handle, size);
    if (end < size) cut += size - end;
    if (end > 0) {
      const start = await lineStartBefore(handle, end - 1);
      const buffer = Buffer.alloc(end - start);
      await handle.read(buffer, 0, buffer.length, start);
      let info: Partial<QueueLineInfo> | undefined;
      try {
        info = (JSON.parse(buffer.toString('utf8')) as { queue?: Partial<QueueLineInfo> }).queue;
      } catch {
        info = undefined;
      }
      const committed = typeof info?.key === 'string' ? await redis.hget(keys.results, info.key) : null;
      if (committed === null || !committed.startsWith(`${shard} ${start} `)) {
        cut += end - start;
        end = start;
      }
    }
    if (end < size) {
      await handle.truncate(end);
      await handle.datasync();
    }
  } finally {
    await handle.close();
  }
  await writeAtomically(metrics, metricsText((await aggregatorOfShardFile(reports)).result()));
  return cut;
}

/** Every report line of a shard file, in order. */
export async function* readShard(path: string): AsyncGenerator<ShardLine> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.length > 0) yield JSON.parse(line) as ShardLine;
  }
}

function metricsText(metrics: Metrics): string {
  return `${JSON.stringify(metrics, null, 2)}\n`;
}

async function aggregatorOfShardFile(path: string): Promise<Aggregator> {
  const aggregator = await shardAggregator();
  if (await exists(path)) for await (const report of readShard(path)) aggregator.add(report);
  return aggregator;
}
