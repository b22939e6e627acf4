/**
 * A lazy BER reader for CMS. Signers write BER (pdfsig: indefinite lengths, chunked
 * OCTET STRINGs), so the strict DER reader of pki/ cannot read them; asn1js can, but it
 * builds an object per node up front (about 700 bytes each), so a CMS carrying a large
 * CRL costs hundreds of megabytes before anything is checked. This reader allocates a
 * node only for what is asked for: the certificates and CRLs stay unparsed bytes.
 *
 * Bounds: nesting depth (indefinite lengths are found by walking the children), length
 * fields of at most 4 bytes, tag numbers of at most 4 base-128 digits.
 */
import type { TagClass, Tlv } from '../pki/der.js';
import { DerError } from '../pki/der.js';

/** CMS nests about a dozen levels; anything far deeper is hostile. */
export const MAX_BER_DEPTH = 64;

function readHeader(bytes: Uint8Array, offset: number): { cls: TagClass; constructed: boolean; tag: number; length: number | undefined; contentStart: number } {
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

/** Reads one BER TLV at `offset` within `bytes`; returns it and the offset after it. */
export function readBer(bytes: Uint8Array, offset: number, depth = 0): { tlv: Tlv; next: number } {
  if (depth > MAX_BER_DEPTH) throw new DerError('nesting too deep');
  const header = readHeader(bytes, offset);
  const { cls, constructed, tag, contentStart } = header;
  if (header.length !== undefined) {
    const end = contentStart + header.length;
    if (end > bytes.length) throw new DerError('length runs past the end of the data');
    return { tlv: { cls, constructed, tag, content: bytes.subarray(contentStart, end), der: bytes.subarray(offset, end) }, next: end };
  }
  // Indefinite length: the content runs to the end-of-contents octets that close this level.
  let pos = contentStart;
  for (;;) {
    if (pos + 1 >= bytes.length) throw new DerError('unexpected end of data (no end-of-contents)');
    if (bytes[pos] === 0 && bytes[pos + 1] === 0) break;
    pos = readBer(bytes, pos, depth + 1).next;
  }
  return { tlv: { cls, constructed, tag, content: bytes.subarray(contentStart, pos), der: bytes.subarray(offset, pos + 2) }, next: pos + 2 };
}

/** The TLVs inside a constructed BER value. */
export function berChildren(tlv: Tlv | undefined, what = 'value'): Tlv[] {
  if (!tlv?.constructed) throw new DerError(`${what} is not constructed`);
  const out: Tlv[] = [];
  let pos = 0;
  while (pos < tlv.content.length) {
    const { tlv: child, next } = readBer(tlv.content, pos, 1);
    out.push(child);
    pos = next;
  }
  return out;
}

/** OCTET STRING content, joining the chunks of a constructed (BER) one. */
export function berOctets(tlv: Tlv | undefined, what = 'OCTET STRING', depth = 0): Uint8Array {
  if (!tlv || tlv.cls !== 0 || tlv.tag !== 4) throw new DerError(`${what} is not an OCTET STRING`);
  if (!tlv.constructed) return tlv.content;
  if (depth > 8) throw new DerError(`${what}: chunks nested too deep`);
  const parts = berChildren(tlv, what).map((part) => berOctets(part, what, depth + 1));
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

/** Exactly one BER value at the start of `bytes`; returns it and where it ends (trailing bytes are the caller's business). */
export function parseBer(bytes: Uint8Array): { tlv: Tlv; end: number } {
  const { tlv, next } = readBer(bytes, 0);
  return { tlv, end: next };
}
