/**
 * verifyFiles: files and folders in, one result per file out, in input order, with
 * bounded concurrency (worker threads) and bounded open files. Only KysoOptionsError
 * (bad options, thrown before any work) ever escapes; every I/O failure is a result.
 */
import { KysoOptionsError } from '../errors.js';
import { resolveOptions, type VerifyOptions } from '../options.js';
import { fromWorkerConfig, toWorkerConfig, type WorkerConfig } from './config.js';
import { createPool, defaultJobs, TASKS_PER_THREAD, type WorkerPool } from './pool.js';
import { batcher, orderedMap, Semaphore } from './run.js';
import type { FileResult, OpenFile } from './verify-file.js';
import type { FileTask } from './worker.js';
import { openWholeOrStreamed, readAhead, verifyPath } from './verify-file.js';
import type { WalkEntry, WalkOptions } from './walk.js';
import { walk } from './walk.js';

/**
 * Options of `verifyFiles`: verify's options (but `content`, which is found beside each detached
 * signature), which files of a folder to take, how many at once, and stopping.
 */
export interface VerifyFilesOptions extends Omit<VerifyOptions, 'content'>, WalkOptions {
  /**
   * Files verified at once. Default: the number of CPUs. With more than one, files are
   * verified in worker threads, unless the options hold a function (a custom fetcher,
   * role rule or hash factory), which cannot cross threads: then they run on this thread,
   * `jobs` at a time, the next files opened while those verify. Each file verified holds at
   * most two open files (a signature and its detached content) and each file waiting its
   * turn at most one (a large file, streamed), so open files stay under 4 × jobs.
   */
  readonly jobs?: number;
  /** Stops the run: no new file starts, the iteration ends, files in flight are abandoned. */
  readonly signal?: AbortSignal;
  /** Called for every result, in order, before it is yielded. */
  readonly onProgress?: (progress: { readonly done: number; readonly result: FileResult }) => void;
}

/** Internal: how one run verifies. */
export interface RunSettings {
  readonly options: VerifyOptions;
  /** When set and jobs > 1, files go to worker threads with this configuration. */
  readonly config?: WorkerConfig;
  readonly jobs: number;
  readonly signal?: AbortSignal;
  /** Test seam: how files are opened on this thread. */
  readonly open?: OpenFile;
  /** A long-lived pool to verify on (a VerifyPool's), whose workers hold the options; it is not ended with the run, and an abort does not end its tasks. */
  readonly pool?: WorkerPool;
  /**
   * This run's own pool, made by the caller ahead of the run with `config` and `jobs` (the
   * command starts its threads while the walk still lists files): used and ended as the
   * pool the run would have made.
   */
  readonly startedPool?: WorkerPool;
}

/**
 * Files per worker task at most (see batcher): enough to spread the per-task cost, few
 * enough that the results held waiting for the head of the line stay small.
 */
export const BATCH = 8;

export function checkJobs(jobs: unknown): number {
  if (jobs === undefined) return defaultJobs();
  if (typeof jobs !== 'number' || !Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new KysoOptionsError('options.jobs must be an integer from 1 to 256');
  return jobs;
}

/**
 * Opens `path` now (a small file is read whole on the way), for a verification that waits
 * for its turn on this thread: the next file is read while the one before is verified.
 * One at a time, a folder run with --jobs 1 idled a third of its time waiting for each
 * file's open, stat and read on the thread pool. Other paths (a detached content) are
 * opened when asked.
 */
function openingAhead(path: string, open: OpenFile): OpenFile {
  const opening = open(path);
  // Awaited by the verification; until then an early failure must not count as unhandled.
  opening.catch(() => undefined);
  let taken = false;
  return (asked) => {
    if (taken || asked !== path) return open(asked);
    taken = true;
    return opening;
  };
}

/** Verifies walk entries in order; skipped and failed entries pass through as results. */
export async function* verifyEntries(entries: AsyncIterable<WalkEntry> | Iterable<WalkEntry>, settings: RunSettings): AsyncGenerator<FileResult> {
  const { jobs, signal } = settings;
  let pool: WorkerPool | undefined = settings.pool;
  const ownPool = pool === undefined && ((jobs > 1 && settings.config !== undefined && !settings.open) || settings.startedPool !== undefined);
  let local: Semaphore | undefined;
  if (ownPool) pool = settings.startedPool ?? createPool(settings.config!, jobs);
  else if (!pool) local = new Semaphore(jobs);
  const options = settings.config && !pool ? { ...fromWorkerConfig(settings.config), ...settings.options } : settings.options;
  // Tasks carry no abort signal: tinypool never hands a thread a second task that has one
  // (aborting it ends the thread), and the task a thread holds next is what keeps it busy
  // (TASKS_PER_THREAD). An abort stops feeding the pool; the run's own pool is then ended
  // below, with the tasks still in it. A shared pool's batch may hold another caller's files.
  const toPool = pool
    ? batcher<FileTask, FileResult>(jobs * TASKS_PER_THREAD, BATCH, (files) => pool!.run<FileResult[]>({ kind: 'files', files }, { transfer: files.flatMap((file) => (file.read ? [file.read.bytes.buffer as ArrayBuffer] : [])) }))
    : undefined;

  async function one(entry: WalkEntry): Promise<FileResult> {
    if (entry.kind === 'skipped') return { path: entry.path, skipped: entry.reason, ...(entry.sameAs ? { sameAs: entry.sameAs } : {}) };
    if (entry.kind === 'error') return { path: entry.path, error: entry.error };
    if (toPool) {
      try {
        const read = await readAhead(entry.path);
        return await toPool({ path: entry.path, ...(entry.content ? { content: entry.content } : {}), ...(read ? { read } : {}) });
      } catch (error) {
        // Only an aborted task or a crashed worker gets here: each file of its batch gets its own error result.
        const code = signal?.aborted ? 'ABORT_ERR' : 'ERR_KYSO_WORKER';
        return { path: entry.path, error: { code, message: error instanceof Error ? error.message : String(error) } };
      }
    }
    const open = openingAhead(entry.path, settings.open ?? openWholeOrStreamed);
    return local!.use(() => verifyPath(entry.path, entry.content, options, open));
  }

  try {
    // Four batches per worker in flight: a worker that finished its batches early still finds
    // work while the head of the line is slow (with two, workers waited a tenth of the run).
    yield* orderedMap(entries, pool ? jobs * 4 * BATCH : jobs * 2, one, signal);
  } finally {
    if (ownPool) await pool?.destroy();
  }
}

/**
 * Verifies the files given and every file under the folders given. Yields one result
 * per file, in input order (folders depth first, names sorted): a report, an I/O error,
 * or a skip with its reason. A detached pair (`x.pdf` + `x.pdf.p7s`) is one result.
 *
 * @throws KysoOptionsError for bad options; nothing else.
 */
export async function* verifyFiles(paths: readonly string[], options: VerifyFilesOptions = {}): AsyncGenerator<FileResult> {
  checkPaths(paths);
  const { jobs: jobsOption, signal, onProgress, include, exclude, ...verifyOptions } = options;
  const jobs = checkJobs(jobsOption);
  resolveOptions(verifyOptions);
  const config = toWorkerConfig(verifyOptions);
  yield* walkAndVerify(paths, { include, exclude, onProgress }, { options: verifyOptions, ...(config ? { config } : {}), jobs, ...(signal ? { signal } : {}) });
}

/** Throws unless `paths` is an array of strings (before any work). */
export function checkPaths(paths: unknown): void {
  if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string')) throw new KysoOptionsError('paths must be an array of strings');
}

/** verifyFiles' engine: the walk, verification with `settings`, and progress. */
export async function* walkAndVerify(
  paths: readonly string[],
  { include, exclude, onProgress }: Pick<VerifyFilesOptions, 'include' | 'exclude' | 'onProgress'>,
  settings: RunSettings,
): AsyncGenerator<FileResult> {
  let done = 0;
  for await (const result of verifyEntries(walk(paths, { ...(include ? { include } : {}), ...(exclude ? { exclude } : {}) }), settings)) {
    done++;
    onProgress?.({ done, result });
    yield result;
  }
}
