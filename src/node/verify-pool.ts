/**
 * A long-lived pool of verification threads, for a server that verifies documents as they
 * arrive: its threads start once and stay warm. verifyMany and verifyFiles start a pool per
 * call, whose threads begin cold (measured on small PDFs: each thread needs thousands of
 * documents before its compiler has optimised the code; until then a document costs up to
 * three times what it costs a warm thread).
 */
import { KysoOptionsError } from '../errors.js';
import { resolveOptions, type VerifyOptions } from '../options.js';
import type { DocumentReport } from '../report/types.js';
import { toWorkerConfig } from './config.js';
import { checkJobs, checkPaths, walkAndVerify, type VerifyFilesOptions } from './files.js';
import { bytesBatcher, checkInputs, toBytesTask, verifyManyOn, type VerifyManyInput } from './many.js';
import { createPool } from './pool.js';
import type { FileResult } from './verify-file.js';

/** Options of `createVerifyPool`: verify's options for every document (but `content`, given per input) and the number of threads. */
export interface VerifyPoolOptions extends Omit<VerifyOptions, 'content'> {
  /** Worker threads, all started at once and kept until `close()`. Default: the number of CPUs. */
  readonly threads?: number;
}

/** A pool made by `createVerifyPool`. Every document is verified with the options the pool was made with. */
export interface VerifyPool {
  /** The number of worker threads. */
  readonly threads: number;
  /**
   * Verifies one document on the pool. Calls made at the same time share the threads (and,
   * when every thread is busy, their batches).
   * @throws KysoOptionsError for a malformed input or a closed pool; a bad document never throws.
   */
  verify(input: VerifyManyInput): Promise<DocumentReport>;
  /**
   * As `verifyMany`, on this pool's threads: reports in input order, inputs pulled lazily.
   * An abort stops pulling inputs and ends the iteration; documents already on a thread
   * finish there (the thread stays warm) and their reports are dropped.
   */
  verifyMany(inputs: Iterable<VerifyManyInput> | AsyncIterable<VerifyManyInput>, options?: { readonly signal?: AbortSignal }): AsyncGenerator<DocumentReport>;
  /** As `verifyFiles`, on this pool's threads; an abort works as in `verifyMany` above. */
  verifyFiles(paths: readonly string[], options?: Pick<VerifyFilesOptions, 'include' | 'exclude' | 'onProgress' | 'signal'>): AsyncGenerator<FileResult>;
  /** Ends the threads once the documents they hold are done; later calls throw. */
  close(): Promise<void>;
}

/**
 * Starts a pool of worker threads that verify with `options`. Close it when done: its
 * threads keep the process alive.
 *
 * @throws KysoOptionsError for bad options, and for options holding a function (a custom
 * fetcher, role rule or hash factory), which cannot cross to a thread.
 */
export function createVerifyPool(options: VerifyPoolOptions = {}): VerifyPool {
  const { threads: threadsOption, ...verifyOptions } = options;
  const threads = checkJobs(threadsOption);
  resolveOptions(verifyOptions);
  const config = toWorkerConfig(verifyOptions);
  if (!config) throw new KysoOptionsError('a verify pool cannot use options holding a function (a custom fetcher, role rule or hash factory): they cannot cross to a worker thread; use verifyMany');
  const pool = createPool(config, threads, { keepWarm: true });
  // One batcher for every caller: concurrent single documents share batches when the threads are busy.
  const toPool = bytesBatcher(pool, threads);
  let closed: Promise<void> | undefined;
  const open = () => {
    if (closed) throw new KysoOptionsError('this verify pool is closed');
  };

  return {
    threads,
    async verify(input) {
      open();
      return toPool(toBytesTask(input));
    },
    async *verifyMany(inputs, { signal } = {}) {
      open();
      checkInputs(inputs);
      yield* verifyManyOn(inputs, { concurrency: threads, verifyOptions, toPool, ...(signal ? { signal } : {}) });
    },
    async *verifyFiles(paths, { signal, ...walkOptions } = {}) {
      open();
      checkPaths(paths);
      yield* walkAndVerify(paths, walkOptions, { options: verifyOptions, config, jobs: threads, pool, ...(signal ? { signal } : {}) });
    },
    close() {
      closed ??= pool.destroy();
      return closed;
    },
  };
}
