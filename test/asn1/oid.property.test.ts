/**
 * OBJECT IDENTIFIER text is written arc by arc: for any content octets it must be what
 * collecting the arcs and joining them gives, and the same refusals with the same words.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeOid, DerError } from '../../src/asn1/der.js';
import { fuzzParameters } from '../fuzz/runs.js';

/** The plain reading (X.690 §8.19): arcs first, then the first subidentifier split in two. */
function reference(content: Uint8Array): string {
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

const outcome = (read: () => string) => {
  try {
    return { text: read() };
  } catch (error) {
    return { error: (error as Error).message, defect: (error as DerError).defect };
  }
};

/** Mostly plausible arcs (high bit set on all but the last octet of each), sometimes any bytes. */
const arc = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 }).map((bytes) => bytes.map((b, i) => (i < bytes.length - 1 ? b | 0x80 : b & 0x7f)));
const content = fc.oneof(
  fc.array(arc, { minLength: 1, maxLength: 20 }).map((arcs) => new Uint8Array(arcs.flat())),
  fc.uint8Array({ maxLength: 70 }),
);

describe('OBJECT IDENTIFIER text', () => {
  test('reads as the arcs joined, with the same refusals', () => {
    fc.assert(
      fc.property(content, (bytes) => {
        expect(outcome(() => decodeOid(bytes))).toEqual(outcome(() => reference(bytes)));
      }),
      fuzzParameters,
    );
  });

  test('known identifiers', () => {
    const oid = (...bytes: number[]) => decodeOid(new Uint8Array(bytes));
    expect(oid(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02)).toBe('1.2.840.113549.1.7.2');
    expect(oid(0x55, 0x04, 0x03)).toBe('2.5.4.3');
    expect(oid(0x09, 0x92, 0x26)).toBe('0.9.2342');
    expect(oid(0x88, 0x37, 0x01)).toBe('2.999.1');
  });
});
