/**
 * PDF text strings without a byte order mark: whatever path decodeTextString takes for
 * them (ASCII through the UTF-8 decoder, short text through one call), a string of
 * bytes below 0x80 reads as PDFDocEncoding says, byte by byte: 0x18-0x1F are its
 * accents (˘ ˇ ˆ ˙ ˝ ˛ ˚ ˜), every other byte is the character of that code.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeTextString } from '../../../src/formats/pdf/text.js';
import { fuzzParameters } from '../../fuzz/runs.js';

const ACCENTS = [0x02d8, 0x02c7, 0x02c6, 0x02d9, 0x02dd, 0x02db, 0x02da, 0x02dc];

function reference(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += String.fromCodePoint(byte >= 0x18 && byte <= 0x1f ? ACCENTS[byte - 0x18]! : byte);
  return out;
}

/** Mostly field-name-like text, sometimes any bytes below 0x80, sometimes past the short-text length. */
const asciiBytes = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abcXYZ019.+-_ ()'), maxLength: 40 }).map((text) => new TextEncoder().encode(text)),
  fc.uint8Array({ max: 0x7f, maxLength: 70 }),
  fc.uint8Array({ max: 0x7f, minLength: 1000, maxLength: 1100 }),
);

describe('PDF text strings below 0x80', () => {
  test('read byte by byte as PDFDocEncoding', () => {
    fc.assert(
      fc.property(asciiBytes, (bytes) => {
        // A string starting with a UTF-8 byte order mark is no such string (it needs 0xEF).
        expect(decodeTextString(bytes)).toBe(reference(bytes));
      }),
      fuzzParameters,
    );
  });

  test('the accents of 0x18-0x1F among plain letters', () => {
    expect(decodeTextString(Uint8Array.from([0x41, 0x18, 0x1f, 0x42]))).toBe('A\u02d8\u02dcB');
    expect(decodeTextString(new TextEncoder().encode('SigOrganization+500'))).toBe('SigOrganization+500');
  });
});
