/**
 * What kyso remembers across documents (decoded certificates, signature checks on CA
 * certificates, CRLs and OCSP responses, imported keys) is keyed by the exact bytes it was
 * computed from. These tests feed a tampered twin right after (and before) the genuine
 * object: each verdict must be the one its own bytes give, whatever ran before it.
 */
import { describe, expect, test } from 'vitest';
import { decodeCertificateWithHash } from '../../src/pki/certificate.js';
import { certificateFingerprint } from '../../src/pki/describe.js';
import { decodeNameDer, namesEqual } from '../../src/pki/names.js';
import { nodeCryptoEngine } from '../../src/node/crypto-engine.js';
import { cryptoEngine, setCryptoEngine } from '../../src/pki/crypto-engine.js';
import { SignatureVerifier } from '../../src/pki/signature.js';
import type { PathResult, RevocationData, ValidatePathInput } from '../../src/pki/types.js';
import { validateCertificatePath } from '../../src/pki/validate-path.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import { verify } from '../../src/verify.js';
import { AT as SAMPLES_AT, sample } from '../helpers.js';
import { bytes, certFile, FIXTURES } from './helpers.js';

const pki = (name: string): Uint8Array => (name.endsWith('.pem') ? certFile(`${FIXTURES}pki/${name}`) : bytes(`${FIXTURES}pki/${name}`));
const ROOT = pki('root.pem');
const CA = pki('ca.pem');
const GOOD = pki('good.pem');
const REVOKED = pki('revoked.pem');
const AT = new Date('2025-06-01T00:00:00Z');

/** The same bytes with the last one (inside the signature value) changed. */
function flipLast(der: Uint8Array): Uint8Array {
  const copy = der.slice();
  copy[copy.length - 1]! ^= 0x01;
  return copy;
}

function input(leaf: Uint8Array, intermediates: Uint8Array[], supplied: RevocationData): ValidatePathInput {
  return { leaf, intermediates, trustAnchors: [ROOT], at: AT, revocation: { supplied }, revocationMode: 'require' };
}

const verdict = (result: PathResult) => JSON.stringify(result);

describe('caches across documents', () => {
  test('a CRL whose signature was altered is refused before and after its genuine twin was accepted', async () => {
    const crls = (ca: Uint8Array) => ({ crls: [pki('root.crl'), ca] });
    const tampered = flipLast(pki('ca.crl'));
    const first = await validateCertificatePath(input(REVOKED, [CA], crls(tampered)));
    expect(first.status).not.toBe('revoked');
    expect(first.status).not.toBe('valid');
    const genuine = await validateCertificatePath(input(REVOKED, [CA], crls(pki('ca.crl'))));
    expect(genuine.status).toBe('revoked');
    const again = await validateCertificatePath(input(REVOKED, [CA], crls(tampered)));
    expect(verdict(again)).toBe(verdict(first));
    // And the other way round: the genuine CRL still decides after the tampered one.
    expect(verdict(await validateCertificatePath(input(REVOKED, [CA], crls(pki('ca.crl')))))).toBe(verdict(genuine));
  });

  test('a CA certificate whose signature was altered breaks the path before and after its genuine twin built one', async () => {
    const supplied = { crls: [pki('root.crl'), pki('ca.crl')] };
    const tampered = flipLast(CA);
    const first = await validateCertificatePath(input(GOOD, [tampered], supplied));
    expect(first.status).not.toBe('valid');
    const genuine = await validateCertificatePath(input(GOOD, [CA], supplied));
    expect(genuine.status).toBe('valid');
    expect(verdict(await validateCertificatePath(input(GOOD, [tampered], supplied)))).toBe(verdict(first));
    expect(verdict(await validateCertificatePath(input(GOOD, [CA], supplied)))).toBe(verdict(genuine));
  });

  test('a decoded certificate is reused only for the very same bytes, and holds none of the caller’s buffer', () => {
    const good = decodeCertificateWithHash(GOOD, certificateFingerprint(GOOD));
    const revoked = decodeCertificateWithHash(REVOKED, certificateFingerprint(REVOKED));
    // Asked under another certificate's hash, the bytes decide.
    const misfiled = decodeCertificateWithHash(REVOKED, certificateFingerprint(GOOD));
    expect(misfiled.subjectText).toBe(revoked.subjectText);
    expect(misfiled.subjectText).not.toBe(good.subjectText);
    // The remembered decoding is of a copy: changing the caller's array afterwards changes nothing in it.
    const buffer = GOOD.slice();
    const decoded = decodeCertificateWithHash(buffer, certificateFingerprint(buffer));
    buffer.fill(0);
    expect(decoded.der).toEqual(GOOD);
    expect(decodeCertificateWithHash(GOOD, certificateFingerprint(GOOD)).subjectText).toBe(good.subjectText);
  });

  test('a name decoded from DER is reused only for the very same bytes, and holds none of the caller’s buffer', () => {
    const ca = decodeCertificateWithHash(CA, certificateFingerprint(CA));
    const good = decodeCertificateWithHash(GOOD, certificateFingerprint(GOOD));
    const buffer = good.subjectDer.slice();
    const subject = decodeNameDer(buffer);
    expect(namesEqual(subject, good.subject)).toBe(true);
    expect(namesEqual(decodeNameDer(ca.subjectDer), good.subject)).toBe(false);
    buffer.fill(0x30);
    expect(namesEqual(subject, good.subject)).toBe(true);
    expect(subject.rdns.flat().every((value) => !value.der.every((byte) => byte === 0x30))).toBe(true);
    expect(() => decodeNameDer(buffer)).toThrow();
  });

  test('which certificates a store pins is taken from that store, whichever store a document was verified with before', async () => {
    const pem = (path: string) => new TextDecoder().decode(sample(path));
    const rootOnly = TrustStore.from(pem('pki/kyso-test-root.pem'));
    const withCa = rootOnly.withIntermediates(pem('ca/intermediate.pem'));
    const sources = async (trust: TrustStore) => (await verify(sample('pdf/person-signed.pdf'), { trust, at: SAMPLES_AT })).signatures[0]!.chain.map((c) => c.source);
    const alone = await sources(rootOnly);
    expect(alone).toEqual(['document', 'document', 'trust-store']);
    const pinned = await sources(withCa);
    expect(pinned).toEqual(['document', 'trust-store', 'trust-store']);
    expect(await sources(rootOnly)).toEqual(alone);
    expect(await sources(withCa)).toEqual(pinned);
    // A plain store object whose lists change between documents: the memo follows the lists.
    const plain = { anchors: [...rootOnly.anchors], intermediates: [] as Uint8Array[] };
    const plainSources = async () => (await verify(sample('pdf/person-signed.pdf'), { trust: plain, at: SAMPLES_AT })).signatures[0]!.chain.map((c) => c.source);
    expect(await plainSources()).toEqual(alone);
    plain.intermediates.push(...withCa.intermediates);
    expect(await plainSources()).toEqual(pinned);
  });

  test('a report is its caller’s own: two reports share no object, and editing one changes neither another nor the next verification', async () => {
    const trust = TrustStore.from(new TextDecoder().decode(sample('pki/kyso-test-root.pem')));
    const document = sample('pdf/person-signed.pdf');
    const first = await verify(document, { trust, at: SAMPLES_AT });
    const second = await verify(document, { trust, at: SAMPLES_AT });
    const objects = new Set<object>();
    const collect = (value: unknown, into: Set<object>): void => {
      if (value === null || typeof value !== 'object' || into.has(value)) return;
      into.add(value);
      for (const item of Object.values(value)) collect(item, into);
    };
    collect(first, objects);
    const again = new Set<object>();
    collect(second, again);
    expect([...again].filter((object) => objects.has(object))).toEqual([]);
    // A caller that adds a tax code to what it got (types say readonly; plain JavaScript does not care).
    const before = JSON.stringify(second);
    const signer = first.signatures[0]!.signer!;
    expect(signer.role).toBe('person');
    (signer.identifiers as unknown as { type: string; value: string; attribute: string }[]).push({ type: 'MST', value: '0100000000', attribute: 'UID' });
    for (const certificate of first.signatures[0]!.chain) (certificate.identifiers as unknown as unknown[]).length = 0;
    expect(JSON.stringify(second)).toBe(before);
    const third = await verify(document, { trust, at: SAMPLES_AT });
    expect(third.signatures[0]!.signer!.role).toBe('person');
    expect(JSON.stringify(third)).toBe(before);
  });

  test('an imported key answers only for its own SPKI: another key over the same bytes fails', async () => {
    const ca = decodeCertificateWithHash(CA, certificateFingerprint(CA));
    const good = decodeCertificateWithHash(GOOD, certificateFingerprint(GOOD));
    const root = decodeCertificateWithHash(ROOT, certificateFingerprint(ROOT));
    const check = (issuer: typeof ca) => new SignatureVerifier().verify(good.tbs, good.signatureValue, good.signatureAlgorithm, issuer.spki, issuer.spkiAlgorithm);
    // node:crypto keys are the ones remembered across validations.
    const installed = cryptoEngine();
    setCryptoEngine(nodeCryptoEngine);
    try {
      expect((await check(root)).ok).toBe(false);
      expect((await check(ca)).ok).toBe(true);
      expect((await check(root)).ok).toBe(false);
      expect((await check(ca)).ok).toBe(true);
    } finally {
      setCryptoEngine(installed);
    }
  });
});
