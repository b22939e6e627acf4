/**
 * `kyso/queue` (Node only): verify a corpus on a BullMQ job queue in Redis, with many
 * workers on many machines, every document reported exactly once.
 *
 * - `submit(refs, { options: await freezeOptions(…) })` enqueues references (paths on
 *   shared storage, or whatever a registered DocumentReader resolves).
 * - `runWorker({ out, kyso })` verifies and appends JSONL reports to its shard in `out`.
 * - `queueStatus()` tells done / failed / pending, throughput, ETA and the dead letters.
 *
 * A result is keyed by (document SHA-256, options hash): identical bytes under two
 * paths are one document with one report (the second path is counted as an alias).
 *
 * @module kyso/queue
 */
export { DEFAULT_REDIS_URL, redactUrl } from './connection.js';
export type { QueueConnection } from './connection.js';
export { freezeOptions, optionsHash, bundledDigest } from './options.js';
export type { FreezeInput, FrozenOptions } from './options.js';
export { jobId, submit } from './producer.js';
export type { SubmitOptions, VerifyJobData } from './producer.js';
export { documentKey, fileRef, fileReader } from './reader.js';
export type { DocumentReader, OpenedDocument } from './reader.js';
export { readShard, shardPaths } from './shard.js';
export type { QueueLineInfo, ShardLine } from './shard.js';
export { queueStatus } from './status.js';
export type { DeadLetter, DeadLetterCause, QueueStatus } from './status.js';
export { runWorker } from './worker.js';
export type { VerifyJobResult, WorkerEvent, WorkerOptions, WorkerSummary } from './worker.js';
export type { Verifier } from './verifier.js';
