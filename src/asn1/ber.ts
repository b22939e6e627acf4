/**
 * A lazy BER reader for CMS. Signers write BER (pdfsig: indefinite lengths, chunked
 * OCTET STRINGs), so the strict DER reader (der.ts) cannot read them; asn1js can, but it
 * builds an object per node up front (about 700 bytes each), so a CMS carrying a large
 * CRL costs hundreds of megabytes before anything is checked. This reader allocates a
 * node only for what is asked for: the certificates and CRLs stay unparsed bytes.
 *
 * Bounds: nesting depth (indefinite lengths are found by walking the children), length
 * fields of at most 4 bytes, tag numbers of at most 4 base-128 digits.
 */
import type { Tlv } from './der.js';
import { DerError, readHeader } from './der.js';

/** CMS nests about a dozen levels; anything far deeper is hostile. */
export const MAX_BER_DEPTH = 64;

/** Where the value at `offset` ends, without building anything (finds the end of indefinite lengths). */
function skipBer(bytes: Uint8Array, offset: number, depth: number): number {
  if (depth > MAX_BER_DEPTH) throw new DerError('nesting too deep');
  const header = readHeader(bytes, offset, true);
  if (header.length !== undefined) {
    const end = header.contentStart + header.length;
    if (end > bytes.length) throw new DerError('length runs past the end of the data');
    return end;
  }
  let pos = header.contentStart;
  for (;;) {
    if (pos + 1 >= bytes.length) throw new DerError('unexpected end of data (no end-of-contents)');
    if (bytes[pos] === 0 && bytes[pos + 1] === 0) return pos + 2;
    pos = skipBer(bytes, pos, depth + 1);
  }
}

/** Reads one BER TLV at `offset` within `bytes`; returns it and the offset after it. */
export function readBer(bytes: Uint8Array, offset: number, depth = 0): { tlv: Tlv; next: number } {
  if (depth > MAX_BER_DEPTH) throw new DerError('nesting too deep');
  const header = readHeader(bytes, offset, true);
  const { cls, constructed, tag, contentStart } = header;
  const next = skipBer(bytes, offset, depth);
  // An indefinite length ends with two end-of-contents octets that are not content.
  const contentEnd = header.length === undefined ? next - 2 : next;
  return { tlv: { cls, constructed, tag, content: bytes.subarray(contentStart, contentEnd), der: bytes.subarray(offset, next) }, next };
}

/** Children a constructed value may have unless the caller allows more: CMS lists are short. */
export const DEFAULT_MAX_CHILDREN = 1024;

/** berChildren's refusal of a list longer than its limit: a bound this reader sets, not an encoding defect. */
export class BerLimitError extends DerError {}

/**
 * The TLVs inside a constructed BER value. Refuses more than `limit` children before
 * building them, so a list of millions of tiny nodes costs a scan, not gigabytes.
 */
export function berChildren(tlv: Tlv | undefined, what = 'value', limit = DEFAULT_MAX_CHILDREN): Tlv[] {
  if (!tlv?.constructed) throw new DerError(`${what} is not constructed`);
  const out: Tlv[] = [];
  let pos = 0;
  while (pos < tlv.content.length) {
    if (out.length >= limit) throw new BerLimitError(`${what} has more than ${limit} elements`);
    const { tlv: child, next } = readBer(tlv.content, pos, 1);
    out.push(child);
    pos = next;
  }
  return out;
}

/** Chunks one constructed OCTET STRING may be split into (encoders use 1000-byte chunks: 64 MiB of content). */
export const MAX_OCTET_CHUNKS = 65_536;

/** OCTET STRING content, joining the chunks of a constructed (BER) one without holding them in a list. */
export function berOctets(tlv: Tlv | undefined, what = 'OCTET STRING'): Uint8Array {
  if (!tlv || tlv.cls !== 0 || tlv.tag !== 4) throw new DerError(`${what} is not an OCTET STRING`);
  if (!tlv.constructed) return tlv.content;
  let chunks = 0;
  const visit = (node: Tlv, depth: number, sink: ((part: Uint8Array) => void) | undefined): number => {
    if (node.cls !== 0 || node.tag !== 4) throw new DerError(`${what}: a chunk is not an OCTET STRING`);
    if (!node.constructed) {
      if (++chunks > MAX_OCTET_CHUNKS) throw new DerError(`${what}: more than ${MAX_OCTET_CHUNKS} chunks`);
      sink?.(node.content);
      return node.content.length;
    }
    if (depth > 8) throw new DerError(`${what}: chunks nested too deep`);
    let total = 0;
    let pos = 0;
    while (pos < node.content.length) {
      const { tlv: child, next } = readBer(node.content, pos, 1);
      total += visit(child, depth + 1, sink);
      pos = next;
    }
    return total;
  };
  const joined = new Uint8Array(visit(tlv, 0, undefined));
  chunks = 0;
  let offset = 0;
  visit(tlv, 0, (part) => {
    joined.set(part, offset);
    offset += part.length;
  });
  return joined;
}

/** Exactly one BER value at the start of `bytes`; returns it and where it ends (trailing bytes are the caller's business). */
export function parseBer(bytes: Uint8Array): { tlv: Tlv; end: number } {
  const { tlv, next } = readBer(bytes, 0);
  return { tlv, end: next };
}
