/**
 * PDF object syntax (ISO 32000-1 §7.2–7.3): a lexer and a parser over a window of
 * bytes taken from the file. Every value keeps the absolute file offsets it spans,
 * because signature checks are about bytes (the /Contents gap of a /ByteRange).
 *
 * The parser never guesses: a value cut off by the end of the window raises
 * `NeedMoreBytes` (the caller reads a larger window, up to its own bound), anything
 * else malformed raises `PdfSyntaxError`. Nesting is bounded by `MAX_PDF_NESTING`.
 */
import { decodeHexRun } from '../../io/byte-search.js';

/**
 * Deepest nesting of arrays and dictionaries accepted. Real documents nest under 10
 * (page tree nodes are objects of their own, not nested values); the bound keeps a
 * `[[[[...` bomb from exhausting the stack.
 */
export const MAX_PDF_NESTING = 256;

/**
 * Longest number, keyword or name accepted. Names are at most 127 bytes in Acrobat
 * (ISO 32000-1 Annex C); numbers and keywords are shorter still.
 */
const MAX_TOKEN_BYTES = 4096;

export type PdfValue =
  | { readonly kind: 'null' }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'number'; readonly value: number; readonly integer: boolean }
  | { readonly kind: 'string'; readonly bytes: Uint8Array; readonly hex: boolean; readonly start: number; readonly end: number }
  | { readonly kind: 'name'; readonly value: string }
  | { readonly kind: 'array'; readonly items: readonly PdfValue[] }
  | {
      readonly kind: 'dict';
      readonly entries: ReadonlyMap<string, PdfValue>;
      readonly start: number;
      readonly end: number;
      /**
       * Keys written more than once with different values. Readers disagree on which one
       * counts (the last here, as in poppler; the first in others), so such a dictionary
       * cannot be said to show one thing.
       */
      readonly conflictingKeys?: readonly string[];
    }
  | { readonly kind: 'ref'; readonly num: number; readonly gen: number };

export type PdfDict = Extract<PdfValue, { kind: 'dict' }>;
export type PdfArray = Extract<PdfValue, { kind: 'array' }>;
export type PdfRef = Extract<PdfValue, { kind: 'ref' }>;
export type PdfString = Extract<PdfValue, { kind: 'string' }>;

export const PDF_NULL: PdfValue = { kind: 'null' };

/** The window ended before the value did: read more bytes and try again. */
export class NeedMoreBytes extends Error {
  constructor() {
    // Control flow, thrown for every value longer than the first window (each signature's
    // /Contents): no stack trace, whose capture cost more than the retry it triggers.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super('PDF value continues past the bytes read');
    Error.stackTraceLimit = limit;
    this.name = 'NeedMoreBytes';
  }
}

export class PdfSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
    this.name = 'PdfSyntaxError';
  }
}

/**
 * Items one array, or key-value pairs one dictionary, may hold. Real documents stay far below
 * (a font's /W of 65,000 numbers, a form's /Fields of thousands); a 140 KB object stream can
 * hold an array of 16 million references, a gigabyte once parsed.
 */
export const MAX_CONTAINER_ITEMS = 1 << 20;

export class TooManyItems extends PdfSyntaxError {
  constructor(offset: number) {
    super(`an array or dictionary of more than ${MAX_CONTAINER_ITEMS} items`, offset);
    this.name = 'TooManyItems';
  }
}

export class NestingTooDeep extends PdfSyntaxError {
  constructor(offset: number) {
    super(`arrays and dictionaries nested deeper than ${MAX_PDF_NESTING}`, offset);
    this.name = 'NestingTooDeep';
  }
}

export function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c || byte === 0x00;
}

export function isDelimiter(byte: number): boolean {
  return (
    byte === 0x28 || byte === 0x29 || byte === 0x3c || byte === 0x3e || byte === 0x5b || byte === 0x5d ||
    byte === 0x7b || byte === 0x7d || byte === 0x2f || byte === 0x25
  );
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  return -1;
}

/** hexValue and isWhitespace of every byte in one table (hexString's loop). */
const HEX_WHITESPACE = -2;
const HEX_DIGITS = Int8Array.from({ length: 256 }, (_, byte) => (isWhitespace(byte) ? HEX_WHITESPACE : hexValue(byte)));

type Token =
  | { readonly type: 'number'; readonly value: number; readonly integer: boolean; readonly start: number; readonly end: number }
  | { readonly type: 'keyword'; readonly value: string; readonly start: number; readonly end: number }
  | { readonly type: 'name'; readonly value: string; readonly start: number; readonly end: number }
  | { readonly type: 'string'; readonly bytes: Uint8Array; readonly hex: boolean; readonly start: number; readonly end: number }
  | { readonly type: 'open-array' | 'close-array' | 'open-dict' | 'close-dict'; readonly start: number; readonly end: number }
  | { readonly type: 'eof'; readonly start: number; readonly end: number };

/**
 * A lexer over `bytes`, whose first byte is at file offset `base`. `complete` says the
 * window reaches the end of the file, so running out of bytes is an error rather
 * than a reason to read more.
 */
export class Lexer {
  position = 0;
  /**
   * The object numbers of the references read so far, in the order read, while a caller
   * collects them (parseRawObject); undefined otherwise. Valid as `referenceNums` of the
   * value only while `refsInOrder` stays true.
   */
  refs: number[] | undefined = undefined;
  /** False once a dictionary repeated a key: its entries are then no longer in the order read. */
  refsInOrder = true;

  constructor(
    readonly bytes: Uint8Array,
    readonly base: number,
    readonly complete: boolean,
  ) {}

  get offset(): number {
    return this.base + this.position;
  }

  private starved(): never {
    if (this.complete) throw new PdfSyntaxError('unexpected end of file', this.offset);
    throw new NeedMoreBytes();
  }

  skipWhitespaceAndComments(): void {
    const bytes = this.bytes;
    let position = this.position;
    while (position < bytes.length) {
      const byte = bytes[position]!;
      if (CHAR_CLASS[byte] === WHITESPACE) {
        position++;
      } else if (byte === 0x25) {
        while (position < bytes.length && bytes[position] !== 0x0a && bytes[position] !== 0x0d) position++;
      } else {
        break;
      }
    }
    this.position = position;
  }

  peekToken(): Token {
    const saved = this.position;
    try {
      return this.nextToken();
    } finally {
      this.position = saved;
    }
  }

  nextToken(): Token {
    this.skipWhitespaceAndComments();
    const bytes = this.bytes;
    const start = this.position;
    if (start >= bytes.length) {
      if (this.complete) return { type: 'eof', start: this.base + start, end: this.base + start };
      throw new NeedMoreBytes();
    }
    const byte = bytes[start]!;
    const base = this.base;
    switch (byte) {
      case 0x5b:
        this.position++;
        return { type: 'open-array', start: base + start, end: base + start + 1 };
      case 0x5d:
        this.position++;
        return { type: 'close-array', start: base + start, end: base + start + 1 };
      case 0x3c:
        if (start + 1 >= bytes.length) this.starved();
        if (bytes[start + 1] === 0x3c) {
          this.position += 2;
          return { type: 'open-dict', start: base + start, end: base + start + 2 };
        }
        return this.hexString();
      case 0x3e:
        if (start + 1 >= bytes.length) this.starved();
        if (bytes[start + 1] === 0x3e) {
          this.position += 2;
          return { type: 'close-dict', start: base + start, end: base + start + 2 };
        }
        throw new PdfSyntaxError("unexpected '>'", base + start);
      case 0x28:
        return this.literalString();
      case 0x2f:
        return this.name();
      case 0x29:
      case 0x7b:
      case 0x7d:
        throw new PdfSyntaxError(`unexpected '${String.fromCharCode(byte)}'`, base + start);
      default:
        return this.numberOrKeyword();
    }
  }

  /**
   * After an unsigned integer: whether `gen R` follows, decided from the bytes without
   * making tokens (most numbers in a document are parts of references or of arrays of
   * numbers). Returns the generation and moves past `R` for a reference, returns
   * NOT_A_REFERENCE (position unchanged) when the next two tokens certainly are no `gen R`
   * and lex without error, and UNSURE (position unchanged) for anything else: comments,
   * keywords, long or signed or decimal numbers, the window's end. Then the tokens decide.
   */
  referenceAhead(): number {
    const bytes = this.bytes;
    const length = bytes.length;
    const p = skipPlainWhitespace(bytes, this.position);
    if (p >= length) return UNSURE;
    const first = bytes[p]!;
    if (first < 0x30 || first > 0x39) return afterNumber(bytes, p);
    const gen = this.plainIntegerAt(p);
    if (gen < 0) return UNSURE;
    const r = skipPlainWhitespace(bytes, this.scannedEnd);
    if (r >= length) return UNSURE;
    if (bytes[r] === 0x52) {
      if (r + 1 >= length || CHAR_CLASS[bytes[r + 1]!] === REGULAR) return UNSURE;
      this.position = r + 1;
      return gen;
    }
    if (bytes[r]! >= 0x30 && bytes[r]! <= 0x39) {
      if (this.plainIntegerAt(r) >= 0) return NOT_A_REFERENCE;
      // A third number: lexed without error when its run ends inside the window and is
      // short (fifteen characters never overflow a double).
      let end = r;
      while (end < length && end - r <= 15 && CHAR_CLASS[bytes[end]!] === REGULAR) end++;
      return end < length && end - r <= 15 && CHAR_CLASS[bytes[end]!] !== REGULAR ? NOT_A_REFERENCE : UNSURE;
    }
    return afterNumber(bytes, r) === NOT_A_REFERENCE ? NOT_A_REFERENCE : UNSURE;
  }

  /**
   * Moves past the keyword `word` (ASCII letters) when it is the next token and ends inside
   * the window: what nextToken reads as that keyword, without making the token and its text
   * (`obj` and `endobj` around every object). False, with only whitespace and comments
   * skipped, for anything else: nextToken then reads it, errors included.
   */
  skipKeyword(word: Uint8Array): boolean {
    this.skipWhitespaceAndComments();
    const bytes = this.bytes;
    const at = this.position;
    const end = at + word.length;
    if (end >= bytes.length) return false;
    for (let i = 0; i < word.length; i++) if (bytes[at + i] !== word[i]) return false;
    if (CHAR_CLASS[bytes[end]!] === REGULAR) return false;
    this.position = end;
    return true;
  }

  private regularRun(): number {
    const bytes = this.bytes;
    const limit = this.position + MAX_TOKEN_BYTES;
    let end = this.position;
    while (end < bytes.length && CHAR_CLASS[bytes[end]!] === REGULAR) {
      end++;
      if (end > limit) throw new PdfSyntaxError('token too long', this.base + this.position);
    }
    // A run that touches the window's end may continue beyond it.
    if (end >= bytes.length && !this.complete) throw new NeedMoreBytes();
    return end;
  }

  private numberOrKeyword(): Token {
    const start = this.position;
    const end = this.regularRun();
    this.position = end;
    const bytes = this.bytes;
    if (end === start) throw new PdfSyntaxError('unexpected byte', this.base + start);
    // The grammar of ISO 32000-1 §7.3.3 scanned by hand: [+-]? (digits [. digits*] | . digits).
    // Most tokens are short integers (object numbers, `0 R`): they never become text.
    let i = start;
    if (bytes[i] === 0x2b || bytes[i] === 0x2d) i++;
    let digits = 0;
    let value = 0;
    while (i < end && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) {
      value = value * 10 + (bytes[i]! - 0x30);
      digits++;
      i++;
    }
    if (i === end && digits > 0 && digits <= 15) {
      const signed = bytes[start] === 0x2d ? -value : value;
      return { type: 'number', value: signed, integer: true, start: this.base + start, end: this.base + end };
    }
    let fraction = 0;
    if (i < end && bytes[i] === 0x2e) {
      i++;
      while (i < end && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) {
        fraction++;
        i++;
      }
    }
    const text = latin1(bytes, start, end);
    if (i === end && (digits > 0 || fraction > 0)) {
      const number = Number(text);
      if (!Number.isFinite(number)) throw new PdfSyntaxError('number out of range', this.base + start);
      const integer = fraction === 0 && bytes[end - 1] !== 0x2e;
      return { type: 'number', value: number, integer, start: this.base + start, end: this.base + end };
    }
    return { type: 'keyword', value: text, start: this.base + start, end: this.base + end };
  }

  private name(): Token {
    const start = this.position;
    const value = this.nameValue();
    return { type: 'name', value, start: this.base + start, end: this.base + this.position };
  }

  /** The name at the position (its `/` first), moving past it: what name() reads, without a token. */
  nameValue(): string {
    this.position++;
    const end = this.regularRun();
    const bytes = this.bytes;
    // Plain ASCII without #-escapes (nearly every name) reads the same as its UTF-8 decoding.
    let plain = true;
    for (let i = this.position; i < end; i++) {
      const byte = bytes[i]!;
      if (byte === 0x23 || byte >= 0x80) {
        plain = false;
        break;
      }
    }
    if (plain) {
      const value = internedText(bytes, this.position, end);
      this.position = end;
      return value;
    }
    const out: number[] = [];
    for (let i = this.position; i < end; i++) {
      const byte = bytes[i]!;
      if (byte === 0x23 && i + 2 < end && hexValue(bytes[i + 1]!) >= 0 && hexValue(bytes[i + 2]!) >= 0) {
        out.push(hexValue(bytes[i + 1]!) * 16 + hexValue(bytes[i + 2]!));
        i += 2;
      } else {
        out.push(byte);
      }
    }
    this.position = end;
    return decodeNameBytes(out);
  }

  /**
   * An unsigned integer of at most fifteen digits that ends inside the window (what
   * numberOrKeyword reads as such), moving past it; -1 (position unchanged) for any other
   * token, which nextToken then reads.
   */
  plainInteger(): number {
    const value = this.plainIntegerAt(this.position);
    if (value >= 0) this.position = this.scannedEnd;
    return value;
  }

  /** Where the integer plainIntegerAt found last ends. */
  private scannedEnd = 0;
  /**
   * The last two integers scanned (start, value, end): the look-ahead for `gen R` scans
   * the two integers after each one, which in an array of numbers (a font's /W of tens of
   * thousands) are the next items, read again right after.
   */
  private recentAt = -1;
  private recentValue = 0;
  private recentEnd = 0;
  private olderAt = -1;
  private olderValue = 0;
  private olderEnd = 0;

  /** plainInteger() at `start`, without moving: the value (its end in scannedEnd), or -1. */
  private plainIntegerAt(start: number): number {
    if (start === this.recentAt) {
      this.scannedEnd = this.recentEnd;
      return this.recentValue;
    }
    if (start === this.olderAt) {
      this.scannedEnd = this.olderEnd;
      return this.olderValue;
    }
    const value = plainIntegerIn(this.bytes, start);
    if (value < 0) return -1;
    const end = scannedTo;
    this.olderAt = this.recentAt;
    this.olderValue = this.recentValue;
    this.olderEnd = this.recentEnd;
    this.recentAt = start;
    this.recentValue = value;
    this.recentEnd = end;
    this.scannedEnd = end;
    return value;
  }

  private hexString(): Token {
    const bytes = this.bytes;
    const start = this.position;
    // Find the end first, so a large /Contents (megabytes of hex) decodes into one buffer.
    const end = bytes.indexOf(0x3e, start + 1);
    if (end < 0) this.starved();
    const out = new Uint8Array((end - start) >> 1);
    let length = 0;
    let high = -1;
    // A signature's /Contents is mostly its padding, '0' to the end: zero bytes, which the
    // buffer already holds. Only the digits before that run are decoded one by one.
    let zeros = end;
    while (zeros > start + 1 && bytes[zeros - 1] === 0x30) zeros--;
    const decoded = decodeHexRun(bytes, start + 1, zeros);
    if (decoded) {
      out.set(decoded);
      length = decoded.length;
    }
    for (let i = decoded ? zeros : start + 1; i < zeros; i++) {
      // One table lookup per character: a signature's /Contents is tens of thousands of them.
      const value = HEX_DIGITS[bytes[i]!]!;
      if (value === HEX_WHITESPACE) continue;
      if (value < 0) throw new PdfSyntaxError('invalid character in hex string', this.base + i);
      if (high < 0) {
        high = value;
      } else {
        out[length++] = high * 16 + value;
        high = -1;
      }
    }
    // The run of '0's: the first one ends a pending byte, the others pair up; an odd last one
    // is a high nibble of zero, as a lone last digit always is.
    let run = end - zeros;
    if (run > 0 && high >= 0) {
      out[length++] = high * 16;
      high = -1;
      run--;
    }
    length += run >> 1;
    if ((run & 1) !== 0) high = 0;
    if (high >= 0) out[length++] = high * 16;
    this.position = end + 1;
    return { type: 'string', bytes: out.subarray(0, length), hex: true, start: this.base + start, end: this.base + this.position };
  }

  private literalString(): Token {
    const bytes = this.bytes;
    const start = this.position;
    // Most strings (field names, /DA, dates) hold no escape and no parenthesis: their bytes
    // are the string's, copied at once instead of pushed one by one.
    for (let i = start + 1; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (byte === 0x29) {
        this.position = i + 1;
        return { type: 'string', bytes: bytes.slice(start + 1, i), hex: false, start: this.base + start, end: this.base + this.position };
      }
      if (byte === 0x5c || byte === 0x28) break;
    }
    const out: number[] = [];
    let depth = 1;
    let i = start + 1;
    while (i < bytes.length) {
      const byte = bytes[i]!;
      if (byte === 0x5c) {
        if (i + 1 >= bytes.length) this.starved();
        const next = bytes[i + 1]!;
        i += 2;
        switch (next) {
          case 0x6e: out.push(0x0a); break;
          case 0x72: out.push(0x0d); break;
          case 0x74: out.push(0x09); break;
          case 0x62: out.push(0x08); break;
          case 0x66: out.push(0x0c); break;
          case 0x0d:
            if (bytes[i] === 0x0a) i++;
            break;
          case 0x0a:
            break;
          default:
            if (next >= 0x30 && next <= 0x37) {
              let value = next - 0x30;
              for (let k = 0; k < 2 && i < bytes.length && bytes[i]! >= 0x30 && bytes[i]! <= 0x37; k++, i++) {
                value = value * 8 + (bytes[i]! - 0x30);
              }
              out.push(value & 0xff);
            } else {
              out.push(next);
            }
        }
        continue;
      }
      if (byte === 0x28) depth++;
      if (byte === 0x29) {
        depth--;
        if (depth === 0) {
          this.position = i + 1;
          return { type: 'string', bytes: Uint8Array.from(out), hex: false, start: this.base + start, end: this.base + this.position };
        }
      }
      out.push(byte);
      i++;
    }
    this.starved();
  }
}

const UNSURE = -1;
const NOT_A_REFERENCE = -2;
const REGULAR = 0;
const WHITESPACE = 1;
const DELIMITER = 2;
/** isWhitespace / isDelimiter / regular for every byte value. */
const CHAR_CLASS: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (let byte = 0; byte < 256; byte++) table[byte] = isWhitespace(byte) ? WHITESPACE : isDelimiter(byte) ? DELIMITER : REGULAR;
  return table;
})();

function skipPlainWhitespace(bytes: Uint8Array, from: number): number {
  let p = from;
  while (p < bytes.length && CHAR_CLASS[bytes[p]!] === WHITESPACE) p++;
  return p;
}

/**
 * At `p`, the token after a number when it is not a number: NOT_A_REFERENCE when it is
 * one nextToken reads without error (a name inside the window, `]`, `[`, `>>`, `<<`), else UNSURE.
 */
function afterNumber(bytes: Uint8Array, p: number): number {
  const byte = bytes[p]!;
  if (byte === 0x5d || byte === 0x5b) return NOT_A_REFERENCE;
  if ((byte === 0x3e || byte === 0x3c) && p + 1 < bytes.length && bytes[p + 1] === byte) return NOT_A_REFERENCE;
  if (byte === 0x2f) {
    let end = p + 1;
    while (end < bytes.length && CHAR_CLASS[bytes[end]!] === REGULAR) end++;
    return end < bytes.length && end - (p + 1) <= MAX_TOKEN_BYTES ? NOT_A_REFERENCE : UNSURE;
  }
  return UNSURE;
}

/** Names and keywords up to this length are looked up in INTERNED_TEXT before being made. */
const MAX_INTERNED_TEXT = 32;
/** Entries in each of the shared tables (INTERNED_TEXT, NAME_VALUES): filled once by a document of random names, never grown past. */
const MAX_SHARED_ENTRIES = 4096;
const INTERNED_TEXT = new Map<number, string>();

/**
 * latin1(bytes, start, end), shared: the same few dozen names (/Type, /Annot, /Rect...)
 * recur thousands of times in a document, and making each anew is most of a parse's
 * garbage. Bounded (a document of random names only fills it once).
 */
function internedText(bytes: Uint8Array, start: number, end: number): string {
  const length = end - start;
  if (length > MAX_INTERNED_TEXT) return latin1(bytes, start, end);
  let hash = length;
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + bytes[i]!) | 0;
  const known = INTERNED_TEXT.get(hash);
  if (known !== undefined && known.length === length) {
    let same = true;
    for (let i = 0; i < length; i++) {
      if (known.charCodeAt(i) !== bytes[start + i]) {
        same = false;
        break;
      }
    }
    if (same) return known;
  }
  const text = latin1(bytes, start, end);
  if (known === undefined && INTERNED_TEXT.size < MAX_SHARED_ENTRIES) INTERNED_TEXT.set(hash, text);
  return text;
}

/** Bytes [start, end) as text, one character per byte (tokens are at most MAX_TOKEN_BYTES long). */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  if (end - start === 1) return String.fromCharCode(bytes[start]!);
  return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodeNameBytes(bytes: readonly number[]): string {
  // Names are byte sequences; UTF-8 is the usual intent, and a lossless fallback
  // keeps distinct names distinct when it is not.
  try {
    return UTF8.decode(Uint8Array.from(bytes));
  } catch {
    return String.fromCharCode(...bytes);
  }
}

/** Parses one value at the lexer's position (a reference `n g R` counts as one value). */
export function parseValue(lexer: Lexer, depth = 0): PdfValue {
  // Names and plain integers (most values) are read without a token; the rest as tokens.
  lexer.skipWhitespaceAndComments();
  const bytes = lexer.bytes;
  const position = lexer.position;
  if (position < bytes.length) {
    const byte = bytes[position]!;
    if (byte === 0x2f) return nameValueOf(lexer.nameValue());
    if (byte >= 0x30 && byte <= 0x39) {
      const integer = lexer.plainInteger();
      if (integer >= 0) return integerOrReference(lexer, integer);
    } else if (byte === 0x5b) {
      lexer.position = position + 1;
      return parseArray(lexer, lexer.base + position, depth);
    } else if (byte === 0x3c && position + 1 < bytes.length && bytes[position + 1] === 0x3c) {
      lexer.position = position + 2;
      return parseDict(lexer, lexer.base + position, depth);
    }
  }
  const token = lexer.nextToken();
  return valueFromToken(lexer, token, depth);
}

/** After an unsigned integer `value`: the reference `value gen R`, or the number. */
function integerOrReference(lexer: Lexer, value: number): PdfValue {
  const quick = lexer.referenceAhead();
  if (quick === NOT_A_REFERENCE) return integerValue(value);
  if (quick >= 0) {
    lexer.refs?.push(value);
    return refValue(value, quick);
  }
  const saved = lexer.position;
  const second = lexer.nextToken();
  if (second.type === 'number' && second.integer && second.value >= 0) {
    const third = lexer.nextToken();
    if (third.type === 'keyword' && third.value === 'R') {
      lexer.refs?.push(value);
      return refValue(value, second.value);
    }
  }
  lexer.position = saved;
  return integerValue(value);
}

/**
 * Values are never changed once parsed, so small integers and names are shared: a
 * document's thousands of `/Type /Annot` and `0` are one value each.
 */
const SMALL_INTEGERS: readonly PdfValue[] = Array.from({ length: 1024 }, (_, value) => ({ kind: 'number', value, integer: true }) as const);
const NAME_VALUES = new Map<string, PdfValue>();

function integerValue(value: number): PdfValue {
  return value < SMALL_INTEGERS.length && !Object.is(value, -0) ? SMALL_INTEGERS[value]! : { kind: 'number', value, integer: true };
}

/**
 * References `n 0 R` below this object number are shared too: a revision that rewrites the
 * AcroForm repeats its /Fields of thousands of references, and every parse of it made each
 * anew (most of what parsing a multi-revision form allocated and kept). Bounded: a table of
 * at most this many entries, filled once.
 */
const MAX_SHARED_REFS = 1 << 15;
const SHARED_REFS: (PdfRef | undefined)[] = [];

function refValue(num: number, gen: number): PdfRef {
  // `-0 0 R` reads as a reference to -0 (as the tokens read it): never the shared 0.
  if (num >= MAX_SHARED_REFS || !Object.is(gen, 0) || Object.is(num, -0)) return { kind: 'ref', num, gen };
  // Grown item by item (never written far past its end): the table stays a plain array, not a dictionary.
  while (SHARED_REFS.length <= num) SHARED_REFS.push(undefined);
  let ref = SHARED_REFS[num];
  if (ref === undefined) {
    ref = { kind: 'ref', num, gen: 0 };
    SHARED_REFS[num] = ref;
  }
  return ref;
}

function nameValueOf(value: string): PdfValue {
  const known = NAME_VALUES.get(value);
  if (known) return known;
  const made: PdfValue = { kind: 'name', value };
  if (NAME_VALUES.size < MAX_SHARED_ENTRIES && value.length <= MAX_INTERNED_TEXT) NAME_VALUES.set(value, made);
  return made;
}

function valueFromToken(lexer: Lexer, token: Token, depth: number): PdfValue {
  switch (token.type) {
    case 'number':
      if (token.integer && token.value >= 0) return integerOrReference(lexer, token.value);
      return { kind: 'number', value: token.value, integer: token.integer };
    case 'string':
      return { kind: 'string', bytes: token.bytes, hex: token.hex, start: token.start, end: token.end };
    case 'name':
      return nameValueOf(token.value);
    case 'keyword':
      if (token.value === 'true') return { kind: 'bool', value: true };
      if (token.value === 'false') return { kind: 'bool', value: false };
      if (token.value === 'null') return PDF_NULL;
      throw new PdfSyntaxError(`unexpected keyword '${token.value.slice(0, 20)}'`, token.start);
    case 'open-array':
      return parseArray(lexer, token.start, depth);
    case 'open-dict':
      return parseDict(lexer, token.start, depth);
    case 'eof':
      throw new PdfSyntaxError('unexpected end of file', token.start);
    default:
      throw new PdfSyntaxError('unexpected delimiter', token.start);
  }
}

/**
 * The items of an array whose `[` (at file offset `start`) the lexer has just passed. Split
 * from valueFromToken, as parseDict is: small functions are optimised soon after a cold
 * start, and an array of tens of thousands of numbers (a font's /W) runs in this loop.
 */
function parseArray(lexer: Lexer, start: number, depth: number): PdfValue {
  if (depth >= MAX_PDF_NESTING) throw new NestingTooDeep(start);
  const items: PdfValue[] = [];
  for (;;) {
    lexer.skipWhitespaceAndComments();
    const at = lexer.position;
    const byte = at < lexer.bytes.length ? lexer.bytes[at]! : -1;
    if (byte === 0x5d) {
      lexer.position = at + 1;
      return { kind: 'array', items: exactly(items) };
    }
    if (items.length > MAX_CONTAINER_ITEMS) throw new TooManyItems(start);
    if (byte >= 0x30 && byte <= 0x39 && plainRun(lexer, items) > 0) continue;
    if (byte === 0x2f || (byte >= 0x30 && byte <= 0x39) || byte === 0x5b || byte === 0x3c) {
      items.push(parseValue(lexer, depth + 1));
      continue;
    }
    const next = lexer.nextToken();
    if (next.type === 'close-array') return { kind: 'array', items: exactly(items) };
    if (next.type === 'eof') throw new PdfSyntaxError('unterminated array', start);
    items.push(valueFromToken(lexer, next, depth + 1));
  }
}

/**
 * The items of a short list built by push, in an array of their own size: V8 gives a pushed
 * array room for sixteen more items, so the thousands of [0 0 595 842] and [5 0 R 6 0 R] of
 * a document kept several times their size (and the collector moved the rest).
 */
export function exactly<T>(items: T[]): T[] {
  // A long list's room is a share of it, not worth a copy of the list (a font's /W of 65,000).
  return items.length === 0 ? EMPTY_ITEMS : items.length <= EXACT_UP_TO ? items.slice() : items;
}
const EXACT_UP_TO = 64;
const EMPTY_ITEMS: never[] = [];

/**
 * The plain integers and references `num gen R` at the lexer's position, pushed as
 * parseValue reads them, without a call per item: an array of tens of thousands of
 * numbers (a font's /W) or references (a /Kids, a /Fields) is read so while the code is
 * still cold. An integer is taken when `]`, or another integer and then `]` or a third
 * integer, follow it (what referenceAhead calls NOT_A_REFERENCE); a reference when `R`
 * ends inside the window. Stops before the first item it is not sure of (a comment, a
 * long or signed number, the window's end...), which parseValue then reads; returns how
 * many items it pushed.
 */
function plainRun(lexer: Lexer, items: PdfValue[]): number {
  const bytes = lexer.bytes;
  const length = bytes.length;
  // After the last item taken (whitespace up to the next item is skipped again by the caller).
  let after = lexer.position;
  // A long run of numbers (a font's /W) first, without a call per number: what the loop below takes of it.
  let count = numberRun(bytes, after, items);
  if (count > 0) after = numberRunEnd;
  // Whitespace is skipped in place and each integer scanned once: the look-ahead's second
  // and third integers are the next items' first and second.
  let start = after;
  while (start < length && CHAR_CLASS[bytes[start]!] === WHITESPACE) start++;
  let value = start < length ? plainIntegerIn(bytes, start) : -1;
  let valueEnd = scannedTo;
  // The integer after `value` when already scanned (where it starts, its value and end), else -1.
  let secondAt = -1;
  let secondValue = 0;
  let secondEnd = 0;
  while (value >= 0 && items.length <= MAX_CONTAINER_ITEMS) {
    let next = valueEnd;
    while (next < length && CHAR_CLASS[bytes[next]!] === WHITESPACE) next++;
    if (next >= length) break;
    if (bytes[next] === 0x5d) {
      items.push(integerValue(value));
      count++;
      after = valueEnd;
      break;
    }
    let second = secondValue;
    let end = secondEnd;
    if (next !== secondAt) {
      second = plainIntegerIn(bytes, next);
      if (second < 0) break;
      end = scannedTo;
    }
    let third = end;
    while (third < length && CHAR_CLASS[bytes[third]!] === WHITESPACE) third++;
    if (third >= length) break;
    const byte = bytes[third]!;
    if (byte === 0x52) {
      if (third + 1 >= length || CHAR_CLASS[bytes[third + 1]!] === REGULAR) break;
      items.push(refValue(value, second));
      lexer.refs?.push(value);
      count++;
      after = third + 1;
      start = after;
      while (start < length && CHAR_CLASS[bytes[start]!] === WHITESPACE) start++;
      value = start < length ? plainIntegerIn(bytes, start) : -1;
      valueEnd = scannedTo;
      secondAt = -1;
      continue;
    }
    let thirdValue = -1;
    if (byte !== 0x5d) {
      thirdValue = plainIntegerIn(bytes, third);
      if (thirdValue < 0) break;
    }
    items.push(integerValue(value));
    count++;
    after = valueEnd;
    value = second;
    valueEnd = end;
    secondAt = byte === 0x5d ? -1 : third;
    secondValue = thirdValue;
    secondEnd = scannedTo;
  }
  lexer.position = after;
  return count;
}

/** Where the integer plainIntegerIn read last ends. */
let scannedTo = 0;

/** Where the last number numberRun took ends. */
let numberRunEnd = 0;

/**
 * The plain integers from `from` (after whitespace) that two more plain integers follow:
 * no `gen R` can begin with them, so plainRun takes each as a number. Pushes them and
 * returns how many (their end in numberRunEnd); the last two integers of the run, and
 * anything else, are left to plainRun. plainIntegerIn's scan written out in the loop: the
 * 65,000 widths of a signature font are read here while the code is still cold, where a
 * call per number cost more than the number.
 */
function numberRun(bytes: Uint8Array, from: number, items: PdfValue[]): number {
  const length = bytes.length;
  let count = 0;
  // The two integers read before the current one (values and ends): an integer is pushed once two more have followed it.
  let v0 = -1;
  let e0 = 0;
  let v1 = -1;
  let e1 = 0;
  let at = from;
  for (let k = 0; ; k++) {
    while (at < length && CHAR_CLASS[bytes[at]!] === WHITESPACE) at++;
    // plainIntegerIn(bytes, at), inline.
    let end = at;
    let value = 0;
    while (end < length && end - at <= 15 && bytes[end]! >= 0x30 && bytes[end]! <= 0x39) {
      value = value * 10 + (bytes[end]! - 0x30);
      end++;
    }
    if (end === at || end - at > 15 || end >= length || CHAR_CLASS[bytes[end]!] === REGULAR) break;
    if (k >= 2) {
      items.push(value0(v0));
      count++;
      numberRunEnd = e0;
      // parseArray refuses the array past its bound: the run stops there, not at its end.
      if (items.length > MAX_CONTAINER_ITEMS) break;
    }
    v0 = v1;
    e0 = e1;
    v1 = value;
    e1 = end;
    at = end;
  }
  return count;
}

/**
 * numberRun run over every branch a few times when the module loads (the result dropped).
 * V8 optimises numberRun after the short arrays of a document's first pages; a number of 1024
 * or more (value0 then makes an object), never seen by then, threw the optimised code away in
 * the middle of a signature font's 65,000 widths, which ran on in the interpreter until it was
 * compiled again: that font's read took ~4-8 ms, ~1.8 ms after this (fresh processes,
 * interleaved). Twelve runs: V8 gives a function its feedback after eight calls.
 */
const WARM_UP = Uint8Array.from('2000 3000 4000 5 6 7 ]', (char) => char.charCodeAt(0));
for (let i = 0; i < 12; i++) numberRun(WARM_UP, 0, []);

/** integerValue, for numberRun's loop. */
function value0(value: number): PdfValue {
  return value < SMALL_INTEGERS.length ? SMALL_INTEGERS[value]! : { kind: 'number', value, integer: true };
}

/**
 * An unsigned integer of at most fifteen digits at `start` that ends inside the window
 * (the value, its end in scannedTo), or -1. Sixteen digits are enough to know the run is
 * too long: a hostile run of millions is left to the tokens, which refuse it at MAX_TOKEN_BYTES.
 */
function plainIntegerIn(bytes: Uint8Array, start: number): number {
  let end = start;
  let value = 0;
  while (end < bytes.length && end - start <= 15 && bytes[end]! >= 0x30 && bytes[end]! <= 0x39) {
    value = value * 10 + (bytes[end]! - 0x30);
    end++;
  }
  if (end === start || end - start > 15 || end >= bytes.length || CHAR_CLASS[bytes[end]!] === REGULAR) return -1;
  scannedTo = end;
  return value;
}

/** The entries of a dictionary whose `<<` (at file offset `start`) the lexer has just passed. */
function parseDict(lexer: Lexer, start: number, depth: number): PdfValue {
  if (depth >= MAX_PDF_NESTING) throw new NestingTooDeep(start);
  const entries = new Map<string, PdfValue>();
  let nullKeys: Set<string> | undefined;
  let conflictingKeys: string[] | undefined;
  for (let pairs = 0; ; pairs++) {
    if (pairs > MAX_CONTAINER_ITEMS) throw new TooManyItems(start);
    lexer.skipWhitespaceAndComments();
    let keyName: string;
    const at = lexer.position;
    const bytes = lexer.bytes;
    if (at < bytes.length && bytes[at] === 0x2f) {
      keyName = lexer.nameValue();
    } else if (at + 1 < bytes.length && bytes[at] === 0x3e && bytes[at + 1] === 0x3e) {
      lexer.position = at + 2;
      const end = lexer.base + at + 2;
      return conflictingKeys ? { kind: 'dict', entries, start, end, conflictingKeys } : { kind: 'dict', entries, start, end };
    } else {
      const key = lexer.nextToken();
      if (key.type === 'close-dict') {
        return conflictingKeys
          ? { kind: 'dict', entries, start, end: key.end, conflictingKeys }
          : { kind: 'dict', entries, start, end: key.end };
      }
      if (key.type === 'eof') throw new PdfSyntaxError('unterminated dictionary', start);
      if (key.type !== 'name') throw new PdfSyntaxError('dictionary key is not a name', key.start);
      keyName = key.value;
    }
    const value = parseValue(lexer, depth + 1);
    // A repeated key is malformed; the last one wins here, as in poppler. A repeat with
    // another value is recorded: a reader that keeps the first would show something else.
    const previous = entries.get(keyName);
    // The repeat replaces (or, null, deletes) a value whose references were read already.
    if (previous !== undefined) lexer.refsInOrder = false;
    if (previous !== undefined || nullKeys?.has(keyName)) {
      const same = previous === undefined ? value.kind === 'null' : value.kind !== 'null' && valuesEqual(previous, value);
      if (!same) (conflictingKeys ??= []).push(keyName);
    }
    // ISO 32000-2 §7.3.7: a key with a null value is the same as an absent key.
    if (value.kind === 'null') {
      entries.delete(keyName);
      (nullKeys ??= new Set()).add(keyName);
    } else entries.set(keyName, value);
  }
}

/** Reads an unsigned integer token, or throws. */
export function expectInteger(lexer: Lexer, what: string): number {
  lexer.skipWhitespaceAndComments();
  const plain = lexer.plainInteger();
  if (plain >= 0) return plain;
  const token = lexer.nextToken();
  if (token.type !== 'number' || !token.integer || token.value < 0) throw new PdfSyntaxError(`expected ${what}`, token.start);
  return token.value;
}

export function expectKeyword(lexer: Lexer, keyword: string): void {
  const token = lexer.nextToken();
  if (token.type !== 'keyword' || token.value !== keyword) throw new PdfSyntaxError(`expected '${keyword}'`, token.start);
}

// ---------------------------------------------------------------------------
// Small accessors used everywhere.

export function dictGet(dict: PdfValue | undefined, key: string): PdfValue | undefined {
  return dict?.kind === 'dict' ? dict.entries.get(key) : undefined;
}

export function nameOf(value: PdfValue | undefined): string | undefined {
  return value?.kind === 'name' ? value.value : undefined;
}

export function integerOf(value: PdfValue | undefined): number | undefined {
  return value?.kind === 'number' && value.integer ? value.value : undefined;
}

export function refKey(ref: { readonly num: number; readonly gen: number }): string {
  return `${ref.num} ${ref.gen} R`;
}

/** Structural equality of two values, ignoring where they sit in the file. */
export function valuesEqual(a: PdfValue, b: PdfValue): boolean {
  // The same parsed value (an object both revisions read from one place) equals itself.
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'null':
      return true;
    case 'bool':
      return a.value === (b as typeof a).value;
    case 'number':
      return a.value === (b as typeof a).value;
    case 'name':
      return a.value === (b as typeof a).value;
    case 'ref':
      return a.num === (b as typeof a).num && a.gen === (b as typeof a).gen;
    case 'string': {
      const other = (b as typeof a).bytes;
      if (a.bytes.length !== other.length) return false;
      for (let i = 0; i < other.length; i++) if (a.bytes[i] !== other[i]) return false;
      return true;
    }
    case 'array': {
      const other = (b as typeof a).items;
      if (a.items.length !== other.length) return false;
      for (let i = 0; i < other.length; i++) if (!valuesEqual(a.items[i]!, other[i]!)) return false;
      return true;
    }
    case 'dict': {
      const other = (b as typeof a).entries;
      if (a.entries.size !== other.size) return false;
      for (const [key, value] of a.entries) {
        const counterpart = other.get(key);
        if (!counterpart || !valuesEqual(value, counterpart)) return false;
      }
      return true;
    }
  }
}

/** The first key some dictionary inside `value` repeats with different values, if any. */
export function firstConflictingKey(value: PdfValue): string | undefined {
  const stack: PdfValue[] = [value];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.kind === 'dict') {
      if (current.conflictingKeys) return current.conflictingKeys[0];
      for (const item of current.entries.values()) stack.push(item);
    } else if (current.kind === 'array') for (const item of current.items) stack.push(item);
  }
  return undefined;
}

/**
 * The object numbers of `referencesIn(value)`, in the same order, without the reference
 * values: the walks over every object of a document want only the numbers, and build
 * thousands of these lists while the code is still cold.
 */
export function referenceNums(value: PdfValue, out: number[] = []): number[] {
  if (value.kind === 'ref') out.push(value.num);
  else if (value.kind === 'array') {
    const items = value.items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (item.kind === 'ref') out.push(item.num);
      else if (item.kind === 'array' || item.kind === 'dict') referenceNums(item, out);
    }
  } else if (value.kind === 'dict') {
    for (const item of value.entries.values()) {
      if (item.kind === 'ref') out.push(item.num);
      else if (item.kind === 'array' || item.kind === 'dict') referenceNums(item, out);
    }
  }
  return out;
}

/** Every indirect reference inside a value (depth-first, in order). */
export function referencesIn(value: PdfValue, out: PdfRef[] = []): PdfRef[] {
  const stack: PdfValue[] = [value];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.kind === 'ref') out.push(current);
    else if (current.kind === 'array') for (let i = current.items.length - 1; i >= 0; i--) stack.push(current.items[i]!);
    else if (current.kind === 'dict') {
      const start = stack.length;
      for (const item of current.entries.values()) stack.push(item);
      // Pushed in order, popped last first: reversed in place so the first entry is visited first.
      for (let i = start, j = stack.length - 1; i < j; i++, j--) {
        const swap = stack[i]!;
        stack[i] = stack[j]!;
        stack[j] = swap;
      }
    }
  }
  return out;
}
