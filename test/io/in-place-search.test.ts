/**
 * The search that runs over streaming buffers where they lie (WebAssembly, pair-search.wat):
 * the PDF reader's scan for hidden revision ends relies on it finding exactly what a naive
 * search finds — never a match that runs past the end of the chunk (the memory goes on
 * there), never one before `from`, every one that is there.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { pairSearchModuleSource } from '../../scripts/build-wasm.mjs';
import type { ByteSource } from '../../src/io/byte-source.js';
import { bytesSource } from '../../src/io/byte-source.js';
import { indexOfBytes } from '../../src/io/byte-search.js';
import { HASH_CHUNK_BYTES, streamBytes } from '../../src/io/hash.js';
import { searchableBuffers, searchInPlace } from '../../src/io/in-place-search.js';
import { PdfFile } from '../../src/formats/pdf/file.js';
import { fuzzParameters } from '../fuzz/runs.js';

function naiveIndexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const EOF = latin1('%%EOF');

/** Bytes over a small alphabet, so that needles and their first pairs occur often. */
const ALPHABET = [0x25, 0x45, 0x4f, 0x46, 0x0a];
const text = (maxLength: number) => fc.uint8Array({ maxLength }).map((b) => b.map((x) => ALPHABET[x % ALPHABET.length]!));

describe('search in place', () => {
  test('the committed module is pair-search.wat compiled (npm run build:wasm)', async () => {
    const committed = readFileSync(new URL('../../src/io/pair-search-module.ts', import.meta.url), 'utf8');
    expect(committed).toBe(await pairSearchModuleSource());
  });

  test('finds what a naive search finds, within the view only, from any start', () => {
    const [buffer] = searchableBuffers(1, 4096)!;
    fc.assert(
      fc.property(text(600), fc.array(fc.constantFrom(...ALPHABET), { minLength: 2, maxLength: 9 }), fc.nat({ max: 3000 }), fc.nat(), fc.integer({ min: -2, max: 700 }), (bytes, pattern, at, cut, from) => {
        const needle = Uint8Array.from(pattern);
        buffer!.fill(0x0a);
        // A needle that ends at the view's first byte, and one the view's end cuts, its rest
        // in the memory after the view: neither is in the view.
        if (at >= needle.length) buffer!.set(needle, at - needle.length + 1);
        buffer!.set(bytes, at);
        buffer!.set(needle, at + bytes.length);
        const view = buffer!.subarray(at, at + bytes.length + 1 + (cut % (needle.length - 1)));
        const start = Math.max(0, from);
        expect(searchInPlace(view, needle, start)).toBe(naiveIndexOf(view, needle, start));
      }),
      fuzzParameters,
    );
  });

  test('a needle alone is found at every position of a 64-byte block and of the tail after the blocks', () => {
    const [buffer] = searchableBuffers(1, 512)!;
    for (const length of [5, 64, 65, 66, 128, 129, 200, 257]) {
      for (let at = 0; at + EOF.length <= length; at++) {
        buffer!.fill(0x20);
        buffer!.set(EOF, at);
        const view = buffer!.subarray(0, length);
        expect([length, at, searchInPlace(view, EOF, 0)]).toEqual([length, at, at]);
        expect([length, at, searchInPlace(view, EOF, at + 1)]).toEqual([length, at, -1]);
      }
    }
  });

  test('a needle at the very end is found; one cut by the end of the view, with the rest in memory after it, is not', () => {
    const [buffer] = searchableBuffers(1, 8192)!;
    buffer!.fill(0x20);
    buffer!.set(EOF, 1000 - 5);
    expect(searchInPlace(buffer!.subarray(0, 1000), EOF, 0)).toBe(995);
    expect(searchInPlace(buffer!.subarray(0, 999), EOF, 0)).toBe(-1);
    expect(searchInPlace(buffer!.subarray(996, 2000), EOF, 0)).toBe(-1);
    expect(searchInPlace(buffer!.subarray(0, 1000), EOF, 996)).toBe(-1);
  });

  test('takes only its own buffers and needles of 2 to 64 bytes', () => {
    const [buffer] = searchableBuffers(1, 1024)!;
    expect(searchInPlace(new Uint8Array(1024), EOF, 0)).toBeUndefined();
    expect(searchInPlace(buffer!, Uint8Array.of(0x25), 0)).toBeUndefined();
    expect(searchInPlace(buffer!, new Uint8Array(65), 0)).toBeUndefined();
    expect(searchInPlace(buffer!, new Uint8Array(64), 0)).toBe(0);
  });

  test('indexOfBytes searches long streaming chunks in place, with the same answers', () => {
    const [buffer] = searchableBuffers(1, 1 << 20)!;
    buffer!.fill(0x25);
    for (let i = 0; i < buffer!.length; i += 4099) buffer!.set(EOF, i);
    buffer!.set(latin1('%%EO'), buffer!.length - 4);
    const found: number[] = [];
    for (let i = indexOfBytes(buffer!, EOF, 0); i >= 0; i = indexOfBytes(buffer!, EOF, i + 1)) found.push(i);
    const expected: number[] = [];
    for (let i = naiveIndexOf(buffer!, EOF, 0); i >= 0; i = naiveIndexOf(buffer!, EOF, i + 1)) expected.push(i);
    expect(found).toEqual(expected);
    const planted = Array.from({ length: Math.floor((buffer!.length - 4 - 5) / 4099) + 1 }, (_, k) => k * 4099);
    expect(found).toEqual(planted);
  });

  test("a file's streaming pass hands out chunks searchable in place, and the scan for revision ends finds every one across chunks", async () => {
    const bytes = new Uint8Array(2 * HASH_CHUNK_BYTES + 100_000).map((_, i) => ALPHABET[(i * 7919) % 5]!);
    const at = [3, HASH_CHUNK_BYTES - 12, HASH_CHUNK_BYTES - 3, HASH_CHUNK_BYTES + 64, 2 * HASH_CHUNK_BYTES - 1, bytes.length - 5];
    for (const offset of at) bytes.set(EOF, offset);
    const inner = bytesSource(bytes);
    const file: ByteSource = {
      size: bytes.length,
      read: (offset, length) => inner.read(offset, length),
      async readInto(offset, target) {
        const chunk = await inner.read(offset, target.length);
        target.set(chunk);
        return chunk.length;
      },
    };
    const inPlace: boolean[] = [];
    await streamBytes(file, { offset: 0, length: bytes.length }, (_, chunk) => inPlace.push(searchInPlace(chunk, EOF, 0) !== undefined));
    expect(inPlace).toEqual([true, true, true]);
    const expected: number[] = [];
    for (let i = naiveIndexOf(bytes, EOF, 0); i >= 0; i = naiveIndexOf(bytes, EOF, i + 1)) expected.push(i);
    expect(await new PdfFile(file).findAll('%%EOF', 0, bytes.length, 100)).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining(at));
  });
});
