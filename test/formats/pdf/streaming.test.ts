/**
 * Big files are never loaded whole: the reader goes through ByteSource.read in
 * bounded pieces, from the end of the file, and never needs the file as one array.
 */
import { describe, expect, test } from 'vitest';
import { DEFAULT_LIMITS } from '../../../src/formats/limits.js';
import { parsePdf } from '../../../src/formats/pdf/index.js';
import type { ByteSource } from '../../../src/io/byte-source.js';
import { bytesSource } from '../../../src/io/byte-source.js';
import { HASH_CHUNK_BYTES, portableHashFactory } from '../../../src/io/hash.js';
import { PdfBuilder } from './builder.js';
import { only } from './helpers.js';

function recording(bytes: Uint8Array): { source: ByteSource; largest: () => number; total: () => number } {
  const inner = bytesSource(bytes);
  let largest = 0;
  let total = 0;
  return {
    source: {
      size: inner.size,
      async read(offset, length) {
        const chunk = await inner.read(offset, length);
        largest = Math.max(largest, chunk.length);
        total += chunk.length;
        return chunk;
      },
    },
    largest: () => largest,
    total: () => total,
  };
}

/** A signed document of `pages` pages with 2 KB of content each, and one later change to page 1. */
function bigDocument(pages: number): Uint8Array {
  const builder = new PdfBuilder();
  const kids = Array.from({ length: pages }, (_, i) => `${100 + 2 * i} 0 R`);
  builder.object(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R >>');
  builder.object(2, `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`);
  for (let i = 0; i < pages; i++) {
    builder.object(100 + 2 * i, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${101 + 2 * i} 0 R${i === 0 ? ' /Annots [5 0 R]' : ''} >>`);
    builder.stream(101 + 2 * i, '', `BT /F1 12 Tf 72 770 Td (trang ${i} ${'x'.repeat(2000)}) Tj ET`);
  }
  builder.object(5, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sig1) /Rect [0 0 0 0] /P 100 0 R /V 7 0 R >>');
  builder.object(6, '<< /Fields [5 0 R] >>');
  builder.signature(7);
  builder.xrefTable(`/Root 1 0 R /Size ${100 + 2 * pages}`);
  builder.stream(99, '', 'BT (noi dung moi) Tj ET');
  builder.object(100, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 99 0 R /Annots [5 0 R] >>');
  builder.xrefTable(`/Root 1 0 R /Size ${100 + 2 * pages}`);
  return builder.bytes();
}

describe('reading through a ByteSource', () => {
  test('an 11 MB document is read in pieces no larger than the 4 MiB streaming chunk, and its change is still found', async () => {
    const bytes = bigDocument(5000);
    expect(bytes.length).toBeGreaterThan(10_000_000);
    const probe = recording(bytes);
    const document = await parsePdf(probe.source, { hashFactory: portableHashFactory, limits: DEFAULT_LIMITS });
    const signature = only(document);
    expect(signature.coverage?.level).toBe('entire-revision');
    expect(signature.modifications?.changes.map((c) => [c.object, c.kind, c.description])).toEqual([
      ['100 0 R', 'other', '/Contents of page 1 changed'],
      ['99 0 R', 'other', 'new object referenced by 100 0 R'],
    ]);
    expect(HASH_CHUNK_BYTES).toBe(4 << 20);
    expect(probe.largest()).toBeLessThanOrEqual(HASH_CHUNK_BYTES);
  });
});
