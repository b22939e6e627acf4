/**
 * The scan for revision ends the /Prev chain skips reads the file forward once, in large
 * chunks, and the whole document's SHA-256 takes those bytes on the way: a big PDF is
 * read and hashed once (issue 14). These tests pin what the scan finds — wherever chunks
 * split the pattern — and that the digest is fed.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ByteSource } from '../../../src/io/byte-source.js';
import { bytesSource } from '../../../src/io/byte-source.js';
import { digestingSource, HASH_CHUNK_BYTES, portableHashFactory, toHex } from '../../../src/io/hash.js';
import { PdfFile } from '../../../src/formats/pdf/file.js';
import { fuzzParameters } from '../../fuzz/runs.js';

const EOF = '%%EOF';

function occurrences(bytes: Uint8Array, pattern: string, from: number, to: number): number[] {
  const text = new TextDecoder('latin1').decode(bytes);
  const found: number[] = [];
  for (let i = text.indexOf(pattern, from); i >= 0 && i + pattern.length <= to; i = text.indexOf(pattern, i + 1)) found.push(i);
  return found;
}

/** A source that hands out at most `most` bytes per read, as a slow pipe or a short read would. */
function dribblingSource(bytes: Uint8Array, most: number): ByteSource {
  const inner = bytesSource(bytes);
  return {
    size: bytes.length,
    read: (offset, length) => inner.read(offset, Math.min(length, most)),
    async readInto(offset, target) {
      const chunk = await inner.read(offset, Math.min(target.length, most));
      target.set(chunk);
      return chunk.length;
    },
  };
}

const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('PdfFile.findAll', () => {
  test('finds every occurrence in range, however reads split it, and keeps the last ones', async () => {
    const text = fc.array(fc.constantFrom('%', '%%', 'E', 'O', 'F', EOF, 'x'), { maxLength: 60 }).map((parts) => latin1(parts.join('')));
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 1, max: 7 }), fc.nat({ max: 10 }), fc.nat({ max: 400 }), fc.integer({ min: 1, max: 6 }), async (bytes, most, from, to, keep) => {
        const file = new PdfFile(dribblingSource(bytes, most));
        const expected = occurrences(bytes, EOF, from, to);
        expect(await file.findAll(EOF, from, to, keep)).toEqual(expected.slice(-keep));
      }),
      fuzzParameters,
    );
  });

  test('an occurrence split across the 4 MiB streaming chunks is found once', async () => {
    const bytes = new Uint8Array(HASH_CHUNK_BYTES + 4096).fill(0x20);
    const at = [HASH_CHUNK_BYTES - 2, HASH_CHUNK_BYTES - 9, HASH_CHUNK_BYTES + 10, 7];
    for (const offset of at) bytes.set(latin1(EOF), offset);
    const file = new PdfFile(bytesSource(bytes));
    expect(await file.findAll(EOF, 0, bytes.length, 10)).toEqual([...at].sort((a, b) => a - b));
    expect(await file.findAll(EOF, 8, HASH_CHUNK_BYTES + 3, 10)).toEqual([HASH_CHUNK_BYTES - 9, HASH_CHUNK_BYTES - 2]);
  });

  test('a file made of the pattern alone keeps only the last occurrences', async () => {
    const bytes = latin1(EOF.repeat(50_000));
    const file = new PdfFile(bytesSource(bytes));
    expect(await file.findAll(EOF, 0, bytes.length, 3)).toEqual([249_985, 249_990, 249_995]);
  });

  test('the scan feeds the whole-document digest: bytes it read are not read again for it', async () => {
    const bytes = new Uint8Array(9 << 20).map((_, i) => (i * 7) & 0xff);
    let read = 0;
    const inner = bytesSource(bytes);
    const counting: ByteSource = {
      size: bytes.length,
      async read(offset, length) {
        const chunk = await inner.read(offset, length);
        read += chunk.length;
        return chunk;
      },
    };
    const source = digestingSource(counting, portableHashFactory);
    await new PdfFile(source).findAll(EOF, 0, 6 << 20, 10);
    expect(source.wholeDocument.next).toBe(6 << 20);
    expect(toHex(await source.wholeDocument.finish())).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(read).toBe(bytes.length);
  });
});
