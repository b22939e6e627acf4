/**
 * A small strict DER reader (and the few encoders OCSP requests need).
 *
 * Certificates, CRLs and OCSP responses are hostile input: this reader accepts only
 * definite lengths of at most 4 length bytes, never reads past its slice, and recurses
 * only when the caller asks for children — so depth is bounded by the caller's code,
 * not by the input. Anything malformed throws `DerError`.
 */

export class DerError extends Error {
  override readonly name = 'DerError';
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
 * indefinite form, which only a BER reader (cms/ber.ts) accepts.
 */
export function readHeader(
  bytes: Uint8Array,
  offset: number,
): { cls: TagClass; constructed: boolean; tag: number; length: number | undefined; contentStart: number } {
  let pos = offset;
  const first = bytes[pos++];
  if (first === undefined) throw new DerError('unexpected end of data (identifier)');
  const cls = (first >> 6) as TagClass;
  const constructed = (first & 0x20) !== 0;
  let tag = first & 0x1f;
  if (tag === 0x1f) {
    tag = 0;
    for (let i = 0; ; i++) {
      const b = bytes[pos++];
      if (b === undefined) throw new DerError('unexpected end of data (tag)');
      if (i >= 4) throw new DerError('tag number too large');
      tag = tag * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
  }
  const lengthByte = bytes[pos++];
  if (lengthByte === undefined) throw new DerError('unexpected end of data (length)');
  if (lengthByte === 0x80) {
    if (!constructed) throw new DerError('indefinite length on a primitive value');
    return { cls, constructed, tag, length: undefined, contentStart: pos };
  }
  let length = lengthByte;
  if (lengthByte > 0x80) {
    const count = lengthByte & 0x7f;
    if (count > 4) throw new DerError('length too large');
    length = 0;
    for (let i = 0; i < count; i++) {
      const b = bytes[pos++];
      if (b === undefined) throw new DerError('unexpected end of data (length)');
      length = length * 256 + b;
    }
  }
  return { cls, constructed, tag, length, contentStart: pos };
}

/** Reads one TLV at `offset`; returns it and the offset after it. */
export function readTlv(bytes: Uint8Array, offset: number): { tlv: Tlv; next: number } {
  const { cls, constructed, tag, length, contentStart } = readHeader(bytes, offset);
  if (length === undefined) throw new DerError('indefinite length is not DER');
  const end = contentStart + length;
  if (end > bytes.length) throw new DerError('length runs past the end of the data');
  return {
    tlv: { cls, constructed, tag, content: bytes.subarray(contentStart, end), der: bytes.subarray(offset, end) },
    next: end,
  };
}

/** Exactly one TLV filling `bytes`. */
export function parseDer(bytes: Uint8Array): Tlv {
  const { tlv, next } = readTlv(bytes, 0);
  if (next !== bytes.length) throw new DerError('trailing data after the DER value');
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
  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < content.length; i++) {
    const b = content[i] as number;
    if (value === 0 && b === 0x80) throw new DerError('non-minimal OBJECT IDENTIFIER arc');
    value = value * 128 + (b & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 256) throw new DerError('OBJECT IDENTIFIER arc too large');
    if ((b & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    } else if (i === content.length - 1) {
      throw new DerError('truncated OBJECT IDENTIFIER');
    }
  }
  const first = arcs[0] as number;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}

export function oid(tlv: Tlv | undefined, what = 'OBJECT IDENTIFIER'): string {
  return decodeOid(expectUniversal(tlv, UNIVERSAL.OID, what).content);
}

/** INTEGER content as a bigint (two's complement). */
export function integerContentToBigInt(content: Uint8Array): bigint {
  if (content.length === 0) throw new DerError('empty INTEGER');
  let value = 0n;
  for (const b of content) value = (value << 8n) | BigInt(b);
  if (((content[0] as number) & 0x80) !== 0) value -= 1n << BigInt(content.length * 8);
  return value;
}

/** A small non-negative INTEGER (counts, lengths, skip certs); larger values are clamped to `cap`. */
export function smallInteger(tlv: Tlv, cap = 1_000_000): number {
  const value = integerContentToBigInt(tlv.content);
  if (value < 0n) throw new DerError('negative INTEGER where a count was expected');
  return value > BigInt(cap) ? cap : Number(value);
}

export function booleanValue(tlv: Tlv): boolean {
  if (tlv.content.length !== 1) throw new DerError('bad BOOLEAN');
  return tlv.content[0] !== 0;
}

export interface BitString {
  readonly unusedBits: number;
  readonly bytes: Uint8Array;
}

export function bitString(tlv: Tlv | undefined, what = 'BIT STRING'): BitString {
  if (tlv === undefined || tlv.constructed || tlv.content.length === 0) throw new DerError(`expected ${what}`);
  const unusedBits = tlv.content[0] as number;
  if (unusedBits > 7 || (unusedBits > 0 && tlv.content.length === 1)) throw new DerError(`bad ${what}`);
  return { unusedBits, bytes: tlv.content.subarray(1) };
}

/** Bit `n` (0 = most significant bit of the first byte), as named bits are numbered. */
export function bitSet(bits: BitString, n: number): boolean {
  const byte = bits.bytes[n >> 3];
  if (byte === undefined) return false;
  return (byte & (0x80 >> (n & 7))) !== 0;
}

function digits(text: string, from: number, count: number): number {
  const part = text.slice(from, from + count);
  if (!/^[0-9]+$/.test(part) || part.length !== count) throw new DerError('bad time digits');
  return Number(part);
}

/** UTCTime (years 1950–2049 per RFC 5280) or GeneralizedTime, both ending in Z. */
export function time(tlv: Tlv | undefined): Date {
  if (tlv === undefined || tlv.cls !== TagClass.Universal) throw new DerError('expected a time');
  const text = String.fromCharCode(...tlv.content);
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
  if (!rest.endsWith('Z')) throw new DerError('time is not in UTC (Z)');
  const body = rest.slice(0, -1);
  const month = digits(body, 0, 2);
  const day = digits(body, 2, 2);
  const hour = digits(body, 4, 2);
  const minute = digits(body, 6, 2);
  let second = 0;
  let millis = 0;
  if (body.length >= 10) second = digits(body, 8, 2);
  if (body.length > 10) {
    const fraction = body.slice(10);
    if (tlv.tag !== UNIVERSAL.GeneralizedTime || !/^\.[0-9]{1,9}$/.test(fraction)) throw new DerError('bad time fraction');
    millis = Math.floor(Number('0' + fraction) * 1000);
  } else if (body.length !== 10 && !(tlv.tag === UNIVERSAL.UTCTime && body.length === 8)) {
    throw new DerError('bad time length');
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    throw new DerError('time out of range');
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
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
