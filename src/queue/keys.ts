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

/**
 * Lua: holds a shard's lease for ARGV[1] (token) for ARGV[2] ms. KEYS[1] the lease,
 * KEYS[2] the sealed set, ARGV[3] the shard. A lease that merely expired (Redis was
 * away longer than the lease) is taken back, unless the shard was sealed meanwhile: a
 * worker that repairs a shard holds its lease while it cuts, and seals it before letting
 * go, so a sealed shard is the only sign that someone else touched it. Yields -1 when the
 * lease is not ours; the script goes on otherwise.
 */
export const HOLD_LEASE = `local held = redis.call('GET', KEYS[1])
if held == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2])
elseif held then return -1
elseif redis.call('SISMEMBER', KEYS[2], ARGV[3]) == 1 then return -1
else redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
`;
