/**
 * The byte search the PDF reader scans files with: the native path (Node's Buffer, for long
 * haystacks) and the JavaScript path (short ones, and browsers) must find exactly what a
 * naive search finds. The native hex decoding answers only for runs of hex digits alone.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeHexRun, indexOfBytes, lastIndexOfBytes } from '../../src/io/byte-search.js';
import { fuzzParameters } from '../fuzz/runs.js';

function naiveIndexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

function naiveLastIndexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = haystack.length - needle.length; i >= 0; i--) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/** Haystacks over a three-letter alphabet so that the needle occurs often, partly and wholly; some long enough for the native path. */
const alphabet = fc.constantFrom(0x25, 0x45, 0x46);
const haystack = fc.oneof(fc.uint8Array({ maxLength: 64 }).map((b) => b.map((x) => [0x25, 0x45, 0x46][x % 3]!)), fc.array(alphabet, { minLength: 4000, maxLength: 9000 }).map((a) => Uint8Array.from(a)));
const needle = fc.array(alphabet, { minLength: 1, maxLength: 5 }).map((a) => Uint8Array.from(a));

describe('byte search', () => {
  test('indexOfBytes finds what a naive search finds, from any start, in a view of a larger buffer too', () => {
    fc.assert(
      fc.property(haystack, needle, fc.integer({ min: -3, max: 9100 }), fc.nat({ max: 7 }), (bytes, pattern, from, shift) => {
        const padded = new Uint8Array(bytes.length + shift * 2);
        padded.set(bytes, shift);
        const view = padded.subarray(shift, shift + bytes.length);
        expect(indexOfBytes(view, pattern, from)).toBe(naiveIndexOf(bytes, pattern, from));
      }),
      fuzzParameters,
    );
  });

  test('lastIndexOfBytes finds what a naive search finds, in a view of a larger buffer too', () => {
    fc.assert(
      fc.property(haystack, needle, fc.nat({ max: 7 }), (bytes, pattern, shift) => {
        const padded = new Uint8Array(bytes.length + shift * 2).fill(0x25);
        padded.set(bytes, shift);
        expect(lastIndexOfBytes(padded.subarray(shift, shift + bytes.length), pattern)).toBe(naiveLastIndexOf(bytes, pattern));
      }),
      fuzzParameters,
    );
  });

  test('a match at the very end, and none past it', () => {
    const long = new Uint8Array(10_000).fill(0x20);
    long.set([0x25, 0x25, 0x45, 0x4f, 0x46], long.length - 5);
    const eof = Uint8Array.from([0x25, 0x25, 0x45, 0x4f, 0x46]);
    expect(indexOfBytes(long, eof, 0)).toBe(long.length - 5);
    expect(lastIndexOfBytes(long, eof)).toBe(long.length - 5);
    expect(indexOfBytes(long, eof, long.length - 4)).toBe(-1);
    expect(lastIndexOfBytes(long.subarray(0, long.length - 1), eof)).toBe(-1);
  });
});

describe('native hex decoding', () => {
  const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

  test('a long even run of digits alone is decoded; anything else is left to the caller', () => {
    const digits = fc.array(fc.constantFrom(...'0123456789abcdefABCDEF'), { minLength: 200, maxLength: 700 });
    const mixed = fc.array(fc.constantFrom(...'0123456789abcdefABCDEF', ' ', 'g', '\n', '>'), { minLength: 200, maxLength: 700 });
    const chars = fc.oneof(digits, mixed);
    fc.assert(
      fc.property(chars, fc.nat({ max: 5 }), fc.nat({ max: 5 }), (list, before, after) => {
        const text = list.join('');
        const bytes = ascii(`${'x'.repeat(before)}${text}${'y'.repeat(after)}`);
        const decoded = decodeHexRun(bytes, before, before + text.length);
        const digitsOnly = /^[0-9a-fA-F]*$/.test(text) && text.length % 2 === 0 && text.length >= 256;
        if (!digitsOnly) expect(decoded).toBeUndefined();
        else expect([...decoded!]).toEqual(text.match(/../g)!.map((pair) => parseInt(pair, 16)));
      }),
      fuzzParameters,
    );
  });

  test('short and odd runs are left to the caller', () => {
    expect(decodeHexRun(ascii('ab'.repeat(100)), 0, 200)).toBeUndefined();
    expect(decodeHexRun(ascii('ab'.repeat(200)), 0, 399)).toBeUndefined();
    expect([...decodeHexRun(ascii(`<${'0F'.repeat(200)}>`), 1, 401)!]).toEqual(new Array(200).fill(15));
  });
});
