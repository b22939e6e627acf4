/**
 * Decodings found again by the array's identity (a document's certificates, CRLs and OCSP
 * responses are decoded once per path validation of the document): they must give exactly
 * what decoding the bytes gives, and an array that failed to decode is never remembered.
 */
import { describe, expect, it } from 'vitest';
import { decodeCertificate, knownDecoding, decodeSentCertificate } from '../../src/pki/certificate.js';
import { decodeAll } from '../../src/pki/context.js';
import { decodeCrl } from '../../src/pki/revocation/crl.js';
import { decodeOcspResponse } from '../../src/pki/revocation/ocsp.js';
import { decodePem } from '../../src/formats/detect.js';
import { sample } from '../helpers.js';

const pem = (name: string) => decodePem(new TextDecoder().decode(sample(name)))!;

describe('certificates found again by array', () => {
  it('an array not yet decoded is not known; once decoded, it gives that decoding', async () => {
    const der = pem('ca/person.pem').slice();
    expect(knownDecoding(der)).toBeUndefined();
    const decoded = await decodeCertificate(der);
    expect(knownDecoding(der)).toBe(decoded);
    expect(await decodeCertificate(der)).toBe(decoded);
  });

  it('a sent certificate is known by its array, and equal bytes in another array decode the same', async () => {
    const sent = pem('ca/organization.pem').slice();
    const decoded = decodeSentCertificate(sent);
    expect(knownDecoding(sent)).toBe(decoded);
    const copy = sent.slice();
    expect(knownDecoding(copy)).toBeUndefined();
    expect(await decodeCertificate(copy)).toEqual(decoded);
  });

  it('decodeAll answers as decoding each array does, unreadable ones reported and never remembered', async () => {
    const good = pem('ca/intermediate.pem').slice();
    await decodeCertificate(good);
    const garbage = Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x00]);
    const fresh = pem('ca/tsa.pem').slice();
    const errors: number[] = [];
    const out = await decodeAll([good, garbage, fresh], (_e, index) => errors.push(index));
    expect(errors).toEqual([1]);
    expect(out).toEqual([await decodeCertificate(good), await decodeCertificate(fresh)]);
    expect(knownDecoding(garbage)).toBeUndefined();
    await expect(decodeCertificate(garbage)).rejects.toThrow();
    const again: number[] = [];
    await decodeAll([garbage], (_e, index) => again.push(index));
    expect(again).toEqual([0]);
  });
});

describe('CRLs and OCSP responses found again by array', () => {
  it('the same CRL array gives the same decoding; equal bytes elsewhere decode equal', async () => {
    const der = sample('ca/intermediate.crl');
    const first = await decodeCrl(der);
    expect(await decodeCrl(der)).toBe(first);
    expect(await decodeCrl(der.slice())).toEqual(first);
  });

  it('the same OCSP response array gives the same decoding', async () => {
    const der = sample('ca/ocsp-person-good.ocsp');
    const first = await decodeOcspResponse(der);
    expect(await decodeOcspResponse(der)).toBe(first);
    expect(await decodeOcspResponse(der.slice())).toEqual(first);
  });

  it('an unreadable CRL or response is refused every time', async () => {
    const garbage = Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x00]);
    await expect(decodeCrl(garbage)).rejects.toThrow();
    await expect(decodeCrl(garbage)).rejects.toThrow();
    await expect(decodeOcspResponse(garbage)).rejects.toThrow();
    await expect(decodeOcspResponse(garbage)).rejects.toThrow();
  });
});
