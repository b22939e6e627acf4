/**
 * Bytes already in memory are hashed without a promise per chunk: the same chunks at the same
 * offsets, the same digests and the same errors as a source that answers through promises.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ByteSource } from '../../src/io/byte-source.js';
import { bytesSource, inMemoryBytes } from '../../src/io/byte-source.js';
import { digestingSource, HASH_CHUNK_BYTES, hashRanges, streamBytes, toHex, type ByteRange } from '../../src/io/hash.js';
import { nodeHashFactory } from '../../src/io/node-file.js';
import { fuzzParameters } from '../fuzz/runs.js';

/** The same bytes behind a read of its own: not known to be in memory, so streamed through promises. */
function promisedSource(bytes: Uint8Array): ByteSource {
  const inner = bytesSource(bytes);
  return { size: bytes.length, read: (offset, length) => inner.read(offset, length) };
}

function document(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7919 + (i >> 8)) & 0xff;
  return bytes;
}

async function outcome(work: () => Promise<Uint8Array>): Promise<string> {
  try {
    return toHex(await work());
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

async function chunks(source: ByteSource, range: ByteRange): Promise<string[]> {
  const seen: string[] = [];
  try {
    await streamBytes(source, range, (offset, chunk) => seen.push(`${offset}+${chunk.length}:${chunk[0]}`));
  } catch (error) {
    seen.push(`${(error as Error).name}: ${(error as Error).message}`);
  }
  return seen;
}

describe('streaming bytes in memory', () => {
  test('bytesSource and a wrapper that only passes reads on are in memory; another source is not', () => {
    const bytes = document(100);
    const memory = bytesSource(bytes);
    expect(inMemoryBytes(memory)).toBe(bytes);
    expect(inMemoryBytes({ size: 100, read: memory.read })).toBe(bytes);
    expect(inMemoryBytes(digestingSource(memory, nodeHashFactory))).toBe(bytes);
    expect(inMemoryBytes(promisedSource(bytes))).toBeUndefined();
    expect(inMemoryBytes(digestingSource(promisedSource(bytes), nodeHashFactory))).toBeUndefined();
  });

  test('a range across a chunk boundary is visited in the same chunks', async () => {
    const bytes = document(HASH_CHUNK_BYTES + 1000);
    const range = { offset: HASH_CHUNK_BYTES - 500, length: 1200 };
    const expected = await chunks(promisedSource(bytes), range);
    expect(expected).toHaveLength(2);
    expect(await chunks(bytesSource(bytes), range)).toEqual(expected);
  });

  test('ranges beyond the end fail the same way', async () => {
    const bytes = document(1000);
    for (const range of [{ offset: 990, length: 20 }, { offset: 1000, length: 1 }, { offset: 2000, length: 5 }]) {
      expect(await chunks(bytesSource(bytes), range)).toEqual(await chunks(promisedSource(bytes), range));
      expect(await outcome(() => hashRanges(bytesSource(bytes), [range], 'SHA-256', nodeHashFactory))).toBe(
        await outcome(() => hashRanges(promisedSource(bytes), [range], 'SHA-256', nodeHashFactory)),
      );
    }
  });

  test('any ranges give the same digests, and the same document digest, as through promises', async () => {
    const bytes = document(20_000);
    const range = fc
      .tuple(fc.integer({ min: 0, max: bytes.length + 10 }), fc.integer({ min: 0, max: bytes.length }))
      .map(([offset, length]) => ({ offset, length }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(range, { maxLength: 4 }), { maxLength: 4 }), async (passes) => {
        const memory = digestingSource(bytesSource(bytes), nodeHashFactory);
        const promised = digestingSource(promisedSource(bytes), nodeHashFactory);
        for (const ranges of passes) {
          const sorted = [...ranges].sort((a, b) => a.offset - b.offset);
          const a = await outcome(() => hashRanges(memory, sorted, 'SHA-256', nodeHashFactory));
          const b = await outcome(() => hashRanges(promised, sorted, 'SHA-256', nodeHashFactory));
          expect(a).toBe(b);
        }
        expect(toHex(await memory.wholeDocument.finish())).toBe(toHex(await promised.wholeDocument.finish()));
      }),
      { ...fuzzParameters, numRuns: Math.min(fuzzParameters.numRuns, 100) },
    );
  });
});
