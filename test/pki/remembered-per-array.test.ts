/**
 * Answers remembered per byte array (certificate fingerprints, what verify() reads from
 * a public key, a trust store's lists): each must be what computing it afresh gives, and
 * another array — a tampered twin above all — must get its own answer, whichever ran first.
 */
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { decodeCertificateWithHash } from '../../src/pki/certificate.js';
import { certificateFingerprint } from '../../src/pki/describe.js';
import { certificateFingerprintAsync } from '../../src/pki/fingerprint.js';
import { nodeCryptoEngine } from '../../src/node/crypto-engine.js';
import { cryptoEngine, setCryptoEngine } from '../../src/pki/crypto-engine.js';
import { SignatureVerifier } from '../../src/pki/signature.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import { bytes, certFile, FIXTURES } from './helpers.js';

const pki = (name: string): Uint8Array => (name.endsWith('.pem') ? certFile(`${FIXTURES}pki/${name}`) : bytes(`${FIXTURES}pki/${name}`));
const CERTIFICATES = ['root.pem', 'ca.pem', 'good.pem', 'revoked.pem'].map(pki);

const sha256 = (der: Uint8Array) => createHash('sha256').update(der).digest('hex').toUpperCase();

/** Runs `body` with and without node:crypto as the engine (the two ways a fingerprint is hashed). */
async function withEachEngine(body: () => Promise<void> | void): Promise<void> {
  const installed = cryptoEngine();
  try {
    for (const engine of [undefined, nodeCryptoEngine]) {
      setCryptoEngine(engine);
      await body();
    }
  } finally {
    setCryptoEngine(installed);
  }
}

describe('fingerprints remembered per array', () => {
  test('are the SHA-256 of the bytes, asked once or many times, synchronously or not', async () => {
    await withEachEngine(async () => {
      for (const der of CERTIFICATES) {
        const copy = der.slice();
        expect(await certificateFingerprintAsync(copy)).toBe(sha256(der));
        expect(certificateFingerprint(copy)).toBe(sha256(der));
        expect(certificateFingerprint(copy)).toBe(sha256(der));
        const other = der.slice();
        expect(certificateFingerprint(other)).toBe(sha256(der));
        expect(await certificateFingerprintAsync(other)).toBe(sha256(der));
      }
    });
  });

  test('a tampered twin gets its own fingerprint and its own decoding, before and after the genuine one', async () => {
    await withEachEngine(() => {
      for (const der of CERTIFICATES) {
        const tampered = der.slice();
        tampered[tampered.length - 1]! ^= 0x01;
        const genuine = der.slice();
        expect(certificateFingerprint(tampered)).toBe(sha256(tampered));
        expect(certificateFingerprint(genuine)).toBe(sha256(der));
        expect(certificateFingerprint(tampered)).not.toBe(certificateFingerprint(genuine));
        const decoded = decodeCertificateWithHash(tampered, certificateFingerprint(tampered));
        expect(decoded.sha256).toBe(sha256(tampered));
        expect(decoded.der).toEqual(tampered);
        expect(decodeCertificateWithHash(genuine, certificateFingerprint(genuine)).der).toEqual(der);
      }
    });
  });
});

describe('public keys read once per array', () => {
  const GOOD = decodeCertificateWithHash(pki('good.pem'), certificateFingerprint(pki('good.pem')));
  const CA = decodeCertificateWithHash(pki('ca.pem'), certificateFingerprint(pki('ca.pem')));

  /** The CA's SubjectPublicKeyInfo with its public exponent made even (65537 → 65538): an unsound key. */
  function evenExponent(spki: Uint8Array): Uint8Array {
    const copy = spki.slice();
    expect([...copy.subarray(copy.length - 5)]).toEqual([0x02, 0x03, 0x01, 0x00, 0x01]);
    copy[copy.length - 1] = 0x02;
    return copy;
  }

  test('an unsound twin of a sound key is refused before and after the sound key verified, and the other way round', async () => {
    await withEachEngine(async () => {
      const verifier = new SignatureVerifier();
      const check = (spki: Uint8Array) => verifier.verify(GOOD.tbs, GOOD.signatureValue, GOOD.signatureAlgorithm, spki, CA.spkiAlgorithm);
      const unsound = evenExponent(CA.spki);
      const refused = await check(unsound);
      expect(refused).toMatchObject({ ok: false, reason: 'invalid', detail: 'even RSA exponent' });
      expect(await check(CA.spki)).toMatchObject({ ok: true });
      expect(await check(CA.spki.slice())).toMatchObject({ ok: true });
      expect(await check(unsound)).toEqual(refused);
      expect(await check(unsound.slice())).toEqual(refused);
      expect(await check(CA.spki)).toMatchObject({ ok: true });
    });
  });

  test('a key whose structure does not decode is malformed every time, remembered or not', async () => {
    await withEachEngine(async () => {
      const verifier = new SignatureVerifier();
      const broken = CA.spki.slice(0, CA.spki.length - 3);
      const first = await verifier.verify(GOOD.tbs, GOOD.signatureValue, GOOD.signatureAlgorithm, broken, CA.spkiAlgorithm);
      expect(first).toMatchObject({ ok: false, reason: 'malformed' });
      expect(await verifier.verify(GOOD.tbs, GOOD.signatureValue, GOOD.signatureAlgorithm, broken, CA.spkiAlgorithm)).toEqual(first);
      expect(await verifier.verify(GOOD.tbs, GOOD.signatureValue, GOOD.signatureAlgorithm, CA.spki, CA.spkiAlgorithm)).toMatchObject({ ok: true });
    });
  });
});

describe('a trust store’s lists', () => {
  const store = TrustStore.from(pki('root.pem')).withIntermediates(pki('ca.pem')).withNameAndKeyAnchors(pki('good.pem'));

  test('are its entries by role, a new array on every read, whatever a reader did to the last one', () => {
    const entries = store.entries;
    const expected = {
      anchors: entries.filter((e) => e.role === 'anchor').map((e) => e.der),
      intermediates: entries.filter((e) => e.role === 'intermediate').map((e) => e.der),
      nameAndKeyAnchors: entries.filter((e) => e.role === 'anchor' && e.constraints === 'name-and-key').map((e) => e.der),
    };
    for (const list of ['anchors', 'intermediates', 'nameAndKeyAnchors'] as const) {
      const first = store[list];
      expect(first).toEqual(expected[list]);
      first.length = 0;
      const second = store[list];
      expect(second).not.toBe(first);
      expect(second).toEqual(expected[list]);
      second.forEach((der, i) => expect(der).toBe(expected[list][i]));
    }
    expect(expected.anchors).toHaveLength(2);
    expect(expected.intermediates).toHaveLength(1);
    expect(expected.nameAndKeyAnchors).toHaveLength(1);
  });

  test('of a new store are its own, not the store it was made from', () => {
    const more = store.withIntermediates(pki('revoked.pem'));
    expect(store.intermediates).toHaveLength(1);
    expect(more.intermediates).toHaveLength(2);
    expect(store.withAnchors(pki('ca.pem')).intermediates).toHaveLength(0);
  });
});
