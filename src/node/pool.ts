/**
 * The worker pool (tinypool, the pool vitest itself runs on): verification off the main
 * thread, one pool per verifyFiles/verifyMany call, sized by the caller (default: the
 * number of CPUs). A task aborted by the caller's signal ends its worker.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { WorkerConfig } from './config.js';
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

export interface VerifyPool {
  run<R>(task: WorkerTask, signal?: AbortSignal): Promise<R>;
  destroy(): Promise<void>;
}

export function createPool(config: WorkerConfig, jobs: number): VerifyPool {
  // tinypool (and the worker_threads, async_hooks, perf_hooks … it loads) is imported when a
  // pool is made, not when the CLI starts: a one-file run never makes one.
  const pool = import('tinypool').then(
    ({ default: Tinypool }) =>
      new Tinypool({
        filename: workerFile(),
        minThreads: Math.min(jobs, 1),
        maxThreads: jobs,
        workerData: config,
        // Workers stay up for the whole run; the pool is destroyed when the run ends.
        idleTimeout: 60_000,
      }),
  );
  pool.catch(() => undefined);
  return {
    run: async <R>(task: WorkerTask, signal?: AbortSignal) => (await pool).run(task, signal ? { signal } : {}) as Promise<R>,
    destroy: async () => (await pool).destroy(),
  };
}
