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

/**
 * `head`, or 'aborted' as soon as `signal` aborts. The abort listener is removed once
 * `head` settles: a race against one long-lived "aborted" promise would leave a reaction
 * on it per item, each holding its item's result, so memory would grow with the number
 * of files (measured: 113 → 188 MiB peak from 1,000 to 10,000 files with --jobs 1).
 */
function untilAborted<R>(head: Promise<R>, signal: AbortSignal): Promise<R | 'aborted'> {
  if (signal.aborted) return Promise.resolve('aborted');
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
    head.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Lets orderedMap start more than `window` items, up to `items`, while the items held
 * weigh less than `maxWeight` together (bytes in memory): small documents fill the
 * worker batches, large ones keep the narrow window's memory bound.
 */
export interface WiderWindow<T> {
  readonly items: number;
  readonly weight: (item: T) => number;
  readonly maxWeight: number;
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
  wider?: WiderWindow<T>,
): AsyncGenerator<R> {
  const iterator: AsyncIterator<T> | Iterator<T> =
    Symbol.asyncIterator in source ? (source as AsyncIterable<T>)[Symbol.asyncIterator]() : (source as Iterable<T>)[Symbol.iterator]();
  const pending: Promise<R>[] = [];
  const weights: number[] = [];
  let held = 0;
  let index = 0;
  let exhausted = false;

  const room = () => pending.length < window || (wider !== undefined && pending.length < wider.items && held < wider.maxWeight);

  async function fill(): Promise<void> {
    while (!exhausted && room() && !signal?.aborted) {
      const next = await iterator.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      const weight = wider ? wider.weight(next.value) : 0;
      held += weight;
      weights.push(weight);
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
      held -= weights.shift()!;
      const result = signal ? await untilAborted(head, signal) : await head;
      if (result === 'aborted' && signal?.aborted) return;
      yield result as R;
      await fill();
    }
  } finally {
    if (!exhausted) await iterator.return?.();
  }
}

/**
 * Gathers single tasks into batches for a pool of `workers`: while a worker is free, a
 * task leaves at once (alone, if it is the only one waiting); while every worker is busy,
 * tasks wait and leave together, at most `size` per batch, as soon as a worker frees up.
 * A small document then shares one message and one wake-up with its neighbours, and a
 * lone or slow document is never held back waiting for company.
 *
 * `runBatch` resolves to one result per item, in order, or rejects for the whole batch.
 */
export function batcher<T, R>(workers: number, size: number, runBatch: (items: T[]) => Promise<R[]>): (item: T) => Promise<R> {
  let waiting: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  let running = 0;

  function flush(): void {
    if (waiting.length === 0) return;
    const batch = waiting;
    waiting = [];
    running++;
    runBatch(batch.map((entry) => entry.item)).then(
      (results) => {
        batch.forEach((entry, i) => (i < results.length ? entry.resolve(results[i] as R) : entry.reject(new Error('a batch answered fewer results than it was given'))));
      },
      (error: unknown) => {
        for (const entry of batch) entry.reject(error);
      },
    ).finally(() => {
      running--;
      if (running < workers) flush();
    });
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (running < workers || waiting.length >= size) flush();
    });
}
