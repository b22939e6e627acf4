/**
 * integrity.digestAlgorithm is the weakest hash the signature relies on: every
 * Reference's DigestMethod and the SignatureMethod's hash. Both fixtures were signed
 * by xmlsec1 (fixtures/make.sh) with a SHA-256 first reference and SHA-1 elsewhere.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParsedSignature } from '../../../src/formats/types.js';
import { parseXmlDocument } from '../../../src/formats/xml/index.js';
import { TrustStore } from '../../../src/pki/trust-store.js';
import { verify } from '../../../src/verify.js';
import { AT, sample } from '../../helpers.js';
import { context, fixture } from './helpers.js';

async function signatureOf(name: string): Promise<ParsedSignature> {
  const document = await parseXmlDocument(fixture('signed', name), context());
  expect(document.signatures).toHaveLength(1);
  return document.signatures[0]!;
}

describe('SHA-1 behind a strong first reference is reported', () => {
  it('SignatureMethod rsa-sha1 over a SHA-256 reference: digest SHA-1, signature RSASSA-PKCS1-v1_5 SHA-1', async () => {
    const signature = await signatureOf('rsa-sha1-method-sha256-digest.xml');
    expect(signature.integrity).toMatchObject({ intact: 'passed', valid: 'passed', digestAlgorithm: 'SHA-1', signatureAlgorithm: 'RSASSA-PKCS1-v1_5 SHA-1' });
    expect(signature.coverage?.references?.map((reference) => reference.digestAlgorithm)).toEqual(['SHA-256']);
  });

  it('a second Reference (the XAdES SignedProperties) digested with SHA-1: digest SHA-1', async () => {
    const signature = await signatureOf('xades-sha1-properties-reference.xml');
    expect(signature.integrity).toMatchObject({ intact: 'passed', valid: 'passed', digestAlgorithm: 'SHA-1', signatureAlgorithm: 'RSASSA-PKCS1-v1_5 SHA-256' });
    expect(signature.coverage?.references?.map((reference) => reference.digestAlgorithm)).toEqual(['SHA-256', 'SHA-1']);
  });

  describe('end to end, the SHA-1 policy sees it', () => {
    let trust: TrustStore;
    beforeAll(() => {
      trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
    });
    for (const name of ['rsa-sha1-method-sha256-digest.xml', 'xades-sha1-properties-reference.xml']) {
      it(`${name} → INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE`, async () => {
        const report = await verify(fixture('signed', name), { trust, at: AT });
        expect(report.signatures.map((s) => `${s.indication}/${s.subIndication}`)).toEqual(['INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE']);
        expect(report.signatures[0]!.algorithms.digest).toBe('SHA-1');
      });
    }
  });
});
