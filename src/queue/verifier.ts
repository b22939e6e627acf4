/**
 * How a worker turns an opened document into a report.
 *
 * SEAM(pool, issue 13): verification runs in the worker's own thread until the
 * worker-thread pool lands in kyso/node; then documents with a path go to the pool,
 * which isolates a crash or a time-out to one thread.
 */
import { nodeHashFactory, verifyFile } from '../node.js';
import type { VerifyOptions } from '../options.js';
import type { DocumentReport } from '../report/types.js';
import { verify } from '../verify.js';
import type { OpenedDocument } from './reader.js';

export interface Verifier {
  verify(document: OpenedDocument, options: VerifyOptions): Promise<DocumentReport>;
  close(): Promise<void>;
}

export function inProcessVerifier(): Verifier {
  return {
    async verify(document, options) {
      if (document.path !== undefined) return verifyFile(document.path, options);
      return verify(document.source, { hashFactory: nodeHashFactory, ...options, ...(document.content ? { content: document.content } : {}) });
    },
    async close() {},
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
