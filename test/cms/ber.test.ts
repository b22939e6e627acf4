import { describe, expect, it } from 'vitest';
import { berChildren, berOctets, MAX_BER_DEPTH, parseBer, readBer } from '../../src/asn1/ber.js';
import { sample } from '../helpers.js';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('lazy BER reader', () => {
  it('reads definite and indefinite lengths to the same structure', () => {
    const definite = parseBer(bytes(0x30, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0xaa));
    const indefinite = parseBer(bytes(0x30, 0x80, 0x02, 0x01, 0x05, 0x04, 0x01, 0xaa, 0x00, 0x00));
    expect(definite.end).toBe(8);
    expect(indefinite.end).toBe(10);
    expect(berChildren(definite.tlv).map((c) => [c.tag, [...c.content]])).toEqual([[2, [5]], [4, [0xaa]]]);
    expect(berChildren(indefinite.tlv).map((c) => [c.tag, [...c.content]])).toEqual([[2, [5]], [4, [0xaa]]]);
  });

  it('joins the chunks of a constructed OCTET STRING', () => {
    const chunked = parseBer(bytes(0x24, 0x80, 0x04, 0x02, 0x01, 0x02, 0x04, 0x01, 0x03, 0x00, 0x00)).tlv;
    expect([...berOctets(chunked)]).toEqual([1, 2, 3]);
  });

  it('reads pdfsig\'s BER CMS (indefinite lengths, zero padding after it)', () => {
    const pdf = sample('pdf/person-signed.pdf');
    const text = new TextDecoder('latin1').decode(pdf);
    const hex = /\/Contents\s*<([0-9A-Fa-f]+)>/.exec(text)![1]!;
    const cms = new Uint8Array(hex.match(/../g)!.map((h) => parseInt(h, 16)));
    const { tlv, end } = parseBer(cms);
    expect(tlv.tag).toBe(16);
    expect(cms.subarray(end).every((b) => b === 0)).toBe(true);
  });

  it.each([
    ['a length past the end', bytes(0x30, 0x05, 0x02, 0x01), 'past the end'],
    ['an indefinite length that never ends', bytes(0x30, 0x80, 0x02, 0x01, 0x05), 'end-of-contents'],
    ['an indefinite length on a primitive', bytes(0x04, 0x80, 0x00, 0x00), 'primitive'],
    ['a five-byte length field', bytes(0x04, 0x85, 1, 0, 0, 0, 0), 'length too large'],
    ['a tag number of five base-128 digits', bytes(0x1f, 0x81, 0x81, 0x81, 0x81, 0x01, 0x00), 'tag number too large'],
    ['nothing at all', bytes(), 'unexpected end'],
  ])('refuses %s', (_name, input, message) => {
    expect(() => parseBer(input)).toThrow(message);
  });

  it(`stops at ${MAX_BER_DEPTH} levels of indefinite nesting instead of recursing without end`, () => {
    const depth = MAX_BER_DEPTH + 2;
    const nested = new Uint8Array([...Array.from({ length: depth }, () => [0x30, 0x80]).flat(), ...new Array(depth * 2).fill(0)]);
    expect(() => readBer(nested, 0)).toThrow('nesting too deep');
    const allowed = MAX_BER_DEPTH;
    const ok = new Uint8Array([...Array.from({ length: allowed }, () => [0x30, 0x80]).flat(), ...new Array(allowed * 2).fill(0)]);
    expect(readBer(ok, 0).next).toBe(ok.length);
  });
});
