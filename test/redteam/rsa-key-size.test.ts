/**
 * Red team: RSA keys larger than any mainstream verifier accepts (modulus over 16384 bits,
 * public exponent over 64 bits) in genuine openssl-made CMS signatures and an xmlsec1-made
 * XML signature (test/fixtures/attacks/rsa-size/, samples/make-attacks-rsa-size.py). Checking them by
 * hand costs one modulus squaring per exponent bit (n = e = 2^32768 - 1 took 33 s per
 * signature), so they are refused before any maths: INDETERMINATE, never TOTAL_FAILED.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeCertificateWithHash } from '../../src/pki/certificate.js';
import { cryptoEngine, setCryptoEngine, type CryptoEngine } from '../../src/pki/crypto-engine.js';
import { parseCertificates } from '../../src/pki/parse.js';
import { SignatureVerifier } from '../../src/pki/signature.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, sample } from '../helpers.js';

const ATTACKS = fileURLToPath(new URL('../fixtures/attacks/rsa-size/', import.meta.url));
let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

function p7s(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${ATTACKS}${name}.txt.p7s`));
}

async function check(name: string): Promise<DocumentReport> {
  return verify(p7s(name), { trust, at: AT, content: new Uint8Array(readFileSync(`${ATTACKS}${name}.txt`)) });
}

/** Every message anywhere in the report, as `code: en`. */
function messages(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) messages(v, out);
  else if (value && typeof value === 'object') {
    const m = value as { code?: unknown; en?: unknown };
    if (typeof m.code === 'string' && typeof m.en === 'string') out.push(`${m.code}: ${m.en}`);
    for (const v of Object.values(value)) messages(v, out);
  }
  return out;
}

describe('RSA keys past 16384 bits or with exponents past 64 bits', () => {
  it.each([
    // SHA-256 signers: the engine or WebCrypto path.
    ['rsa-modulus-16416', 'RSA-16416 > 16384 bit'],
    ['rsa-exponent-65-bit', 'RSA-2048, e 65 bit > 64 bit'],
    // SHA3-256 signer: the by-hand path (BigInt RSAVP1).
    ['rsa-e-equals-n-4096', 'RSA-4096, e 4096 bit > 64 bit'],
  ])('the signer key of %s is refused, not checked', async (name, key) => {
    const report = await check(name);
    expect(report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`)).toEqual(['INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE']);
    const all = messages(report);
    expect(all.filter((m) => m.startsWith('CMS_UNSUPPORTED_SIGNATURE'))).toEqual([
      expect.stringContaining(`(${key}) is not supported`),
    ]);
    expect(all.some((m) => m.startsWith('CMS_SIGNATURE_INVALID'))).toBe(false);
  });

  it.each(['sha256', 'sha3-256'])('a genuine 16384-bit key (at the bound, e = 65537) still verifies with %s', async (md) => {
    const report = await check(`rsa-genuine-16384-${md}`);
    expect(report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`)).toEqual(['TOTAL_PASSED/']);
  });

  it('an issuer key with a 65-bit exponent makes the certificate signature uncheckable, not invalid', async () => {
    const report = await check('rsa-issuer-exponent-65-bit');
    expect(report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`)).toEqual(['INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE']);
    const all = messages(report);
    expect(all.filter((m) => m.startsWith('PKI_RSA_KEY_TOO_LARGE'))).toEqual([
      expect.stringContaining('is too large (modulus 2048 bits, public exponent 65 bits; at most 16384 and 64 bits)'),
    ]);
    expect(all.some((m) => m.startsWith('PKI_SIGNATURE_INVALID'))).toBe(false);
  });
});

describe('the refusal comes before the engine, WebCrypto and the by-hand maths', () => {
  const installed = cryptoEngine();
  afterAll(() => setCryptoEngine(installed));

  /** The signer certificate of a fixture (the one whose key was replaced). */
  function signerCertificate(name: string) {
    const certificates = parseCertificates(p7s(name)).map((der) => decodeCertificateWithHash(der, ''));
    // The fixtures' moduli are all ones.
    const oversized = certificates.find((c) => Buffer.from(c.spki).includes(Buffer.alloc(64, 0xff)));
    if (!oversized) throw new Error('no signer certificate');
    return oversized;
  }

  it.each([
    ['rsa-modulus-16416', { oid: '1.2.840.113549.1.1.11' }],
    ['rsa-exponent-65-bit', { oid: '1.2.840.113549.1.1.11' }],
    ['rsa-e-equals-n-4096', { oid: '2.16.840.1.101.3.4.3.14' }],
  ])('%s: unsupported, no key imported', async (name, algorithm) => {
    const certificate = signerCertificate(name);
    const importKey = vi.fn(() => undefined);
    const engine: CryptoEngine = { ...(installed ?? ({} as CryptoEngine)), importKey };
    const subtleImport = vi.spyOn(globalThis.crypto.subtle, 'importKey');
    try {
      for (const e of [engine, undefined]) {
        setCryptoEngine(e);
        const result = await new SignatureVerifier().verify(
          new Uint8Array(8),
          new Uint8Array(16),
          { ...algorithm, der: new Uint8Array(0) },
          certificate.spki,
          certificate.spkiAlgorithm,
          { allowDigestInfoWithoutNull: true },
        );
        expect(result).toMatchObject({ ok: false, reason: 'unsupported' });
      }
      expect(importKey).not.toHaveBeenCalled();
      expect(subtleImport).not.toHaveBeenCalled();
    } finally {
      subtleImport.mockRestore();
      setCryptoEngine(installed);
    }
  });
});

describe('XML signatures (xmlsec1-made, the signer certificate in KeyInfo given the key)', () => {
  async function checkXml(name: string): Promise<DocumentReport> {
    return verify(new Uint8Array(readFileSync(`${ATTACKS}${name}.xml`)), { trust, at: AT });
  }

  it.each([
    ['xml-rsa-modulus-16416', 'RSA-16416 > 16384 bit'],
    ['xml-rsa-exponent-65-bit', 'RSA-2048, e 65 bit > 64 bit'],
  ])('the signer key of %s is refused, not checked: INDETERMINATE, the signature value not called invalid', async (name, key) => {
    const subtleImport = vi.spyOn(globalThis.crypto.subtle, 'importKey');
    try {
      const report = await checkXml(name);
      expect(report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`)).toEqual(['INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE']);
      const all = messages(report);
      expect(all.filter((m) => m.startsWith('XML_RSA_KEY_TOO_LARGE'))).toEqual([`XML_RSA_KEY_TOO_LARGE: The RSA key of the certificate is too large to check (${key}); the signature value cannot be checked (which does not make it wrong).`]);
      expect(all.some((m) => m.startsWith('XML_SIGNATURE_VALUE_INVALID'))).toBe(false);
      // The signer's key never reached WebCrypto (the path's own checks import other keys).
      const signerKeys = subtleImport.mock.calls.filter(([, keyData]) => Buffer.from(keyData as Uint8Array).includes(Buffer.alloc(64, 0xff)));
      expect(signerKeys).toEqual([]);
    } finally {
      subtleImport.mockRestore();
    }
  });

  it('a genuine 16384-bit key (at the bound, e = 65537) still verifies', async () => {
    const report = await checkXml('xml-rsa-genuine-16384');
    expect(report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`)).toEqual(['TOTAL_PASSED/']);
  });
});
