/**
 * PDF text strings (ISO 32000-2 §7.9.2.2: UTF-16BE or UTF-8 with a byte order mark,
 * else PDFDocEncoding; deviation: valid non-ASCII UTF-8 without a mark is read as
 * UTF-8) and dates (§7.9.4: `D:YYYYMMDDHHmmSSOHH'mm'`).
 */

/** PDFDocEncoding code points that differ from Latin-1 (0x18–0x1F, 0x80–0xAD). */
const PDF_DOC_ENCODING: Readonly<Record<number, number>> = {
  0x18: 0x02d8, 0x19: 0x02c7, 0x1a: 0x02c6, 0x1b: 0x02d9, 0x1c: 0x02dd, 0x1d: 0x02db, 0x1e: 0x02da, 0x1f: 0x02dc,
  0x80: 0x2022, 0x81: 0x2020, 0x82: 0x2021, 0x83: 0x2026, 0x84: 0x2014, 0x85: 0x2013, 0x86: 0x0192, 0x87: 0x2044,
  0x88: 0x2039, 0x89: 0x203a, 0x8a: 0x2212, 0x8b: 0x2030, 0x8c: 0x201e, 0x8d: 0x201c, 0x8e: 0x201d, 0x8f: 0x2018,
  0x90: 0x2019, 0x91: 0x201a, 0x92: 0x2122, 0x93: 0xfb01, 0x94: 0xfb02, 0x95: 0x0141, 0x96: 0x0152, 0x97: 0x0160,
  0x98: 0x0178, 0x99: 0x017d, 0x9a: 0x0131, 0x9b: 0x0142, 0x9c: 0x0153, 0x9d: 0x0161, 0x9e: 0x017e, 0x9f: 0xfffd,
  0xa0: 0x20ac, 0xad: 0xfffd,
};

/** The inverse of PDF_DOC_ENCODING: code point → byte, for the characters that differ from Latin-1. */
const PDF_DOC_BYTE = new Map<number, number>(
  Object.entries(PDF_DOC_ENCODING)
    .filter(([, codePoint]) => codePoint !== 0xfffd)
    .map(([byte, codePoint]) => [codePoint, Number(byte)]),
);

/**
 * `text` in PDFDocEncoding, one byte a character, or undefined when a character has no byte
 * there (the standard security handler's passwords of revisions 2 to 4, ISO 32000-2 §7.6.4.3.2).
 */
export function encodePdfDocEncoding(text: string): Uint8Array | undefined {
  const out: number[] = [];
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    const byte = PDF_DOC_BYTE.get(codePoint) ?? (codePoint <= 0xff && PDF_DOC_ENCODING[codePoint] === undefined ? codePoint : undefined);
    if (byte === undefined) return undefined;
    out.push(byte);
  }
  return Uint8Array.from(out);
}

const UTF16BE = new TextDecoder('utf-16be');
const UTF8 = new TextDecoder('utf-8');
const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });
/** Longest string read with one String.fromCharCode call (its arguments go on the stack). */
const SHORT_TEXT = 1024;

/** Decodes a PDF text string. */
export function decodeTextString(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return UTF16BE.decode(bytes.subarray(2));
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return UTF8.decode(bytes.subarray(3));
  }
  let ascii = true;
  let sameAsLatin1 = true;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte >= 0x80) ascii = false;
    if ((byte >= 0x18 && byte <= 0x1f) || (byte >= 0x80 && byte <= 0xad)) sameAsLatin1 = false;
  }
  // Some writers (poppler's pdfsig among them) put UTF-8 without a byte order mark.
  // Multi-byte UTF-8 sequences are vanishingly rare in real PDFDocEncoding text, so a
  // string that decodes as UTF-8 and is not plain ASCII is read as UTF-8.
  if (!ascii) {
    try {
      return UTF8_STRICT.decode(bytes);
    } catch {
      // Not UTF-8: PDFDocEncoding.
    }
  }
  // Field names and most other strings are plain text: one character per byte. ASCII is
  // that in UTF-8 too, and the decoder makes it several times faster than a call with
  // the bytes as arguments (thousands of field names per form).
  if (ascii && sameAsLatin1) return UTF8.decode(bytes);
  if (sameAsLatin1 && bytes.length <= SHORT_TEXT) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  let out = '';
  for (const byte of bytes) out += String.fromCodePoint(PDF_DOC_ENCODING[byte] ?? byte);
  return out;
}

const PDF_DATE = /^D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(?:(\d{2})'?(?:(\d{2})'?)?)?)?\s*$/;

/**
 * Parses a PDF date. A date without a time zone is read as UTC (ISO 32000 leaves it
 * unknown; the result is then a claim with an unknown offset). Returns undefined for
 * anything that is not a date, including impossible fields (month 13, hour 25).
 */
export function parsePdfDate(text: string): { date: Date; hasTimeZone: boolean } | undefined {
  const match = PDF_DATE.exec(text.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = match[2] ? Number(match[2]) : 1;
  const day = match[3] ? Number(match[3]) : 1;
  const hour = match[4] ? Number(match[4]) : 0;
  const minute = match[5] ? Number(match[5]) : 0;
  const second = match[6] ? Number(match[6]) : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const sign = match[7];
  let offsetMinutes = 0;
  if (sign === '+' || sign === '-') {
    const hours = match[8] ? Number(match[8]) : 0;
    const minutes = match[9] ? Number(match[9]) : 0;
    if (hours > 23 || minutes > 59) return undefined;
    offsetMinutes = (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
  const date = new Date(utc);
  // Reject 31 February and the like, which Date.UTC silently rolls over.
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1) return undefined;
  return { date, hasTimeZone: sign !== undefined };
}
