/**
 * SHA-3 digests (FIPS 202), valid per ETSI TS 119 312 and EU DSS: CMS made by
 * `openssl cms -md sha3-*` (RSA PKCS#1 v1.5, checked by RSAVP1 since WebCrypto has no
 * SHA-3), and XML Manifest references with RFC 6931 SHA-3 DigestMethods whose digests
 * openssl computed (samples/make-cms-extra.sh, make-xml-extra.sh).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { XmlSignatureDetails } from '../../src/report/details.js';
import { verifyFile } from '../../src/node.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, sample, SAMPLES } from '../helpers.js';

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

const verdicts = (report: DocumentReport): string[] =>
  report.signatures.map((s) => (s.subIndication ? `${s.indication}/${s.subIndication}` : s.indication));

describe('CMS with SHA-3', () => {
  it.each([
    ['sha3-256', 'SHA3-256'],
    ['sha3-384', 'SHA3-384'],
    ['sha3-512', 'SHA3-512'],
  ])('%s: TOTAL_PASSED, the digest named', async (name, digest) => {
    const report = await verify(sample(`cms/extra/${name}.txt.p7s`), { trust, at: AT, content: sample(`cms/extra/${name}.txt`) });
    expect(verdicts(report)).toEqual(['TOTAL_PASSED']);
    expect(report.signatures[0]!.algorithms).toMatchObject({ digest, signature: `RSASSA-PKCS1-v1_5 ${digest}` });
  });

  it('the content changed → HASH_FAILURE', async () => {
    const content = new TextEncoder().encode(new TextDecoder().decode(sample('cms/extra/sha3-256.txt')).replace('501', '502'));
    const report = await verify(sample('cms/extra/sha3-256.txt.p7s'), { trust, at: AT, content });
    expect(verdicts(report)).toEqual(['TOTAL_FAILED/HASH_FAILURE']);
  });

  it('a signature value changed → SIG_CRYPTO_FAILURE (the SHA-3 path checks the maths, it does not wave it through)', async () => {
    const p7s = new Uint8Array(sample('cms/extra/sha3-384.txt.p7s'));
    // The RSA signature value is the SignerInfo's last OCTET STRING, at the very end of this unsigned-attribute-free CMS.
    p7s[p7s.length - 1]! ^= 0x01;
    const report = await verify(p7s, { trust, at: AT, content: sample('cms/extra/sha3-384.txt') });
    expect(verdicts(report)).toEqual(['TOTAL_FAILED/SIG_CRYPTO_FAILURE']);
  });
});

describe('XML with SHA-3 reference digests', () => {
  const content = () => new Uint8Array(readFileSync(`${SAMPLES}xml/extra/sha3-content.txt`));

  it('a Manifest listing SHA3-256, SHA3-384 and SHA3-512 references: all checked → TOTAL_PASSED', async () => {
    const report = await verify(sample('xml/extra/sha3-manifest.xml'), { trust, at: AT, content: { 'sha3-content.txt': content() } });
    expect(verdicts(report)).toEqual(['TOTAL_PASSED']);
    const details = report.signatures[0]!.details as XmlSignatureDetails;
    expect(details.manifests?.[0]?.references.map((r) => [r.digestMethod.replace(/.*#/, ''), r.intact])).toEqual([
      ['sha3-256', 'passed'],
      ['sha3-384', 'passed'],
      ['sha3-512', 'passed'],
    ]);
    expect(report.signatures[0]!.algorithms.digest).toBe('SHA-256');
  });

  it('read beside the signature by verifyFile → TOTAL_PASSED; other bytes → HASH_FAILURE', async () => {
    expect(verdicts(await verifyFile(`${SAMPLES}xml/extra/sha3-manifest.xml`, { trust, at: AT }))).toEqual(['TOTAL_PASSED']);
    const other = new TextEncoder().encode(new TextDecoder().decode(content()).replace('406', '407'));
    expect(verdicts(await verify(sample('xml/extra/sha3-manifest.xml'), { trust, at: AT, content: { 'sha3-content.txt': other } }))).toEqual(['TOTAL_FAILED/HASH_FAILURE']);
  });
});
