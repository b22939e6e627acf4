/**
 * How a worker turns an opened document into a report. Documents are verified on kyso's
 * worker-thread pool (src/node/pool.ts, the pool `kyso verify` uses), so a document that
 * crashes or hangs its thread costs that thread, not the worker: the job fails with the
 * reason, is retried, and ends in the dead-letter list. Files go by path; a reader's
 * document without one (an object store's bytes) is read into memory and sent as bytes,
 * up to MAX_BYTES_TO_THREAD. Bigger ones, and options that cannot cross a thread (an online
 * fetcher), are verified on the worker's own thread, where the time limit can only stop
 * waiting: the job fails on time and the abandoned work ends at kyso's own limits.
 */
import { KysoIoError } from '../errors.js';
import { readAll } from '../io/byte-source.js';
import { nodeHashFactory } from '../node.js';
import { toWorkerConfig } from '../node/config.js';
import type { WorkerPool } from '../node/pool.js';
import { createPool } from '../node/pool.js';
import { verifyPath } from '../node/verify-file.js';
import type { FileResult } from '../node/verify-file.js';
import type { VerifyOptions } from '../options.js';
import type { DocumentReport } from '../report/types.js';
import { verify } from '../verify.js';
import type { OpenedDocument } from './reader.js';
import type { WorkerTask } from '../node/worker.js';

/**
 * How a worker turns an opened document into a report; the default verifies files on kyso's
 * worker-thread pool. Replace it to verify elsewhere (tests, another sandbox).
 */
export interface Verifier {
  /**
   * Verifies one document under the job's options. Rejects (the job is then retried) when the
   * document cannot be read or the verification runs past its time.
   */
  verify(document: OpenedDocument, options: VerifyOptions): Promise<DocumentReport>;
  /** Ends the verifier's threads; called once when the worker stops. */
  close(): Promise<void>;
}

/** A verification that ran past its time; the job is retried, then dead-lettered (cause `timeout`). */
export class VerificationTimeout extends Error {
  override name = 'VerificationTimeout';
}

function reportOf(result: FileResult, path: string): DocumentReport {
  if ('report' in result) return result.report;
  if ('error' in result) {
    // An OS error is the storage's (retry may cure it); anything else is a kyso bug, reported with the job.
    if (result.error.code === 'ERR_KYSO_INTERNAL') throw new Error(`verification failed: ${result.error.message}`);
    throw new KysoIoError(`cannot read ${path}: ${result.error.message}`);
  }
  throw new KysoIoError(`cannot read ${path}: skipped (${result.skipped})`);
}

async function onThisThread(document: OpenedDocument, options: VerifyOptions): Promise<DocumentReport> {
  if (document.path !== undefined) return reportOf(await verifyPath(document.path, document.contentPath, options), document.path);
  return verify(document.source, { hashFactory: nodeHashFactory, ...options, ...(document.content ? { content: document.content } : {}) });
}

/** Verification on this thread only: for embedding and for tests that need no threads. */
export function inProcessVerifier(): Verifier {
  return { verify: onThisThread, async close() {} };
}

/**
 * A reader's document of at most this many bytes (with its detached content) is read into
 * memory and verified on a thread; a bigger one is streamed on the worker's own thread
 * instead of held whole, once per job the worker runs at the same time.
 */
export const MAX_BYTES_TO_THREAD = 64 * 1024 * 1024;

/**
 * `work`, or VerificationTimeout once `signal` aborts. Work on this thread cannot be stopped
 * from outside: it is abandoned (its result dropped), and ends at kyso's own limits.
 */
function within<T>(work: Promise<T>, signal: AbortSignal | undefined, timeoutMs: number | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const late = () => reject(new VerificationTimeout(`verification took longer than ${timeoutMs} ms; it was abandoned on the worker's own thread`));
    if (signal.aborted) return late();
    signal.addEventListener('abort', late, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', late));
  });
}

/**
 * Verification on a pool of `threads` worker threads (one pool per set of frozen
 * options), each document given at most `timeoutMs` (default: none).
 */
export function poolVerifier(threads: number, timeoutMs?: number): Verifier {
  const pools = new Map<VerifyOptions, WorkerPool>();
  return {
    async verify(document, options) {
      const config = toWorkerConfig(options);
      const signal = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
      const bytesFit = document.source.size + (document.content?.size ?? 0) <= MAX_BYTES_TO_THREAD;
      if (!config || (document.path === undefined && !bytesFit)) return within(onThisThread(document, options), signal, timeoutMs);
      let pool = pools.get(options);
      if (!pool) {
        pool = createPool(config, threads);
        pools.set(options, pool);
      }
      let task: WorkerTask;
      if (document.path !== undefined) {
        task = { kind: 'file', path: document.path, ...(document.contentPath !== undefined ? { content: document.contentPath } : {}) };
      } else {
        // Read here, within the same time: a reader whose bytes never come fails the job on time.
        const [bytes, content] = await within(Promise.all([readAll(document.source), document.content ? readAll(document.content) : undefined]), signal, timeoutMs);
        task = { kind: 'bytes', bytes, ...(content ? { content } : {}) };
      }
      let result: FileResult | DocumentReport;
      try {
        result = await pool.run<FileResult | DocumentReport>(task, signal ? { signal } : {});
      } catch (error) {
        if (signal?.aborted) throw new VerificationTimeout(`verification took longer than ${timeoutMs} ms; its thread was ended`);
        throw new Error(`the verification thread failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      return task.kind === 'bytes' ? (result as DocumentReport) : reportOf(result as FileResult, document.path!);
    },
    async close() {
      await Promise.all([...pools.values()].map((pool) => pool.destroy()));
      pools.clear();
    },
  };
}

/**
 * TEST HOOKS, for the queue tests only; both are read from the worker's environment,
 * which only whoever starts the worker sets (nothing in a document can):
 * - KYSO_QUEUE_TEST_CRASH_KEY=<document key>: the worker dies (SIGKILL, no clean-up)
 *   when it meets that document, as a worker does on a document that crashes it.
 * - KYSO_QUEUE_TEST_DELAY_MS=<n ≤ 10000>: each document waits n ms first, so a test
 *   can kill a worker while the run is still going.
 */
export async function applyTestHooks(documentKey: string): Promise<void> {
  const crash = process.env['KYSO_QUEUE_TEST_CRASH_KEY'];
  if (crash !== undefined && crash.length === 64 && crash === documentKey) process.kill(process.pid, 'SIGKILL');
  const delay = Number(process.env['KYSO_QUEUE_TEST_DELAY_MS'] ?? 0);
  if (Number.isInteger(delay) && delay > 0 && delay <= 10_000) await new Promise((resolve) => setTimeout(resolve, delay));
}
