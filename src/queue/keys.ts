/**
 * kyso's own Redis keys beside BullMQ's (`bull:<queue>:…`). The results hash is the
 * commit point of a report: a document is done when its (document SHA-256, options
 * hash) field names the shard line that holds its report.
 */
export interface QueueKeys {
  /** hash: options hash → frozen options JSON. */
  readonly options: string;
  /** hash: `<documentKey>:<optionsHash>` → `<shard> <offset> <jobId>`. */
  readonly results: string;
  /** hash: job id → result key, for a reference whose bytes another reference already had. */
  readonly aliases: string;
  /** hash: kyso version, firstDoneAt, … */
  readonly meta: string;
  /** set: every shard a worker ever wrote. */
  readonly shards: string;
  /** set: shards that are complete (closed by their worker, or repaired after it died). */
  readonly sealed: string;
  /** string with a TTL: the shard's writer is alive. */
  lease(shard: string): string;
  /** counter per minute of commits, for the recent throughput. */
  minute(epochMinute: number): string;
}

export function queueKeys(queue: string): QueueKeys {
  const base = `kyso:${queue}`;
  return {
    options: `${base}:options`,
    results: `${base}:results`,
    aliases: `${base}:aliases`,
    meta: `${base}:meta`,
    shards: `${base}:shards`,
    sealed: `${base}:sealed`,
    lease: (shard) => `${base}:lease:${shard}`,
    minute: (m) => `${base}:done:${m}`,
  };
}

export const QUEUE_NAME = /^[A-Za-z0-9_-]{1,64}$/;
export const SHARD_NAME = /^[A-Za-z0-9._-]{1,100}$/;
