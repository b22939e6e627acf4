/**
 * INTEGER content is read through one hex string when long: for any content octets it must be
 * the two's complement number that shifting octet by octet gives, with the same refusals; and a
 * serialNumber longer than any certificate's (MAX_SERIAL_OCTETS) names none.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DerError, integerContentToBigInt, MAX_SERIAL_OCTETS, serialNumberValue } from '../../src/asn1/der.js';
import { fuzzParameters } from '../fuzz/runs.js';

/** The plain reading (X.690 §8.3): octet by octet, then the sign. */
function reference(content: Uint8Array): bigint {
  if (content.length === 0) throw new DerError('empty INTEGER', 'integer-encoding');
  if (content.length > 1) {
    const a = content[0] as number;
    const b = content[1] as number;
    if ((a === 0 && b < 0x80) || (a === 0xff && b >= 0x80)) throw new DerError('non-minimal INTEGER (superfluous leading octet)', 'integer-encoding');
  }
  let value = 0n;
  for (const b of content) value = (value << 8n) | BigInt(b);
  if (((content[0] as number) & 0x80) !== 0) value -= 1n << BigInt(content.length * 8);
  return value;
}

const outcome = (read: () => bigint | undefined) => {
  try {
    return { value: read() };
  } catch (error) {
    return { error: (error as Error).message, defect: (error as DerError).defect };
  }
};

const lead = fc.constantFrom(0x00, 0x7f, 0x80, 0xff);
/** Octets of any length up to 80 (fast-check's default size would keep nearly all under 16). */
const octets = fc.uint8Array({ maxLength: 80, size: 'max' });
/** Any octets, and octets after a leading 00/7F/80/FF (minimal or not), across the short/long boundary and MAX_SERIAL_OCTETS. */
const content = fc.oneof(
  octets,
  fc.uint8Array({ maxLength: 20 }),
  fc.tuple(lead, octets).map(([first, rest]) => new Uint8Array([first, ...rest])),
  fc.tuple(lead, lead, octets).map(([a, b, rest]) => new Uint8Array([a, b, ...rest])),
);

describe('INTEGER content', () => {
  test('reads as the octet-by-octet two’s complement, with the same refusals', () => {
    fc.assert(
      fc.property(content, (bytes) => {
        expect(outcome(() => integerContentToBigInt(bytes))).toEqual(outcome(() => reference(bytes)));
      }),
      fuzzParameters,
    );
  });

  test('a serial number is its value up to MAX_SERIAL_OCTETS, none past it, and malformed content is refused', () => {
    fc.assert(
      fc.property(content, (bytes) => {
        const expected = outcome(() => reference(bytes));
        const got = outcome(() => serialNumberValue(bytes));
        if ('error' in expected || bytes.length <= MAX_SERIAL_OCTETS) expect(got).toEqual(expected);
        else expect(got).toEqual({ value: undefined });
      }),
      fuzzParameters,
    );
  });

  test('known values', () => {
    const int = (...bytes: number[]) => integerContentToBigInt(new Uint8Array(bytes));
    expect(int(0x00)).toBe(0n);
    expect(int(0x7f)).toBe(127n);
    expect(int(0x00, 0x80)).toBe(128n);
    expect(int(0x80)).toBe(-128n);
    expect(int(0xff, 0x7f)).toBe(-129n);
    expect(integerContentToBigInt(new Uint8Array([0x00, ...new Uint8Array(16).fill(0xff)]))).toBe((1n << 128n) - 1n);
    expect(integerContentToBigInt(new Uint8Array([0x80, ...new Uint8Array(20)]))).toBe(-(1n << 167n));
    // 2 KB: one number, read in time proportional to its octets.
    expect(integerContentToBigInt(new Uint8Array(2048).fill(0x5a))).toBe(BigInt(`0x${'5a'.repeat(2048)}`));
  });

  test('a minimal INTEGER past MAX_SERIAL_OCTETS names no serial; a non-minimal one is still refused', () => {
    expect(serialNumberValue(new Uint8Array(MAX_SERIAL_OCTETS).fill(0x5a))).toBe(BigInt(`0x${'5a'.repeat(MAX_SERIAL_OCTETS)}`));
    expect(serialNumberValue(new Uint8Array(MAX_SERIAL_OCTETS + 1).fill(0x5a))).toBeUndefined();
    expect(serialNumberValue(new Uint8Array([0x00, 0x80, ...new Uint8Array(MAX_SERIAL_OCTETS - 1)]))).toBeUndefined();
    expect(() => serialNumberValue(new Uint8Array(MAX_SERIAL_OCTETS + 1))).toThrow(/non-minimal/);
    expect(() => serialNumberValue(new Uint8Array(0))).toThrow(/empty/);
  });
});
