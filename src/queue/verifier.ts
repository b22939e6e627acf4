/**
 * How a worker turns an opened document into a report. Files are verified on kyso's
 * worker-thread pool (src/node/pool.ts, the pool `kyso verify` uses), so a document that
 * crashes or hangs its thread costs that thread, not the worker: the job fails with the
 * reason, is retried, and ends in the dead-letter list. Other references (an object
 * store's bytes) and options that cannot cross a thread (an online fetcher) are verified
 * on the worker's own thread.
 */
import { KysoIoError } from '../errors.js';
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
 * Verification on a pool of `threads` worker threads (one pool per set of frozen
 * options), each document given at most `timeoutMs` (default: none).
 */
export function poolVerifier(threads: number, timeoutMs?: number): Verifier {
  const pools = new Map<VerifyOptions, WorkerPool>();
  return {
    async verify(document, options) {
      const config = document.path === undefined ? undefined : toWorkerConfig(options);
      if (!config || document.path === undefined) return onThisThread(document, options);
      let pool = pools.get(options);
      if (!pool) {
        pool = createPool(config, threads);
        pools.set(options, pool);
      }
      const signal = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
      let result: FileResult;
      try {
        result = await pool.run<FileResult>({ kind: 'file', path: document.path, ...(document.contentPath !== undefined ? { content: document.contentPath } : {}) }, signal ? { signal } : {});
      } catch (error) {
        if (signal?.aborted) throw new VerificationTimeout(`verification took longer than ${timeoutMs} ms; its thread was ended`);
        throw new Error(`the verification thread failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      return reportOf(result, document.path);
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
