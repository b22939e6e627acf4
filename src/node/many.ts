/**
 * verifyMany: many documents held in memory (uploads), verified off the main thread on
 * the worker pool, results in input order, memory bounded by the concurrency.
 */
import { KysoOptionsError } from '../errors.js';
import { nodeHashFactory } from '../io/node-file.js';
import { resolveOptions, type VerifyOptions } from '../options.js';
import type { DocumentReport } from '../report/types.js';
import { verify } from '../verify.js';
import { toWorkerConfig } from './config.js';
import { checkJobs } from './files.js';
import { createPool } from './pool.js';
import { orderedMap, Semaphore } from './run.js';

/** One document: its bytes, and for a detached `.p7s` the content it signs. */
export type VerifyManyInput =
  | Uint8Array
  | {
      /** The document (or detached signature) to verify. */
      readonly bytes: Uint8Array;
      /** The signed content, for a detached CMS signature; see VerifyOptions' `content`. */
      readonly content?: Uint8Array;
    };

/**
 * Options of `verifyMany`: verify's options for every document (but `content`, given per input),
 * how many at once, and stopping.
 */
export interface VerifyManyOptions extends Omit<VerifyOptions, 'content'> {
  /**
   * Documents verified at once, each in a worker thread. Default: the number of CPUs.
   * Options holding a function (a custom fetcher, role rule or hash factory) cannot cross
   * threads: then documents are verified on this thread, `concurrency` at a time, and the
   * event loop is not protected.
   */
  readonly concurrency?: number;
  /** Stops the run: no new document starts and the iteration ends early. */
  readonly signal?: AbortSignal;
}

/**
 * Verifies every input and yields its report, in input order. The inputs are pulled
 * lazily (an array, a generator, an async stream of uploads): at most twice
 * `concurrency` documents are held at once, whatever the number of inputs. Bytes are
 * copied to the worker, so the caller's arrays stay usable.
 *
 * @throws KysoOptionsError for bad options (before any work); a bad document never throws.
 */
export async function* verifyMany(inputs: Iterable<VerifyManyInput> | AsyncIterable<VerifyManyInput>, options: VerifyManyOptions = {}): AsyncGenerator<DocumentReport> {
  if (inputs === null || typeof inputs !== 'object' || !(Symbol.iterator in inputs || Symbol.asyncIterator in inputs)) {
    throw new KysoOptionsError('inputs must be an iterable of Uint8Array or { bytes, content }');
  }
  const { concurrency: concurrencyOption, signal, ...verifyOptions } = options;
  const concurrency = checkJobs(concurrencyOption);
  resolveOptions(verifyOptions);
  const config = toWorkerConfig(verifyOptions);
  const pool = config ? createPool(config, concurrency) : undefined;
  const local = new Semaphore(concurrency);

  function split(input: VerifyManyInput): { bytes: Uint8Array; content?: Uint8Array } {
    if (input instanceof Uint8Array) return { bytes: input };
    if (input && input.bytes instanceof Uint8Array && (input.content === undefined || input.content instanceof Uint8Array)) return input;
    throw new KysoOptionsError('each input must be a Uint8Array or { bytes: Uint8Array, content?: Uint8Array }');
  }

  async function one(input: VerifyManyInput): Promise<DocumentReport> {
    const { bytes, content } = split(input);
    if (pool) return pool.run<DocumentReport>({ kind: 'bytes', bytes, ...(content ? { content } : {}) }, signal);
    return local.use(() => verify(bytes, { hashFactory: nodeHashFactory, ...verifyOptions, ...(content ? { content } : {}) }));
  }

  try {
    yield* orderedMap(inputs, concurrency * 2, one, signal);
  } finally {
    await pool?.destroy();
  }
}
