/** orderedMap: bounded, ordered, and holding nothing per item once the item is yielded. */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { orderedMap } from '../../src/node/run.js';

describe('orderedMap', () => {
  it('with an abort signal, leaves no listener (and so no result) behind per item', async () => {
    const controller = new AbortController();
    let most = 0;
    const seen: number[] = [];
    for await (const value of orderedMap(
      Array.from({ length: 2000 }, (_, i) => i),
      4,
      async (i) => ({ i, payload: new Uint8Array(16) }),
      controller.signal,
    )) {
      seen.push(value.i);
      most = Math.max(most, getEventListeners(controller.signal, 'abort').length);
    }
    expect(seen).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    // One listener for the item being awaited at most: a race against one long-lived
    // "aborted" promise kept a reaction (and the item's result) per item instead.
    expect(most).toBeLessThanOrEqual(1);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('stops at an abort: no new item starts, the iteration ends', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const out: number[] = [];
    for await (const value of orderedMap(
      Array.from({ length: 100 }, (_, i) => i),
      2,
      async (i) => {
        started.push(i);
        return i;
      },
      controller.signal,
    )) {
      out.push(value);
      if (value === 10) controller.abort();
    }
    expect(out).toEqual(Array.from({ length: 11 }, (_, i) => i));
    expect(started.length).toBeLessThanOrEqual(13);
  });
});
