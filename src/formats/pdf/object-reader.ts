/**
 * Reading one indirect object (`n g obj ... endobj`) at a file offset, with a growing
 * window bounded by the caller. Stream data is not read here: only where it starts
 * and what the dictionary says its length is.
 */
import { PdfFile, asciiBytes, indexOf } from './file.js';
import type { PdfDict, PdfValue } from './syntax.js';
import { Lexer, NeedMoreBytes, PdfSyntaxError, exactly, expectInteger, expectKeyword, isWhitespace, parseValue } from './syntax.js';

export const FIRST_WINDOW = 4096;
const OBJ = asciiBytes('obj');
const ENDOBJ = asciiBytes('endobj');
const STREAM = asciiBytes('stream');
/** How far ahead a large object's end is looked for (beyond it, windows grow four times at a time). */
const MAX_EXTENT_SEARCH = 1 << 20;

/** The window could not hold the object within the bound. */
export class ObjectTooLarge extends PdfSyntaxError {
  constructor(offset: number, limit: number) {
    super(`object larger than ${limit} bytes`, offset);
    this.name = 'ObjectTooLarge';
  }
}

/**
 * Runs a synchronous parse over a window at `offset`, re-reading a window four times
 * larger whenever the parse needs more bytes, up to `maxBytes`. `extent`, when given, is
 * asked once where the parse probably ends: after the first window fell short, or before
 * it is parsed at all when `seemsWhole` says it cannot hold the whole value. A large
 * object is then read in one more window instead of being parsed again from its start
 * for each larger one. The parse never guesses (a value cut by the window's end asks for
 * more bytes), so the window sizes change what it costs, never what it reads.
 */
export async function parseWindow<T>(
  file: PdfFile,
  offset: number,
  maxBytes: number,
  parse: (lexer: Lexer) => T,
  firstWindow = FIRST_WINDOW,
  extent?: (from: number, to: number) => Promise<number>,
  seemsWhole?: (window: Uint8Array) => boolean,
): Promise<T> {
  let window = Math.min(firstWindow, maxBytes);
  let asked = false;
  /** Widens the window to where `extent` says the value ends, once; false when it says nothing more. */
  const widened = async (): Promise<boolean> => {
    if (!extent || asked) return false;
    asked = true;
    const end = await extent(offset + Math.max(0, window - 16), offset + Math.min(maxBytes, MAX_EXTENT_SEARCH));
    if (end <= offset + window) return false;
    window = Math.min(maxBytes, end - offset);
    return true;
  };
  for (;;) {
    const bytes = await file.read(offset, window);
    const complete = offset + bytes.length >= file.size;
    if (seemsWhole && !complete && window < maxBytes && !asked && !seemsWhole(bytes) && (await widened())) continue;
    try {
      return parse(new Lexer(bytes, offset, complete));
    } catch (error) {
      if (!(error instanceof NeedMoreBytes)) throw error;
      if (complete) throw new PdfSyntaxError('unexpected end of file', offset + bytes.length);
      if (window >= maxBytes) throw new ObjectTooLarge(offset, maxBytes);
      if (!(await widened())) window = Math.min(maxBytes, window * 4);
    }
  }
}

/**
 * Where an object that starts before `from` probably ends: a little past the first
 * `endobj` or `stream` keyword in [from, to), or -1. A hint for parseWindow only.
 */
async function keywordEnd(file: PdfFile, from: number, to: number): Promise<number> {
  const endobj = await file.findFirst('endobj', from, to);
  const stream = await file.findFirst('stream', from, endobj >= 0 ? endobj : to);
  const found = stream >= 0 ? stream + 6 : endobj >= 0 ? endobj + 6 : -1;
  // Room for the end of line after `stream` and the byte that ends the keyword.
  return found < 0 ? -1 : found + 16;
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
  /**
   * `referenceNums(value)`, collected while parsing (undefined when a dictionary repeated a
   * key: the walks then list them from the value).
   */
  readonly refs: readonly number[] | undefined;
}

/** Parses `n g obj <value> (endobj | stream)` at `offset`. */
export async function readRawObject(file: PdfFile, offset: number, maxBytes: number): Promise<RawObject> {
  // The first window reaches the end of the block read anyway (a view of it, no copy).
  const firstWindow = Math.max(FIRST_WINDOW, PdfFile.blockRest(offset));
  // A first window with neither keyword that ends an object is (nearly always) too short: a
  // signature font's 262 KB was parsed for its first 38 KB, given up and parsed again. Its end
  // is looked for first; only the window changes, never what the parse reads.
  const holdsAnEnd = (window: Uint8Array) => indexOf(window, ENDOBJ, 0) >= 0 || indexOf(window, STREAM, 0) >= 0;
  return parseWindow(file, offset, maxBytes, parseRawObject, firstWindow, (from, to) => keywordEnd(file, from, to), holdsAnEnd);
}

/** `n g obj <value> (endobj | stream)` at the lexer's position: readRawObject's parse of one window. */
export function parseRawObject(lexer: Lexer): RawObject {
  const start = lexer.offset;
  const num = expectInteger(lexer, 'object number');
  const gen = expectInteger(lexer, 'generation number');
  if (!lexer.skipKeyword(OBJ)) expectKeyword(lexer, 'obj');
  // The references are noted as they are read: a walk over thousands of objects (or one
  // font's /W of 65,000 numbers) then never looks through the values for them.
  lexer.refs = [];
  lexer.refsInOrder = true;
  const value = parseValue(lexer);
  const refs = lexer.refsInOrder ? exactly(lexer.refs) : undefined;
  lexer.refs = undefined;
  const valueEnd = lexer.offset;
  // `endobj` and `stream` are looked for without tokens; anything else is read as one.
  if (lexer.skipKeyword(ENDOBJ)) return { num, gen, value, start, valueEnd, end: lexer.offset, refs };
  const stream = lexer.skipKeyword(STREAM);
  const next = stream ? undefined : lexer.nextToken();
  if (stream || (next!.type === 'keyword' && next!.value === 'stream')) {
    if (value.kind !== 'dict') throw new PdfSyntaxError('stream without a dictionary', lexer.offset - STREAM.length);
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
    return { num, gen, value, start, valueEnd, stream: { dataStart, declaredLength: value.entries.get('Length') }, end: dataStart, refs };
  }
  if (next!.type === 'keyword' && next!.value === 'endobj') return { num, gen, value, start, valueEnd, end: next!.end, refs };
  // A missing endobj is a common writer slip; the value itself is complete.
  return { num, gen, value, start, valueEnd, end: valueEnd, refs };
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
): Promise<StreamExtent> {
  if (length !== undefined && length >= 0 && dataStart + length <= file.size) {
    const endstream = endstreamEnd(await file.read(dataStart + length, TAIL_BYTES));
    if (endstream >= 0) {
      const from = dataStart + length + endstream;
      return { length, end: from + endobjEnd(await file.read(from, TAIL_BYTES)), lengthTrusted: true };
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

export interface StreamExtent {
  readonly length: number;
  /** After `endstream` (and `endobj` when it follows). */
  readonly end: number;
  /** /Length was followed by `endstream` (no search was made). */
  readonly lengthTrusted: boolean;
}

/** What locateStreamEnd reads after the data and after `endstream`. */
const TAIL_BYTES = 64;
const ENDSTREAM = asciiBytes('endstream');

/** In the bytes after a stream's data: the offset just after `endstream` (whitespace before it skipped), or -1. */
function endstreamEnd(after: Uint8Array): number {
  let i = 0;
  while (i < after.length && isWhitespace(after[i]!)) i++;
  return indexOf(after.subarray(i, i + ENDSTREAM.length), ENDSTREAM, 0) === 0 ? i + ENDSTREAM.length : -1;
}

/** In the bytes after `endstream`: how far `endobj` (whitespace before it skipped) reaches, or 0. */
function endobjEnd(after: Uint8Array): number {
  let i = 0;
  while (i < after.length && isWhitespace(after[i]!)) i++;
  return indexOf(after.subarray(i, i + ENDOBJ.length), ENDOBJ, 0) === 0 ? i + ENDOBJ.length : 0;
}

async function afterEndobj(file: PdfFile, from: number): Promise<number> {
  return from + endobjEnd(await file.read(from, TAIL_BYTES));
}

/**
 * What locateStreamEnd answers for a stream whose /Length (a number written in its
 * dictionary) is followed by `endstream`, read from the file's cached blocks without
 * waiting. Undefined when the length is not trusted so (locateStreamEnd then searches)
 * or when a byte it would read is not cached.
 */
export function trustedStreamEndNow(file: PdfFile, dataStart: number, length: number): StreamExtent | undefined {
  if (!(length >= 0 && dataStart + length <= file.size)) return undefined;
  const after = cachedRead(file, dataStart + length, TAIL_BYTES);
  if (!after) return undefined;
  const endstream = endstreamEnd(after);
  if (endstream < 0) return undefined;
  const from = dataStart + length + endstream;
  const tail = cachedRead(file, from, TAIL_BYTES);
  if (!tail) return undefined;
  return { length, end: from + endobjEnd(tail), lengthTrusted: true };
}

/** What `file.read(offset, length)` gives, when its bytes are in one cached block; undefined otherwise. */
function cachedRead(file: PdfFile, offset: number, length: number): Uint8Array | undefined {
  if (offset >= file.size) return new Uint8Array(0);
  const bytes = file.cachedFrom(offset, length);
  return bytes && bytes.length >= Math.min(length, file.size - offset) ? bytes : undefined;
}

/** The dictionary of a raw object, when it is one. */
export function rawDict(raw: RawObject): PdfDict | undefined {
  return raw.value.kind === 'dict' ? raw.value : undefined;
}
