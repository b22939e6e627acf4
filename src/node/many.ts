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
import { BATCH, checkJobs } from './files.js';
import { createPool, TASKS_PER_THREAD, type WorkerPool } from './pool.js';
import { batcher, orderedMap, Semaphore } from './run.js';
import type { BytesTask } from './worker.js';

/** Past twice the concurrency, documents are pulled ahead (to fill worker batches) only while those held weigh less than this. */
const WIDER_WINDOW_BYTES = 16 * 1024 * 1024;

/** What an input holds in memory; a malformed input weighs nothing (it fails on its own, in order). */
function inputBytes(input: VerifyManyInput): number {
  if (input instanceof Uint8Array) return input.length;
  const bytes = (input as { bytes?: unknown } | null)?.bytes;
  const content = (input as { content?: unknown } | null)?.content;
  return (bytes instanceof Uint8Array ? bytes.length : 0) + (content instanceof Uint8Array ? content.length : 0);
}

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
 * lazily (an array, a generator, an async stream of uploads): twice `concurrency`
 * documents are held at once, and more (up to 32 × `concurrency`, sent to the workers
 * in batches) only while they total under 16 MiB, whatever the number of inputs. Bytes are
 * copied to the worker, so the caller's arrays stay usable.
 *
 * @throws KysoOptionsError for bad options (before any work); a bad document never throws.
 */
export async function* verifyMany(inputs: Iterable<VerifyManyInput> | AsyncIterable<VerifyManyInput>, options: VerifyManyOptions = {}): AsyncGenerator<DocumentReport> {
  checkInputs(inputs);
  const { concurrency: concurrencyOption, signal, ...verifyOptions } = options;
  const concurrency = checkJobs(concurrencyOption);
  resolveOptions(verifyOptions);
  const config = toWorkerConfig(verifyOptions);
  const pool = config ? createPool(config, concurrency) : undefined;
  try {
    // This run's own pool: after an abort it is ended below, with the tasks still in it.
    const toPool = pool ? bytesBatcher(pool, concurrency) : undefined;
    yield* verifyManyOn(inputs, { concurrency, verifyOptions, ...(toPool ? { toPool } : {}), ...(signal ? { signal } : {}) });
  } finally {
    await pool?.destroy();
  }
}

/** Throws unless `inputs` can be iterated (before any work). */
export function checkInputs(inputs: unknown): void {
  if (inputs === null || typeof inputs !== 'object' || !(Symbol.iterator in inputs || Symbol.asyncIterator in inputs)) {
    throw new KysoOptionsError('inputs must be an iterable of Uint8Array or { bytes, content }');
  }
}

/** An input as a worker task. @throws KysoOptionsError for a malformed input. */
export function toBytesTask(input: VerifyManyInput): BytesTask {
  if (input instanceof Uint8Array) return { bytes: input };
  if (input && input.bytes instanceof Uint8Array && (input.content === undefined || input.content instanceof Uint8Array)) {
    return input.content ? { bytes: input.bytes, content: input.content } : { bytes: input.bytes };
  }
  throw new KysoOptionsError('each input must be a Uint8Array or { bytes: Uint8Array, content?: Uint8Array }');
}

/** How verifyManyOn runs: through `toPool` (a pool's batcher, see bytesBatcher), or without it on this thread. */
export interface ManySettings {
  readonly concurrency: number;
  /** The options, for documents verified on this thread. */
  readonly verifyOptions: Omit<VerifyOptions, 'content'>;
  readonly toPool?: (task: BytesTask) => Promise<DocumentReport>;
  readonly signal?: AbortSignal;
}

/**
 * Documents for `pool`, gathered into batches (see batcher). Tasks carry no abort signal:
 * tinypool never hands a thread a second task that has one, and the task a thread holds
 * next is what keeps it busy (TASKS_PER_THREAD).
 */
export function bytesBatcher(pool: WorkerPool, workers: number): (task: BytesTask) => Promise<DocumentReport> {
  return batcher<BytesTask, DocumentReport>(workers * TASKS_PER_THREAD, BATCH, (documents) => pool.run<DocumentReport[]>({ kind: 'many', documents }));
}

/**
 * verifyMany's engine, on a pool it does not own (a VerifyPool's) or its own. Twice the
 * concurrency documents in flight, more (in batches) while they weigh little.
 */
export async function* verifyManyOn(inputs: Iterable<VerifyManyInput> | AsyncIterable<VerifyManyInput>, settings: ManySettings): AsyncGenerator<DocumentReport> {
  const { concurrency, toPool, signal, verifyOptions } = settings;
  const local = new Semaphore(concurrency);

  async function one(input: VerifyManyInput): Promise<DocumentReport> {
    const task = toBytesTask(input);
    if (toPool) return toPool(task);
    return local.use(() => verify(task.bytes, { hashFactory: nodeHashFactory, ...verifyOptions, ...(task.content ? { content: task.content } : {}) }));
  }

  // Small documents may run ahead by whole batches; beyond twice the concurrency, only while they hold little memory.
  const wider = toPool ? { items: concurrency * 4 * BATCH, weight: inputBytes, maxWeight: WIDER_WINDOW_BYTES } : undefined;
  yield* orderedMap(inputs, concurrency * 2, one, signal, wider);
}
