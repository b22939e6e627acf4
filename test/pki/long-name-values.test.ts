/**
 * A name value may be as long as its certificate (hostile input is not bounded by the
 * caches' sizes): decoding one must give its text, never a stack overflow from turning
 * hundreds of thousands of bytes into one argument list.
 */
import { describe, expect, test } from 'vitest';
import { concat, encodeTlv, parseDer } from '../../src/asn1/der.js';
import { decodeName, decodeNameDer, formatName } from '../../src/pki/names.js';

function nameWith(tag: number, value: Uint8Array): Uint8Array {
  const cn = encodeTlv(0x06, new Uint8Array([0x55, 0x04, 0x03]));
  return encodeTlv(0x30, encodeTlv(0x31, encodeTlv(0x30, concat([cn, encodeTlv(tag, value)]))));
}

describe('long name values', () => {
  test.each([
    ['IA5String', 0x16],
    ['PrintableString', 0x13],
    ['TeletexString', 0x14],
  ])('a %s of 300,000 bytes decodes to its text', (_name, tag) => {
    const der = nameWith(tag, new Uint8Array(300_000).fill(0x61));
    const name = decodeName(parseDer(der));
    expect(name.rdns[0]![0]!.text).toBe('a'.repeat(300_000));
    expect(formatName(decodeNameDer(der))).toBe(`CN=${'a'.repeat(300_000)}`);
  });
});
