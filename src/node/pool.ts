/**
 * The worker pool (tinypool, the pool vitest itself runs on): verification off the main
 * thread, one pool per verifyFiles/verifyMany call or one long-lived VerifyPool, sized by
 * the caller (default: the number of CPUs). A task given a signal that aborts ends its
 * worker (the queue's time limit); runs end their own pool instead.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { WorkerConfig } from './config.js';
import type Tinypool from 'tinypool';
import type { WorkerTask } from './worker.js';

/** Default pool size: one worker per CPU the process may use. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The compiled worker: the bundled one (scripts/bundle-cli.mjs), which a thread loads in
 * a fraction of the time the ~100 modules of dist/node/ take, when it is there. Run from
 * TypeScript sources (the tests), the module beside this one is a `.ts` file a worker
 * thread cannot load, so the build in dist/ is used (the test setup builds it first).
 */
function workerFile(): string {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return fileURLToPath(new URL('../../dist/bundle/worker.js', here));
  const beside = new URL('./worker.js', here);
  if (here.includes('/dist/bundle/')) return fileURLToPath(beside);
  const bundled = new URL('../bundle/worker.js', here);
  return fileURLToPath(existsSync(bundled) ? bundled : beside);
}

/** Tasks a thread is given at once: the one it runs and the one it starts next. Feeders keep this many per thread in flight. */
export const TASKS_PER_THREAD = 2;

export interface WorkerPool {
  /**
   * `signal` ends the task's thread when it aborts (tinypool then gives that thread no
   * second task to hold); `transfer`: buffers the task's bytes own outright, moved to the
   * thread instead of copied.
   */
  run<R>(task: WorkerTask, options?: { readonly signal?: AbortSignal; readonly transfer?: readonly ArrayBuffer[] }): Promise<R>;
  destroy(): Promise<void>;
  /** Threads started so far. */
  threads(): Promise<number>;
}

/**
 * A pool that begins with one thread fewer than `jobs`: each thread starts cold, and its
 * compiler then spends seconds of CPU on other threads optimising the verifier (measured:
 * ~2.5 s over a thread's first 2,000 small PDFs). On two cores, two cold threads and their
 * compilers took 6.1 s of CPU for 2,000 small PDFs where one took 4.1-4.5 s, so the run was
 * slower with both. The last thread joins once the run has shown it is long: after
 * WARM_UP_DOCUMENTS documents per thread, or WARM_UP_MS after the first task.
 */
const WARM_UP_DOCUMENTS = 2000;
const WARM_UP_MS = 3000;

function documentsIn(task: WorkerTask): number {
  if (task.kind === 'files') return task.files.length;
  if (task.kind === 'many') return task.documents.length;
  return 1;
}

/**
 * A pool of up to `jobs` worker threads. `keepWarm` (a long-lived VerifyPool) starts every
 * thread at once and keeps them; otherwise threads start as needed, the last one only once
 * the run is long (see WARM_UP_DOCUMENTS).
 */
export function createPool(config: WorkerConfig, jobs: number, { keepWarm = false }: { readonly keepWarm?: boolean } = {}): WorkerPool {
  const first = keepWarm || jobs === 1 ? jobs : jobs - 1;
  const pools = [tinypool(config, first, keepWarm)];
  const inFlight = [0];
  let done = 0;
  let started: number | undefined;

  function grow(): void {
    if (pools.length > 1 || first === jobs) return;
    if (done < WARM_UP_DOCUMENTS * first && (started === undefined || performance.now() - started < WARM_UP_MS)) return;
    pools.push(tinypool(config, jobs - first, false));
    inFlight.push(0);
  }

  return {
    run: async <R>(task: WorkerTask, { signal, transfer }: { readonly signal?: AbortSignal; readonly transfer?: readonly ArrayBuffer[] } = {}) => {
      started ??= performance.now();
      grow();
      // The pool with the fewest tasks per thread takes it; each queues its own.
      const which = pools.length === 1 || inFlight[0]! / first <= inFlight[1]! / (jobs - first) ? 0 : 1;
      inFlight[which]!++;
      try {
        return (await (await pools[which]!).run(task, { ...(signal ? { signal } : {}), ...(transfer?.length ? { transferList: [...transfer] } : {}) })) as R;
      } finally {
        inFlight[which]!--;
        done += documentsIn(task);
      }
    },
    destroy: async () => {
      await Promise.all(pools.map(async (pool) => (await pool).destroy()));
    },
    threads: async () => (await Promise.all(pools)).reduce((sum, pool) => sum + pool.threads.length, 0),
  };
}

function tinypool(config: WorkerConfig, threads: number, keepWarm: boolean): Promise<Tinypool> {
  // tinypool (and the worker_threads, async_hooks, perf_hooks … it loads) is imported when a
  // pool is made, not when the CLI starts: a one-file run never makes one.
  const pool = import('tinypool').then(
    ({ default: Tinypool }) =>
      new Tinypool({
        filename: workerFile(),
        // A long-lived pool starts every thread at once and keeps it, with the code its
        // compiler optimised: a thread ended when idle starts cold again.
        minThreads: keepWarm ? threads : 1,
        maxThreads: threads,
        // A thread holds its next task while it runs one (worker.ts runs them in turn), so it
        // starts the next the moment it answers, instead of waiting for this thread to
        // hear the answer and send more.
        concurrentTasksPerWorker: TASKS_PER_THREAD,
        workerData: config,
        // Workers stay up for the whole run; the pool is destroyed when the run ends.
        idleTimeout: 60_000,
      }),
  );
  pool.catch(() => undefined);
  return pool;
}
