/** The one strict DER reader (src/asn1/der.ts) and the BER leniency the CMS reader keeps. */
import { describe, expect, test } from 'vitest';
import { bitString, booleanValue, DerError, integerContentToBigInt, octetBitString, parseDer, time, type DerDefect } from '../../src/asn1/der.js';
import { CertificateDecodeError, decodeCertificate } from '../../src/pki/certificate.js';
import { CrlDecodeError, decodeCrl } from '../../src/pki/revocation/crl.js';
import { SAMPLES } from '../helpers.js';
import { bytes, certFile } from '../pki/helpers.js';
import { parseBer } from '../../src/asn1/ber.js';

function defectOf(run: () => unknown): DerDefect | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(DerError);
    return (error as DerError).defect;
  }
}

const tlv = (...bytes: number[]) => parseDer(Uint8Array.from(bytes));
const ascii = (tag: number, text: string) => tlv(tag, text.length, ...Array.from(text, (c) => c.charCodeAt(0)));

describe('strict DER', () => {
  test.each([
    ['a long-form length for a short value', [0x04, 0x81, 0x01, 0xaa], 'length-encoding'],
    ['a length with a leading zero octet', [0x04, 0x82, 0x00, 0x01, 0xaa], 'length-encoding'],
    ['an indefinite length', [0x30, 0x80, 0x00, 0x00], 'length-encoding'],
    ['a length past the end', [0x04, 0x05, 0xaa], 'truncated'],
    ['a byte after the value', [0x05, 0x00, 0x00], 'trailing-data'],
    ['a low tag number in the long form', [0x1f, 0x04, 0x00], 'tag-encoding'],
  ] as const)('refuses %s (%s)', (_name, bytes, defect) => {
    expect(defectOf(() => parseDer(Uint8Array.from(bytes)))).toBe(defect);
  });

  test('the BER reader still takes what BER allows (CMS signers write it)', () => {
    expect(parseBer(Uint8Array.of(0x30, 0x80, 0x04, 0x81, 0x01, 0xaa, 0x00, 0x00)).end).toBe(8);
  });

  test('INTEGERs must be minimal; negative ones are numbers, not errors', () => {
    expect(defectOf(() => integerContentToBigInt(Uint8Array.of(0x00, 0x10)))).toBe('integer-encoding');
    expect(defectOf(() => integerContentToBigInt(Uint8Array.of(0xff, 0x80)))).toBe('integer-encoding');
    expect(integerContentToBigInt(Uint8Array.of(0x00, 0x80))).toBe(128n);
    expect(integerContentToBigInt(Uint8Array.of(0x80))).toBe(-128n);
  });

  test('BOOLEAN is 00 or FF', () => {
    expect(booleanValue(tlv(0x01, 0x01, 0xff))).toBe(true);
    expect(booleanValue(tlv(0x01, 0x01, 0x00))).toBe(false);
    expect(defectOf(() => booleanValue(tlv(0x01, 0x01, 0x01)))).toBe('boolean-encoding');
  });

  test('times: seconds and Z required, real dates only, fractions only where allowed', () => {
    expect(time(ascii(0x17, '240229120000Z')).toISOString()).toBe('2024-02-29T12:00:00.000Z');
    expect(defectOf(() => time(ascii(0x17, '230229120000Z')))).toBe('impossible-date');
    expect(defectOf(() => time(ascii(0x17, '230231000000Z')))).toBe('impossible-date');
    expect(defectOf(() => time(ascii(0x17, '231301000000Z')))).toBe('impossible-date');
    expect(defectOf(() => time(ascii(0x17, '230101000060Z')))).toBe('impossible-date');
    expect(defectOf(() => time(ascii(0x17, '2301010000Z')))).toBe('time-encoding');
    expect(defectOf(() => time(ascii(0x17, '230101000000+0700')))).toBe('time-encoding');
    expect(defectOf(() => time(ascii(0x18, '20230101000000.5Z')))).toBe('time-encoding');
    expect(time(ascii(0x18, '20230101000000.5Z'), { fractions: true }).toISOString()).toBe('2023-01-01T00:00:00.500Z');
    expect(defectOf(() => time(ascii(0x18, '20230101000000.50Z'), { fractions: true }))).toBe('time-encoding');
    expect(time(ascii(0x18, '00500101000000Z')).getUTCFullYear()).toBe(50);
  });
});

describe('byte-valued BIT STRINGs (signature values, public keys)', () => {
  test('an unused-bits octet other than zero is a second encoding of the same bytes, and is refused', () => {
    expect(octetBitString(tlv(0x03, 0x02, 0x00, 0xab))).toEqual(Uint8Array.of(0xab));
    expect(() => octetBitString(tlv(0x03, 0x02, 0x01, 0xab))).toThrow(DerError);
  });

  /** The signature BIT STRING is the last field: its unused-bits octet follows its header. */
  function withUnusedBitInSignature(der: Uint8Array, signatureLength: number): Uint8Array {
    const copy = Uint8Array.from(der);
    copy[der.length - signatureLength - 1] = 0x01;
    return copy;
  }

  test.each([
    ['a certificate', `${SAMPLES}pki-edge/good.pem`, (b: Uint8Array) => decodeCertificate(b), CertificateDecodeError],
    ['a CRL', `${SAMPLES}pki-edge/ca.crl`, (b: Uint8Array) => decodeCrl(b), CrlDecodeError],
  ] as const)('%s whose signature has an unused bit is not read as the original', async (_name, file, decode, error) => {
    const der = file.endsWith('.pem') ? certFile(file) : bytes(file);
    const original = await decode(der);
    await expect(decode(withUnusedBitInSignature(der, original.signatureValue.length))).rejects.toBeInstanceOf(error);
  });
});

test('a BIT STRING is read only under its own tag, unless the field tags it implicitly', () => {
  expect(() => bitString(tlv(0x02, 0x02, 0x00, 0xab))).toThrow(DerError);
  expect(() => octetBitString(tlv(0x04, 0x02, 0x00, 0xab))).toThrow(DerError);
  expect(bitString(tlv(0x81, 0x02, 0x07, 0x80), 'ReasonFlags', 'implicit').unusedBits).toBe(7);
});
