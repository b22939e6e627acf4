/**
 * Reading one indirect object (`n g obj ... endobj`) at a file offset, with a growing
 * window bounded by the caller. Stream data is not read here: only where it starts
 * and what the dictionary says its length is.
 */
import type { PdfFile } from './file.js';
import { asciiBytes, indexOf } from './file.js';
import type { PdfDict, PdfValue } from './syntax.js';
import { Lexer, NeedMoreBytes, PdfSyntaxError, expectInteger, expectKeyword, isWhitespace, parseValue } from './syntax.js';

const FIRST_WINDOW = 4096;

/** The window could not hold the object within the bound. */
export class ObjectTooLarge extends PdfSyntaxError {
  constructor(offset: number, limit: number) {
    super(`object larger than ${limit} bytes`, offset);
    this.name = 'ObjectTooLarge';
  }
}

/**
 * Runs a synchronous parse over a window at `offset`, re-reading a window four times
 * larger whenever the parse needs more bytes, up to `maxBytes`.
 */
export async function parseWindow<T>(
  file: PdfFile,
  offset: number,
  maxBytes: number,
  parse: (lexer: Lexer) => T,
  firstWindow = FIRST_WINDOW,
): Promise<T> {
  let window = Math.min(firstWindow, maxBytes);
  for (;;) {
    const bytes = await file.read(offset, window);
    const complete = offset + bytes.length >= file.size;
    try {
      return parse(new Lexer(bytes, offset, complete));
    } catch (error) {
      if (!(error instanceof NeedMoreBytes)) throw error;
      if (complete) throw new PdfSyntaxError('unexpected end of file', offset + bytes.length);
      if (window >= maxBytes) throw new ObjectTooLarge(offset, maxBytes);
      window = Math.min(maxBytes, window * 4);
    }
  }
}

export interface RawObject {
  readonly num: number;
  readonly gen: number;
  readonly value: PdfValue;
  /** File offset of `n g obj`. */
  readonly start: number;
  /** File offset just after the object's value (before `endobj` or `stream`). */
  readonly valueEnd: number;
  /** For a stream: where its data starts, and the /Length as written (maybe a reference). */
  readonly stream?: { readonly dataStart: number; readonly declaredLength: PdfValue | undefined };
  /** File offset after `endobj`, when the object is not a stream (streams: see locateStreamEnd). */
  readonly end: number;
}

/** Parses `n g obj <value> (endobj | stream)` at `offset`. */
export async function readRawObject(file: PdfFile, offset: number, maxBytes: number): Promise<RawObject> {
  return parseWindow(file, offset, maxBytes, (lexer) => {
    const start = lexer.offset;
    const num = expectInteger(lexer, 'object number');
    const gen = expectInteger(lexer, 'generation number');
    expectKeyword(lexer, 'obj');
    const value = parseValue(lexer);
    const valueEnd = lexer.offset;
    const next = lexer.nextToken();
    if (next.type === 'keyword' && next.value === 'stream') {
      if (value.kind !== 'dict') throw new PdfSyntaxError('stream without a dictionary', next.start);
      const bytes = lexer.bytes;
      let position = lexer.position;
      // ISO 32000-1 §7.3.8.1: the keyword is followed by CRLF or LF; a lone CR is tolerated.
      if (position >= bytes.length) throw new NeedMoreBytes();
      if (bytes[position] === 0x0d) {
        if (position + 1 >= bytes.length) throw new NeedMoreBytes();
        position += bytes[position + 1] === 0x0a ? 2 : 1;
      } else if (bytes[position] === 0x0a) {
        position += 1;
      }
      const dataStart = lexer.base + position;
      return { num, gen, value, start, valueEnd, stream: { dataStart, declaredLength: value.entries.get('Length') }, end: dataStart };
    }
    if (next.type === 'keyword' && next.value === 'endobj') return { num, gen, value, start, valueEnd, end: next.end };
    // A missing endobj is a common writer slip; the value itself is complete.
    return { num, gen, value, start, valueEnd, end: valueEnd };
  });
}

/**
 * Where a stream's data ends. Trusts /Length when `endstream` follows it (after an
 * optional EOL); otherwise searches for `endstream` up to `maxSearch` bytes on.
 * Returns the data length and the offset just after `endstream` (and `endobj` if present).
 */
export async function locateStreamEnd(
  file: PdfFile,
  dataStart: number,
  length: number | undefined,
  maxSearch: number,
): Promise<{ length: number; end: number; lengthTrusted: boolean }> {
  if (length !== undefined && length >= 0 && dataStart + length <= file.size) {
    const after = await file.read(dataStart + length, 64);
    let i = 0;
    while (i < after.length && isWhitespace(after[i]!)) i++;
    if (indexOf(after.subarray(i, i + 9), asciiBytes('endstream'), 0) === 0) {
      return { length, end: await afterEndobj(file, dataStart + length + i + 9), lengthTrusted: true };
    }
  }
  const found = await file.findFirst('endstream', dataStart, dataStart + maxSearch);
  if (found < 0) throw new PdfSyntaxError('stream without endstream', dataStart);
  let dataEnd = found;
  // The EOL before endstream is not part of the data.
  const before = await file.read(Math.max(dataStart, found - 2), found - Math.max(dataStart, found - 2));
  if (before.length === 2 && before[0] === 0x0d && before[1] === 0x0a) dataEnd -= 2;
  else if (before.length >= 1 && (before[before.length - 1] === 0x0a || before[before.length - 1] === 0x0d)) dataEnd -= 1;
  return { length: dataEnd - dataStart, end: await afterEndobj(file, found + 9), lengthTrusted: false };
}

async function afterEndobj(file: PdfFile, from: number): Promise<number> {
  const after = await file.read(from, 64);
  let i = 0;
  while (i < after.length && isWhitespace(after[i]!)) i++;
  if (indexOf(after.subarray(i, i + 6), asciiBytes('endobj'), 0) === 0) return from + i + 6;
  return from;
}

/** The dictionary of a raw object, when it is one. */
export function rawDict(raw: RawObject): PdfDict | undefined {
  return raw.value.kind === 'dict' ? raw.value : undefined;
}
