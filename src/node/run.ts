/** Bounded, ordered concurrency: the engine under verifyFiles and verifyMany. */

/** At most `limit` holders at once; the rest wait in arrival order. */
export class Semaphore {
  #free: number;
  readonly #waiting: (() => void)[] = [];
  constructor(limit: number) {
    this.#free = limit;
  }
  async use<R>(work: () => Promise<R>): Promise<R> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    }
  }
}

function aborted(signal: AbortSignal | undefined): Promise<'aborted'> | undefined {
  if (!signal) return undefined;
  return new Promise((resolve) => {
    if (signal.aborted) resolve('aborted');
    else signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
}

/**
 * Maps `source` through `task` with at most `window` tasks started and not yet yielded,
 * yielding results in input order. Memory is bounded by the window whatever the input
 * size: the source is pulled only as results leave. `task` should not reject (results
 * carry their own errors); if it does, the rejection surfaces here.
 *
 * When `signal` aborts, no new task starts and the iteration ends after the results
 * already yielded; tasks in flight are left to their own abort handling.
 */
export async function* orderedMap<T, R>(
  source: AsyncIterable<T> | Iterable<T>,
  window: number,
  task: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): AsyncGenerator<R> {
  const iterator: AsyncIterator<T> | Iterator<T> =
    Symbol.asyncIterator in source ? (source as AsyncIterable<T>)[Symbol.asyncIterator]() : (source as Iterable<T>)[Symbol.iterator]();
  const pending: Promise<R>[] = [];
  const stop = aborted(signal);
  let index = 0;
  let exhausted = false;

  async function fill(): Promise<void> {
    while (!exhausted && pending.length < window && !signal?.aborted) {
      const next = await iterator.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      const started = task(next.value, index++);
      // Awaited in order below; this only keeps an early rejection from being reported as unhandled.
      started.catch(() => undefined);
      pending.push(started);
    }
  }

  try {
    await fill();
    while (pending.length > 0 && !signal?.aborted) {
      const head = pending.shift()!;
      const result = stop ? await Promise.race([head, stop]) : await head;
      if (result === 'aborted' && signal?.aborted) return;
      yield result as R;
      await fill();
    }
  } finally {
    if (!exhausted) await iterator.return?.();
  }
}
