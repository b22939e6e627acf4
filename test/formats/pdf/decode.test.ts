/**
 * Bounded inflation: exact output, the limit at its boundary, streams cut short, and
 * outputs on both sides of the size from which the decoder counts first and then
 * writes into one buffer (so a large stream is never held twice).
 */
import { zlibSync, deflateSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { InflateLimitExceeded, boundedInflate } from '../../../src/formats/pdf/decode.js';

/** Byte equality without a deep-equality walk (which is slow on megabytes). */
function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

function pattern(size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 7 + (i >> 10)) & 0xff;
  return out;
}

describe('boundedInflate', () => {
  test.each([
    ['empty', 0],
    ['small', 1000],
    ['exactly 1 MiB', 1 << 20],
    ['just over 1 MiB (counted, then written)', (1 << 20) + 1],
    ['5 MiB', 5 << 20],
  ])('%s output comes back exactly', (_name, size) => {
    const data = pattern(size);
    expect(same(boundedInflate(zlibSync(data), size), data)).toBe(true);
    expect(same(boundedInflate(deflateSync(data), size), data)).toBe(true);
  });

  test.each([1000, 3 << 20])('an output of %i bytes passes a limit of its size and is refused one byte below', (size) => {
    const compressed = zlibSync(pattern(size));
    expect(boundedInflate(compressed, size)).toHaveLength(size);
    expect(() => boundedInflate(compressed, size - 1)).toThrow(InflateLimitExceeded);
  });

  test.each([3 << 20])('a stream of %i bytes cut short yields the bytes decoded before the cut', (size) => {
    const data = pattern(size);
    const compressed = zlibSync(data);
    const out = boundedInflate(compressed.subarray(0, compressed.length >> 1), size);
    expect(out.length).toBeGreaterThan(0);
    expect(out.length).toBeLessThan(size);
    expect(same(out, data.subarray(0, out.length))).toBe(true);
  });
});
