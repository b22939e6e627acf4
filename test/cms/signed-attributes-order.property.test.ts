/**
 * Signed attributes already in DER order are recognised without re-encoding them: for any
 * attribute set, in any order, DER or not, what the SignerInfo reader reports (DER or not,
 * and the sorted re-encoding when only the order is wrong) must be what sorting and
 * re-encoding every time gives.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { concat, encodeTlv, parseDer } from '../../src/asn1/der.js';
import { parseSignerInfo } from '../../src/cms/signed-data.js';
import { fuzzParameters } from '../fuzz/runs.js';

const oid = (...bytes: number[]) => encodeTlv(0x06, new Uint8Array(bytes));
const SHA256 = encodeTlv(0x30, oid(0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01));
const RSA = encodeTlv(0x30, oid(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b));

/** One attribute: a type (from a few, so some repeat) and one OCTET STRING value; `longForm` writes its SEQUENCE length non-minimally (BER). */
const attribute = fc.record({ type: fc.integer({ min: 1, max: 4 }), value: fc.uint8Array({ maxLength: 6 }), longForm: fc.boolean() }).map(({ type, value, longForm }) => {
  const content = concat([oid(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, type), encodeTlv(0x31, encodeTlv(0x04, value))]);
  return longForm ? concat([new Uint8Array([0x30, 0x81, content.length]), content]) : encodeTlv(0x30, content);
});

function signerInfo(attributes: readonly Uint8Array[]): Uint8Array {
  const sid = encodeTlv(0x30, concat([encodeTlv(0x30, new Uint8Array(0)), encodeTlv(0x02, new Uint8Array([1]))]));
  const signed = encodeTlv(0xa0, concat([...attributes]));
  return encodeTlv(0x30, concat([encodeTlv(0x02, new Uint8Array([1])), sid, SHA256, signed, RSA, encodeTlv(0x04, new Uint8Array([0]))]));
}

/** The plain reading: sort a copy, re-encode, compare with the stored SET. */
function reference(attributes: readonly Uint8Array[]): { der: boolean; derBytes?: Uint8Array } {
  const stored = encodeTlv(0x31, concat([...attributes]));
  const isDer = (bytes: Uint8Array) => {
    try {
      parseDer(bytes);
      return true;
    } catch {
      return false;
    }
  };
  const compare = (a: Uint8Array, b: Uint8Array) => {
    for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
    return 0;
  };
  const reorderable = isDer(stored) && attributes.every(isDer);
  const derBytes = reorderable ? encodeTlv(0x31, concat([...attributes].sort(compare))) : undefined;
  const der = derBytes !== undefined && derBytes.length === stored.length && derBytes.every((b, i) => b === stored[i]);
  return { der, ...(derBytes && !der ? { derBytes } : {}) };
}

describe('signed attributes in DER order', () => {
  test('are told apart from out-of-order and non-DER sets exactly as sorting and re-encoding tells them', () => {
    fc.assert(
      fc.property(fc.array(attribute, { minLength: 1, maxLength: 6 }), (attributes) => {
        const read = parseSignerInfo(parseDer(signerInfo(attributes))).signedAttrs!;
        const expected = reference(attributes);
        expect(read.der).toBe(expected.der);
        expect(read.derBytes === undefined ? undefined : [...read.derBytes]).toEqual(expected.derBytes === undefined ? undefined : [...expected.derBytes]);
        expect([...read.signedBytes]).toEqual([...encodeTlv(0x31, concat([...attributes]))]);
      }),
      fuzzParameters,
    );
  });
});
