/** PDF dates and text strings, and the message catalogue of the PDF reader. */
import { describe, expect, test } from 'vitest';
import { PDF_MESSAGES } from '../../../src/formats/pdf/messages.js';
import { decodeTextString, parsePdfDate } from '../../../src/formats/pdf/text.js';

describe('PDF dates', () => {
  test.each([
    ["D:20250301160000+07'00'", '2025-03-01T09:00:00.000Z', true],
    ["D:20250301160000+07'00", '2025-03-01T09:00:00.000Z', true],
    ['D:20250301090000Z', '2025-03-01T09:00:00.000Z', true],
    ["D:20250301043000-04'30'", '2025-03-01T09:00:00.000Z', true],
    ['D:2025', '2025-01-01T00:00:00.000Z', false],
    ['20250301090000', '2025-03-01T09:00:00.000Z', false],
  ])('%s is %s', (text, iso, zoned) => {
    const parsed = parsePdfDate(text);
    expect(parsed?.date.toISOString()).toBe(iso);
    expect(parsed?.hasTimeZone).toBe(zoned);
  });

  test.each(['D:20251301000000Z', 'D:20250230000000Z', 'D:20250301250000Z', 'yesterday', ''])('%s is not a date', (text) => {
    expect(parsePdfDate(text)).toBeUndefined();
  });
});

describe('PDF text strings', () => {
  test('UTF-16BE with a byte order mark', () => {
    expect(decodeTextString(Uint8Array.from([0xfe, 0xff, 0x00, 0x4e, 0x1e, 0xc5]))).toBe('Nễ');
  });
  test('UTF-8 without a byte order mark, as pdfsig writes it', () => {
    expect(decodeTextString(new TextEncoder().encode('Nguyễn Văn An'))).toBe('Nguyễn Văn An');
  });
  test('PDFDocEncoding otherwise', () => {
    expect(decodeTextString(Uint8Array.from([0x41, 0x80, 0xe9]))).toBe('A\u2022é');
  });
});

describe('message catalogue', () => {
  test('every code is PDF_-prefixed and has distinct Vietnamese and English texts', () => {
    for (const [code, factory] of Object.entries(PDF_MESSAGES)) {
      const message = factory({});
      expect(code).toMatch(/^PDF_[A-Z0-9_]+$/);
      expect(message.code).toBe(code);
      expect(message.vi).not.toBe(message.en);
      expect(message.vi.length).toBeGreaterThan(10);
    }
  });
});
