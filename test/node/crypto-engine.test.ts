/**
 * kyso/node verifies signatures with node:crypto on the calling thread instead of
 * WebCrypto's thread pool (src/node/crypto-engine.ts). That is only a speed-up if
 * every report stays exactly what WebCrypto gives: compared here on every sample file
 * and on every certificate pair of the test PKIs, plus malformed keys and signatures
 * where the engine must hand the case back to WebCrypto.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeSequence } from '../../src/asn1/der.js';
import { collectFiles, loadRevocationFiles, verifyFile } from '../../src/node.js';
import { nodeCryptoEngine } from '../../src/node/crypto-engine.js';
import { nodeHashFactory } from '../../src/io/node-file.js';
import type { HashFactory } from '../../src/io/hash.js';
import { verify } from '../../src/verify.js';
import { decodeCertificateWithHash, type ParsedCertificate } from '../../src/pki/certificate.js';
import { parseCertificates } from '../../src/pki/parse.js';
import { SignatureVerifier } from '../../src/pki/signature.js';
import { cryptoEngine, setCryptoEngine, type CryptoEngine } from '../../src/pki/crypto-engine.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import { AT, SAMPLES } from '../helpers.js';

const installed = cryptoEngine();
afterAll(() => setCryptoEngine(installed));

/** Answers the engine gave (not handed back to WebCrypto): the comparisons must exercise it. */
const answered = { verify: 0, digest: 0 };
const counting: CryptoEngine = {
  importKey: (spki, algorithm) => nodeCryptoEngine.importKey(spki, algorithm),
  verify: (...args) => {
    const ok = nodeCryptoEngine.verify(...args);
    if (ok !== undefined) answered.verify++;
    return ok;
  },
  digest: (algorithm, data) => {
    answered.digest++;
    return nodeCryptoEngine.digest(algorithm, data);
  },
};

async function both<T>(work: () => Promise<T>): Promise<{ webCrypto: T; node: T }> {
  setCryptoEngine(undefined);
  const webCrypto = await work();
  setCryptoEngine(counting);
  const node = await work();
  setCryptoEngine(undefined);
  return { webCrypto, node };
}

const pem = (path: string) => readFileSync(join(SAMPLES, path), 'utf8');
const ROOTS = ['pki/kyso-test-root.pem', 'ca/other-root.pem', 'pki-edge/root.pem', 'pki-edge/critical-root.pem', 'pki-edge/expired-root.pem', 'pki-edge/nc-root.pem', 'pki-edge/no-crl-sign-root.pem', 'pki-edge/not-ca-root.pem'];

describe('the node:crypto signature engine', () => {
  it('is what kyso/node installs', () => {
    expect(installed).toBe(nodeCryptoEngine);
  });

  it('gives every sample document the report WebCrypto gives it, word for word', async () => {
    const files = (await collectFiles([join(SAMPLES, 'pdf'), join(SAMPLES, 'xml'), join(SAMPLES, 'edxml'), join(SAMPLES, 'cms'), join(SAMPLES, 'pki-edge')])).filter(
      (file) => !/\.(pem|key|crl|ocsp)$/.test(file),
    );
    expect(files.length).toBeGreaterThan(60);
    const trust = TrustStore.from(...ROOTS.map(pem)).withIntermediates(pem('ca/intermediate.pem'), pem('pki-edge/ca.pem'));
    // Every CRL and OCSP response of the samples, so that their signatures are checked too.
    const revocation = await loadRevocationFiles((await collectFiles([join(SAMPLES, 'ca'), join(SAMPLES, 'pki-edge')])).filter((file) => /\.(crl|ocsp)$/.test(file)));
    for (const file of files) {
      const { webCrypto, node } = await both(() => verifyFile(file, { trust, at: AT, revocation }).then((report) => JSON.stringify(report)));
      expect(node, file).toBe(webCrypto);
    }
    expect(answered.verify).toBeGreaterThan(100);
    expect(answered.digest).toBeGreaterThan(50);
  });

  it('answers every certificate-by-certificate signature check as WebCrypto does', async () => {
    const certificates: ParsedCertificate[] = [];
    for (const file of await collectFiles([join(SAMPLES, 'ca'), join(SAMPLES, 'pki-edge'), join(SAMPLES, 'pki')])) {
      if (!file.endsWith('.pem')) continue;
      for (const der of parseCertificates(readFileSync(file, 'utf8'), file)) certificates.push(decodeCertificateWithHash(der, String(certificates.length)));
    }
    expect(certificates.length).toBeGreaterThan(30);
    let passed = 0;
    for (const subject of certificates) {
      const { webCrypto, node } = await both(async () => {
        const verifier = new SignatureVerifier();
        return Promise.all(certificates.map((issuer) => verifier.verify(subject.tbs, subject.signatureValue, subject.signatureAlgorithm, issuer.spki, issuer.spkiAlgorithm)));
      });
      expect(node).toEqual(webCrypto);
      passed += node.filter((check) => check.ok).length;
    }
    // Each certificate verifies under its issuer (and twins): the comparison covers successes, not only failures.
    expect(passed).toBeGreaterThanOrEqual(certificates.length - 5);
    expect(answered.verify).toBeGreaterThan(certificates.length);
  });

  it('hands malformed keys and signatures back to WebCrypto, which words the answer', async () => {
    const [person] = parseCertificates(pem('ca/person.pem')).map((der) => decodeCertificateWithHash(der, 'person'));
    const [issuer] = parseCertificates(pem('ca/intermediate.pem')).map((der) => decodeCertificateWithHash(der, 'intermediate'));
    const [ec] = parseCertificates(pem('ca/ecdsa-p256.pem')).map((der) => decodeCertificateWithHash(der, 'ec'));
    const [ec384] = parseCertificates(pem('ca/ecdsa-p384.pem')).map((der) => decodeCertificateWithHash(der, 'ec384'));
    const cases: [string, () => Parameters<SignatureVerifier['verify']>][] = [
      ['a truncated SubjectPublicKeyInfo', () => [person!.tbs, person!.signatureValue, person!.signatureAlgorithm, issuer!.spki.subarray(0, 40), issuer!.spkiAlgorithm]],
      ['an SPKI that is an empty SEQUENCE', () => [person!.tbs, person!.signatureValue, person!.signatureAlgorithm, encodeSequence([]), issuer!.spkiAlgorithm]],
      ['a signature one byte short', () => [person!.tbs, person!.signatureValue.subarray(1), person!.signatureAlgorithm, issuer!.spki, issuer!.spkiAlgorithm]],
      ['an empty signature', () => [person!.tbs, new Uint8Array(0), person!.signatureAlgorithm, issuer!.spki, issuer!.spkiAlgorithm]],
      ['an ECDSA signature that is not DER', () => [ec!.tbs, ec!.signatureValue.subarray(2), ec!.signatureAlgorithm, ec!.spki, ec!.spkiAlgorithm]],
      ['a P-384 key declared as P-256', () => [ec!.tbs, ec!.signatureValue, ec!.signatureAlgorithm, ec384!.spki, ec!.spkiAlgorithm]],
      ['an RSA key for an ECDSA signature', () => [ec!.tbs, ec!.signatureValue, ec!.signatureAlgorithm, issuer!.spki, ec!.spkiAlgorithm]],
    ];
    for (const [name, args] of cases) {
      const { webCrypto, node } = await both(() => new SignatureVerifier().verify(...args()));
      expect(node, name).toEqual(webCrypto);
      expect(node.ok, name).toBe(false);
    }
  });

  it("hashes a document with the engine's hashFactory when verify() is given none, and with the caller's when given", async () => {
    expect(nodeCryptoEngine.hashFactory).toBe(nodeHashFactory);
    const bytes = readFileSync(join(SAMPLES, 'pdf/person-signed.pdf'));
    const trust = TrustStore.from(readFileSync(join(SAMPLES, 'pki/kyso-test-root.pem'), 'utf8'));
    const used = { engine: 0, caller: 0 };
    const counted = (count: () => void): HashFactory => (algorithm) => {
      count();
      return nodeHashFactory(algorithm);
    };
    setCryptoEngine({ ...nodeCryptoEngine, hashFactory: counted(() => used.engine++) });
    const byEngine = await verify(bytes, { trust, at: AT });
    expect(used.engine).toBeGreaterThan(0);
    const byCaller = await verify(bytes, { trust, at: AT, hashFactory: counted(() => used.caller++) });
    expect(used.caller).toBeGreaterThan(0);
    setCryptoEngine(undefined);
    const portable = await verify(bytes, { trust, at: AT });
    setCryptoEngine(installed);
    expect(byEngine.indication).toBe('TOTAL_PASSED');
    expect(byEngine).toEqual(portable);
    expect(byCaller).toEqual(portable);
  });
});
