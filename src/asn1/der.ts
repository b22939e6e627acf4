/**
 * The one strict DER reader kyso has (and the few encoders OCSP requests need); the
 * bounded BER reader for CMS (ber.ts) shares its header reader.
 *
 * Certificates, CRLs and OCSP responses are hostile input, and what is signed must have
 * one reading only: two parsers that read the same bytes differently let an auditor and
 * kyso see different certificates. So this reader refuses what DER forbids instead of
 * repairing it: non-minimal lengths and tag numbers, indefinite lengths, INTEGERs with
 * superfluous leading octets, BOOLEANs other than 00/FF, times that are not the RFC 5280
 * forms or name impossible dates (31 February), trailing data. It accepts only lengths
 * of at most 4 length bytes, never reads past its slice, and recurses only when the
 * caller asks for children — so depth is bounded by the caller's code, not by the input.
 *
 * Anything refused throws `DerError`, whose `defect` names the class of the defect (one
 * report message per class, see pki/messages.ts PKI_DER_*).
 */
import { toHex } from '../io/hash.js';

/** The classes of encoding defects; each has its own report message. */
export type DerDefect =
  | 'truncated'
  | 'length-encoding'
  | 'tag-encoding'
  | 'trailing-data'
  | 'integer-encoding'
  | 'boolean-encoding'
  | 'time-encoding'
  | 'impossible-date'
  | 'string-encoding'
  | 'duplicate-field'
  | 'structure';

export class DerError extends Error {
  override readonly name = 'DerError';
  constructor(
    message: string,
    /** The class of the defect; `structure` for a value that is well encoded but not what was expected. */
    readonly defect: DerDefect = 'structure',
  ) {
    super(message);
  }
}

export const TagClass = { Universal: 0, Application: 1, Context: 2, Private: 3 } as const;
export type TagClass = (typeof TagClass)[keyof typeof TagClass];

export interface Tlv {
  readonly cls: TagClass;
  readonly constructed: boolean;
  readonly tag: number;
  /** Content octets. */
  readonly content: Uint8Array;
  /** The whole encoding (identifier, length, content). */
  readonly der: Uint8Array;
}

export const UNIVERSAL = {
  BOOLEAN: 1,
  INTEGER: 2,
  BIT_STRING: 3,
  OCTET_STRING: 4,
  NULL: 5,
  OID: 6,
  ENUMERATED: 10,
  UTF8String: 12,
  SEQUENCE: 16,
  SET: 17,
  PrintableString: 19,
  IA5String: 22,
  UTCTime: 23,
  GeneralizedTime: 24,
} as const;

/**
 * The identifier and length octets at `offset`. `length` is undefined for BER's
 * indefinite form, which only the BER reader (ber.ts) accepts. `ber` also lets through
 * the non-minimal length and tag forms BER allows; DER (the default) refuses them.
 */
export function readHeader(
  bytes: Uint8Array,
  offset: number,
  ber = false,
): { cls: TagClass; constructed: boolean; tag: number; length: number | undefined; contentStart: number } {
  let pos = offset;
  const first = bytes[pos++];
  if (first === undefined) throw new DerError('unexpected end of data (identifier)', 'truncated');
  const cls = (first >> 6) as TagClass;
  const constructed = (first & 0x20) !== 0;
  let tag = first & 0x1f;
  if (tag === 0x1f) {
    tag = 0;
    for (let i = 0; ; i++) {
      const b = bytes[pos++];
      if (b === undefined) throw new DerError('unexpected end of data (tag)', 'truncated');
      if (i >= 4) throw new DerError('tag number too large', 'tag-encoding');
      if (i === 0 && b === 0x80 && !ber) throw new DerError('non-minimal tag number', 'tag-encoding');
      tag = tag * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
    if (tag < 0x1f && !ber) throw new DerError('low tag number in the long form', 'tag-encoding');
  }
  const lengthByte = bytes[pos++];
  if (lengthByte === undefined) throw new DerError('unexpected end of data (length)', 'truncated');
  if (lengthByte === 0x80) {
    if (!constructed) throw new DerError('indefinite length on a primitive value', 'length-encoding');
    return { cls, constructed, tag, length: undefined, contentStart: pos };
  }
  let length = lengthByte;
  if (lengthByte > 0x80) {
    const count = lengthByte & 0x7f;
    if (count > 4) throw new DerError('length too large', 'length-encoding');
    length = 0;
    for (let i = 0; i < count; i++) {
      const b = bytes[pos++];
      if (b === undefined) throw new DerError('unexpected end of data (length)', 'truncated');
      if (i === 0 && b === 0 && !ber) throw new DerError('non-minimal length (leading zero octet)', 'length-encoding');
      length = length * 256 + b;
    }
    if (length < 0x80 && !ber) throw new DerError('non-minimal length (long form for a short length)', 'length-encoding');
  }
  return { cls, constructed, tag, length, contentStart: pos };
}

/**
 * Universal types DER encodes in the primitive form only (X.690 §10.2): BOOLEAN, INTEGER, BIT
 * and OCTET STRING, NULL, OBJECT IDENTIFIER, ObjectDescriptor, REAL, ENUMERATED, RELATIVE-OID, the string and
 * time types. A constructed one (BER's chunked form) is read by BER readers as its chunks'
 * concatenation and by a DER reader as the chunks' TLVs: two readings of one value.
 */
const PRIMITIVE_ONLY: ReadonlySet<number> = new Set([1, 2, 3, 4, 5, 6, 7, 9, 10, 12, 13, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);

/** Reads one TLV at `offset`; returns it and the offset after it. */
export function readTlv(bytes: Uint8Array, offset: number): { tlv: Tlv; next: number } {
  const { cls, constructed, tag, length, contentStart } = readHeader(bytes, offset);
  if (length === undefined) throw new DerError('indefinite length is not DER', 'length-encoding');
  if (cls === TagClass.Universal && (constructed ? PRIMITIVE_ONLY.has(tag) : tag === UNIVERSAL.SEQUENCE || tag === UNIVERSAL.SET)) {
    throw new DerError(`universal tag ${tag} in the ${constructed ? 'constructed' : 'primitive'} form`);
  }
  const end = contentStart + length;
  if (end > bytes.length) throw new DerError('length runs past the end of the data', 'truncated');
  return {
    tlv: { cls, constructed, tag, content: bytes.subarray(contentStart, end), der: bytes.subarray(offset, end) },
    next: end,
  };
}

/** Exactly one TLV filling `bytes`. */
export function parseDer(bytes: Uint8Array): Tlv {
  const { tlv, next } = readTlv(bytes, 0);
  if (next !== bytes.length) throw new DerError('trailing data after the DER value', 'trailing-data');
  return tlv;
}

/** The TLVs inside a constructed value. */
export function children(tlv: Tlv): Tlv[] {
  if (!tlv.constructed) throw new DerError('expected a constructed value');
  const out: Tlv[] = [];
  let pos = 0;
  while (pos < tlv.content.length) {
    const { tlv: child, next } = readTlv(tlv.content, pos);
    out.push(child);
    pos = next;
  }
  return out;
}

export function isUniversal(tlv: Tlv | undefined, tag: number): tlv is Tlv & { readonly cls: 0 } {
  return tlv !== undefined && tlv.cls === TagClass.Universal && tlv.tag === tag;
}

export function isContext(tlv: Tlv | undefined, tag: number): tlv is Tlv & { readonly cls: 2 } {
  return tlv !== undefined && tlv.cls === TagClass.Context && tlv.tag === tag;
}

export function expectUniversal(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (!isUniversal(tlv, tag)) throw new DerError(`expected ${what}`);
  return tlv;
}

export function sequence(tlv: Tlv | undefined, what: string): Tlv[] {
  return children(expectUniversal(tlv, UNIVERSAL.SEQUENCE, `${what} (SEQUENCE)`));
}

export function decodeOid(content: Uint8Array): string {
  if (content.length === 0 || content.length > 64) throw new DerError('bad OBJECT IDENTIFIER length');
  // The dotted text is written arc by arc (every algorithm and attribute type of every
  // document passes here; arrays joined at the end were most of the cost).
  let text = '';
  let value = 0;
  for (let i = 0; i < content.length; i++) {
    const b = content[i] as number;
    if (value === 0 && b === 0x80) throw new DerError('non-minimal OBJECT IDENTIFIER arc');
    value = value * 128 + (b & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 256) throw new DerError('OBJECT IDENTIFIER arc too large');
    if ((b & 0x80) === 0) {
      // The first subidentifier holds the first two arcs (X.690 §8.19.4).
      if (text === '') text = value < 40 ? `0.${value}` : value < 80 ? `1.${value - 40}` : `2.${value - 80}`;
      else text += `.${value}`;
      value = 0;
    } else if (i === content.length - 1) {
      throw new DerError('truncated OBJECT IDENTIFIER');
    }
  }
  return text;
}

export function oid(tlv: Tlv | undefined, what = 'OBJECT IDENTIFIER'): string {
  return decodeOid(expectUniversal(tlv, UNIVERSAL.OID, what).content);
}

/**
 * Refuses INTEGER content DER and BER both forbid. X.690 §8.3.2: the first nine bits are
 * never all zeros or all ones — a superfluous leading octet would give one number two
 * encodings (and one serial two CRL keys).
 */
function checkIntegerContent(content: Uint8Array): void {
  if (content.length === 0) throw new DerError('empty INTEGER', 'integer-encoding');
  if (content.length > 1) {
    const a = content[0] as number;
    const b = content[1] as number;
    if ((a === 0 && b < 0x80) || (a === 0xff && b >= 0x80)) throw new DerError('non-minimal INTEGER (superfluous leading octet)', 'integer-encoding');
  }
}

/**
 * INTEGER content as a bigint (two's complement). Long content goes through one hex string:
 * shifting a bigint octet by octet copies it each time, which took seconds for the 100 KB
 * serial numbers a hostile signature can carry.
 */
export function integerContentToBigInt(content: Uint8Array): bigint {
  checkIntegerContent(content);
  let value = 0n;
  if (content.length <= 16) {
    for (const b of content) value = (value << 8n) | BigInt(b);
  } else {
    value = BigInt(`0x${toHex(content)}`);
  }
  if (((content[0] as number) & 0x80) !== 0) value -= 1n << BigInt(content.length * 8);
  return value;
}

/**
 * Longest serialNumber kyso reads, in content octets. RFC 5280 §4.1.2.2 lets conforming CAs
 * use 20; certificate.ts refuses a certificate whose serial is longer than this.
 */
export const MAX_SERIAL_OCTETS = 64;

/**
 * A serialNumber that names a certificate (CMS sid, ESS and XAdES IssuerSerial, CRL entry,
 * OCSP CertID): its value, or undefined when it is longer than MAX_SERIAL_OCTETS. A minimal
 * INTEGER of more octets has a value no shorter one has, so it can name no certificate kyso
 * decodes: it is not converted (a hostile file repeats such comparisons per certificate).
 * Throws DerError, like integerContentToBigInt, on content DER forbids.
 */
export function serialNumberValue(content: Uint8Array): bigint | undefined {
  checkIntegerContent(content);
  return content.length > MAX_SERIAL_OCTETS ? undefined : integerContentToBigInt(content);
}

/** A small non-negative INTEGER (counts, lengths, skip certs); larger values are clamped to `cap`. */
export function smallInteger(tlv: Tlv, cap = 1_000_000): number {
  const value = integerContentToBigInt(tlv.content);
  if (value < 0n) throw new DerError('negative INTEGER where a count was expected');
  return value > BigInt(cap) ? cap : Number(value);
}

/** DER BOOLEAN: one octet, 00 (FALSE) or FF (TRUE) — X.690 §11.1. */
export function booleanValue(tlv: Tlv): boolean {
  if (tlv.constructed || tlv.content.length !== 1) throw new DerError('bad BOOLEAN length', 'boolean-encoding');
  const value = tlv.content[0] as number;
  if (value !== 0 && value !== 0xff) throw new DerError(`BOOLEAN TRUE must be FF in DER, found ${value.toString(16).padStart(2, '0')}`, 'boolean-encoding');
  return value === 0xff;
}

export interface BitString {
  readonly unusedBits: number;
  readonly bytes: Uint8Array;
}

/**
 * A primitive BIT STRING. `tagging: 'implicit'` is for a field that replaces the BIT STRING
 * tag with its own ([1] IMPLICIT ReasonFlags); otherwise the tag must be BIT STRING's, so
 * that no other type's bytes are read as one.
 */
export function bitString(tlv: Tlv | undefined, what = 'BIT STRING', tagging: 'universal' | 'implicit' = 'universal'): BitString {
  if (tlv === undefined || tlv.constructed || tlv.content.length === 0) throw new DerError(`expected ${what}`);
  if (tagging === 'universal' && !isUniversal(tlv, UNIVERSAL.BIT_STRING)) throw new DerError(`expected ${what}`);
  const unusedBits = tlv.content[0] as number;
  if (unusedBits > 7 || (unusedBits > 0 && tlv.content.length === 1)) throw new DerError(`bad ${what}`);
  // X.690 §11.2.1: the unused bits are zero. Read as they stand, a set unused bit is a named
  // bit OpenSSL does not see (it clears them): keyUsage 07 84 is digitalSignature to OpenSSL
  // and digitalSignature + keyCertSign to a reader that does not mask.
  if (unusedBits > 0 && ((tlv.content[tlv.content.length - 1] as number) & ((1 << unusedBits) - 1)) !== 0) {
    throw new DerError(`${what} has set unused bits`);
  }
  return { unusedBits, bytes: tlv.content.subarray(1) };
}

/**
 * A BIT STRING that carries octets — a signature value or a public key. Such a value is
 * whole bytes, so any unused bit is a second encoding of the same bytes and is refused.
 */
export function octetBitString(tlv: Tlv | undefined, what = 'BIT STRING'): Uint8Array {
  const bits = bitString(tlv, what);
  if (bits.unusedBits !== 0) throw new DerError(`${what} has ${bits.unusedBits} unused bits; a byte value has none`);
  return bits.bytes;
}

/** An X.509 AlgorithmIdentifier as read: the OID, and the parameters as their DER. */
export interface AlgorithmIdentifier {
  readonly oid: string;
  /** DER of the parameters, if present. */
  readonly params?: Uint8Array;
  /** DER of the whole AlgorithmIdentifier (compared byte for byte where a structure repeats it). */
  readonly der: Uint8Array;
}

/** AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL } — a third field is refused. */
export function algorithmIdentifier(tlv: Tlv | undefined, what = 'AlgorithmIdentifier'): AlgorithmIdentifier {
  const parts = sequence(tlv, what);
  const id = oid(parts[0], `${what} algorithm`);
  if (parts.length > 2) throw new DerError(`bad ${what}: more than algorithm and parameters`, 'duplicate-field');
  const params = parts[1];
  return params ? { oid: id, params: params.der, der: (tlv as Tlv).der } : { oid: id, der: (tlv as Tlv).der };
}

/** Bit `n` (0 = most significant bit of the first byte), as named bits are numbered. */
export function bitSet(bits: BitString, n: number): boolean {
  const byte = bits.bytes[n >> 3];
  if (byte === undefined) return false;
  return (byte & (0x80 >> (n & 7))) !== 0;
}

function digits(text: string, from: number, count: number): number {
  const part = text.slice(from, from + count);
  if (!/^[0-9]+$/.test(part) || part.length !== count) throw new DerError('bad time digits', 'time-encoding');
  return Number(part);
}

/** Days in `month` (1–12) of `year`, proleptic Gregorian. */
function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export interface TimeOptions {
  /**
   * Fractional seconds in a GeneralizedTime. RFC 5280 §4.1.2.5.2 and §5.1.2.4 forbid them
   * in certificates and CRLs (the default); RFC 6960 lets OCSP responses carry them.
   */
  readonly fractions?: boolean;
}

/**
 * UTCTime `YYMMDDHHMMSSZ` (years 1950–2049 per RFC 5280) or GeneralizedTime
 * `YYYYMMDDHHMMSS[.fff]Z`: seconds always present, always Z, a date that exists (no 31
 * February, no second 60), and in DER no trailing zero in a fraction.
 */
export function time(tlv: Tlv | undefined, options: TimeOptions = {}): Date {
  if (tlv === undefined || tlv.cls !== TagClass.Universal || tlv.constructed) throw new DerError('expected a time');
  const text = String.fromCharCode.apply(null, tlv.content.subarray(0, 40) as unknown as number[]);
  let year: number;
  let rest: string;
  if (tlv.tag === UNIVERSAL.UTCTime) {
    const yy = digits(text, 0, 2);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
    rest = text.slice(2);
  } else if (tlv.tag === UNIVERSAL.GeneralizedTime) {
    year = digits(text, 0, 4);
    rest = text.slice(4);
  } else {
    throw new DerError('expected UTCTime or GeneralizedTime');
  }
  if (tlv.content.length > 40 || !rest.endsWith('Z')) throw new DerError('time is not in UTC (Z)', 'time-encoding');
  const body = rest.slice(0, -1);
  const month = digits(body, 0, 2);
  const day = digits(body, 2, 2);
  const hour = digits(body, 4, 2);
  const minute = digits(body, 6, 2);
  const second = digits(body, 8, 2);
  let millis = 0;
  if (body.length > 10) {
    const fraction = body.slice(10);
    if (tlv.tag !== UNIVERSAL.GeneralizedTime || !options.fractions) throw new DerError('fractional seconds are not allowed here', 'time-encoding');
    if (!/^\.[0-9]{1,9}$/.test(fraction) || fraction.endsWith('0')) throw new DerError('bad time fraction', 'time-encoding');
    millis = Math.floor(Number('0' + fraction) * 1000);
  } else if (body.length !== 10) {
    throw new DerError('bad time length', 'time-encoding');
  }
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw new DerError(`impossible date or time ${text}`, 'impossible-date');
  }
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  date.setUTCFullYear(year); // Date.UTC reads years below 100 as 19xx
  return date;
}

export function isTime(tlv: Tlv | undefined): boolean {
  return isUniversal(tlv, UNIVERSAL.UTCTime) || isUniversal(tlv, UNIVERSAL.GeneralizedTime);
}

export function ia5(tlv: Tlv): string {
  let s = '';
  for (const b of tlv.content) s += String.fromCharCode(b);
  return s;
}

// ---- encoders (just what an OCSP request needs) ----

function encodeLength(length: number): number[] {
  if (length < 0x80) return [length];
  const out: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) out.unshift(n & 0xff);
  return [0x80 | out.length, ...out];
}

export function encodeTlv(identifier: number, content: Uint8Array): Uint8Array {
  const header = [identifier, ...encodeLength(content.length)];
  const out = new Uint8Array(header.length + content.length);
  out.set(header, 0);
  out.set(content, header.length);
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

export function encodeSequence(parts: readonly Uint8Array[]): Uint8Array {
  return encodeTlv(0x30, concat(parts));
}

export function encodeOctetString(content: Uint8Array): Uint8Array {
  return encodeTlv(0x04, content);
}

export function encodeOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const [a = 0, b = 0, ...rest] = arcs;
  const out: number[] = [];
  for (const arc of [a * 40 + b, ...rest]) {
    const bytes: number[] = [arc & 0x7f];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) bytes.unshift((n & 0x7f) | 0x80);
    out.push(...bytes);
  }
  return encodeTlv(0x06, Uint8Array.from(out));
}

export const DER_NULL = Uint8Array.of(0x05, 0x00);
