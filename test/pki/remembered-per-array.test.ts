/**
 * Answers remembered per byte array (certificate fingerprints, what verify() reads from
 * a public key, a trust store's lists) or by exact bytes (decoded CRLs and OCSP
 * responses): each must be what computing it afresh gives, and
 * another array — a tampered twin above all — must get its own answer, whichever ran first.
 */
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { decodeCertificateWithHash, decodeSentCertificate } from '../../src/pki/certificate.js';
import { certificateFingerprint } from '../../src/pki/describe.js';
import { certificateFingerprintAsync } from '../../src/pki/fingerprint.js';
import { nodeCryptoEngine } from '../../src/node/crypto-engine.js';
import { cryptoEngine, setCryptoEngine } from '../../src/pki/crypto-engine.js';
import { SignatureVerifier } from '../../src/pki/signature.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import { decodeCrl } from '../../src/pki/revocation/crl.js';
import { decodeOcspResponse } from '../../src/pki/revocation/ocsp.js';
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

describe('certificates sent in documents, found again without hashing', () => {
  /** The same length and the same last bytes (the lookup key), one byte changed in the middle (the to-be-signed part). */
  function middleTwin(der: Uint8Array): Uint8Array {
    const twin = der.slice();
    twin[Math.floor(der.length / 2)]! ^= 0x01;
    return twin;
  }

  test('decode as decodeCertificateWithHash does, and the sent array gets its own bytes’ fingerprint', async () => {
    await withEachEngine(() => {
      for (const der of CERTIFICATES) {
        for (let round = 0; round < 2; round++) {
          const sent = der.slice();
          const decoded = decodeSentCertificate(sent);
          const plain = decodeCertificateWithHash(der.slice(), sha256(der));
          expect(decoded.sha256).toBe(sha256(der));
          expect(decoded.subjectText).toBe(plain.subjectText);
          expect(decoded.der).toEqual(der);
          expect(certificateFingerprint(sent)).toBe(sha256(der));
        }
      }
    });
  });

  test('a twin with the same length and tail is hashed and decoded on its own, before and after the genuine one', async () => {
    await withEachEngine(() => {
      for (const der of CERTIFICATES) {
        const twin = middleTwin(der);
        const read = (bytes: Uint8Array) => {
          try {
            const decoded = decodeSentCertificate(bytes);
            return { sha256: decoded.sha256, der: [...decoded.der], fingerprint: certificateFingerprint(bytes) };
          } catch (error) {
            return { error: (error as Error).message, fingerprint: certificateFingerprint(bytes) };
          }
        };
        const before = read(twin.slice());
        expect(before.fingerprint).toBe(sha256(twin));
        if ('sha256' in before) {
          expect(before.sha256).toBe(sha256(twin));
          expect(before.der).toEqual([...twin]);
        }
        const genuine = read(der.slice());
        expect(genuine).toEqual({ sha256: sha256(der), der: [...der], fingerprint: sha256(der) });
        expect(read(twin.slice())).toEqual(before);
        expect(read(der.slice())).toEqual(genuine);
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

describe('CRLs and OCSP responses decoded across documents', () => {
  /** Plain data, for comparing decodings (bigints and Maps spelled out). */
  const plain = (value: unknown) => JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof Map ? [...v] : v instanceof Uint8Array ? [...v] : v));

  test.each([
    ['a CRL', 'ca.crl', decodeCrl],
    ['a CRL with a revoked entry', 'root-revokes-ca.crl', decodeCrl],
    ['an OCSP response', 'good-good.ocsp', decodeOcspResponse],
    ['an OCSP response that revokes', 'revoked-revoked.ocsp', decodeOcspResponse],
  ] as const)('%s: each copy decodes as the first did, and the remembered decoding keeps none of the caller’s buffer', async (_name, file, decode) => {
    const der = pki(file);
    const first = der.slice();
    const decoded = await decode(first);
    expect(decoded.sha256).toBe(sha256(der));
    const again = await decode(der.slice());
    expect(plain(again)).toBe(plain(decoded));
    first.fill(0);
    expect(plain(await decode(der.slice()))).toBe(plain(decoded));
    if ('der' in decoded) expect(decoded.der).toEqual(der);
  });

  test.each([
    ['a CRL', 'ca.crl', decodeCrl],
    ['an OCSP response', 'good-good.ocsp', decodeOcspResponse],
  ] as const)('%s: a twin with another signature byte, or a broken one, is decoded on its own before and after the genuine bytes', async (_name, file, decode) => {
    const der = pki(file);
    const resigned = der.slice();
    resigned[resigned.length - 1]! ^= 0x01;
    const broken = der.slice(0, der.length - 1);
    await expect(decode(broken.slice())).rejects.toThrow();
    const twin = await decode(resigned.slice());
    const genuine = await decode(der.slice());
    expect(twin.sha256).toBe(sha256(resigned));
    expect(genuine.sha256).toBe(sha256(der));
    // The last byte is inside a signature: the CRL's own, or the responder certificate's.
    expect(plain(twin)).not.toBe(plain(genuine));
    expect(plain(await decode(resigned.slice()))).toBe(plain(twin));
    expect(plain(await decode(der.slice()))).toBe(plain(genuine));
    await expect(decode(broken.slice())).rejects.toThrow();
  });
});
