import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { classifyRevocationData } from '../../src/formats/revocation.js';
import { SAMPLES } from '../helpers.js';

const crl = new Uint8Array(readFileSync(`${SAMPLES}ca/intermediate.crl`));
const ocsp = new Uint8Array(readFileSync(`${SAMPLES}ca/ocsp-person-good.ocsp`));

describe('classifyRevocationData (--revocation FILE)', () => {
  test('a CRL made by openssl ca, as DER and as PEM, is a CRL with its DER bytes', () => {
    expect(classifyRevocationData(crl)).toEqual({ type: 'crl', der: crl });
    const pem = execFileSync('openssl', ['crl', '-inform', 'DER', '-outform', 'PEM', '-in', `${SAMPLES}ca/intermediate.crl`]);
    expect(pem.toString('latin1')).toContain('-----BEGIN X509 CRL-----');
    expect(classifyRevocationData(new Uint8Array(pem))).toEqual({ type: 'crl', der: crl });
  });

  test('an OCSP response made by openssl ocsp is an OCSP response', () => {
    expect(classifyRevocationData(ocsp)).toEqual({ type: 'ocsp', der: ocsp });
  });

  test.each([
    ['text', new TextEncoder().encode('not revocation data')],
    ['nothing', new Uint8Array()],
    ['a CRL cut short', crl.subarray(0, 100)],
    ['an OCSP response cut short', ocsp.subarray(0, 3)],
    ['a SEQUENCE of four items', Uint8Array.from([0x30, 0x0c, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00])],
    ['a SEQUENCE of an INTEGER', Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x05])],
    ['a length past the end', Uint8Array.from([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x0a, 0x01, 0x00])],
  ])('%s is neither', (_name, bytes) => {
    expect(classifyRevocationData(bytes)).toEqual({ type: 'unknown' });
  });
});
