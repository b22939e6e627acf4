import { describe, expect, it } from 'vitest';
import { C14N_URI, canonicalize, parseXmlDocument, parseXmlSafely } from '../../../src/formats/xml/index.js';
import { DEFAULT_LIMITS } from '../../../src/formats/limits.js';
import type { ParsedSignature } from '../../../src/formats/types.js';
import { context, fixture, text } from './helpers.js';

async function signatureOf(name: string): Promise<ParsedSignature> {
  const document = await parseXmlDocument(fixture('signed', name), context());
  expect(document.signatures).toHaveLength(1);
  return document.signatures[0]!;
}

const codes = (signature: ParsedSignature): string[] => signature.integrity.messages.map((message) => message.code);

describe('XAdES B-B', () => {
  it('SigningCertificateV2 naming the signer binds it; SigningTime becomes the claimed signing time', async () => {
    const signature = await signatureOf('xades-bb.xml');
    expect(signature.format).toBe('xades');
    expect(signature.integrity).toMatchObject({
      intact: 'passed',
      valid: 'passed',
      signerIdentification: 'found',
      certificateBinding: 'signing-certificate-v2',
      claimedSigningTime: new Date('2025-03-01T09:00:00Z'),
    });
    expect(codes(signature)).toEqual([]);
    expect(signature.coverage?.references?.map((reference) => reference.target)).toEqual(['DLHDon#data', 'xades:SignedProperties#xades-props']);
  });

  it('SigningCertificate (v1, SHA-1 digest and issuer serial) binds the signer', async () => {
    const signature = await signatureOf('xades-v1.xml');
    expect(signature.integrity).toMatchObject({ intact: 'passed', valid: 'passed', signerIdentification: 'found', certificateBinding: 'signing-certificate-v1' });
  });

  it('a SigningCertificateV2 that names another certificate is a mismatch, though the maths holds', async () => {
    const signature = await signatureOf('xades-cert-mismatch.xml');
    expect(signature.integrity).toMatchObject({ intact: 'passed', valid: 'passed', signerIdentification: 'mismatch', certificateBinding: 'signing-certificate-v2' });
    expect(codes(signature)).toEqual(['XML_XADES_SIGNING_CERTIFICATE_MISMATCH']);
  });
});

describe('XAdES B-T', () => {
  it('the SignatureTimeStamp (openssl ts over what xmlsec1 canonicalised) matches the canonical SignatureValue', async () => {
    const signature = await signatureOf('xades-bt.xml');
    expect(signature.integrity.intact).toBe('passed');
    expect(signature.integrity.timestamps).toHaveLength(1);
    const [timestamp] = signature.integrity.timestamps;
    expect(timestamp).toMatchObject({ kind: 'signature', imprintMatches: 'passed', genTime: new Date('2025-03-01T09:00:05Z') });
    expect(timestamp!.token).toMatchObject({ intact: 'passed', valid: 'passed' });
  });

  it('kyso canonicalises ds:SignatureValue in context exactly as xmlsec1 does', () => {
    const parsed = parseXmlSafely(fixture('signed', 'xades-bt.xml'), DEFAULT_LIMITS);
    if (!parsed.ok) throw new Error('unreadable');
    const signatureValue = parsed.xml.ids.get('sigvalue-1')![0]!;
    expect(text(canonicalize(signatureValue, C14N_URI.c14n10))).toBe(text(fixture('signed', 'xades-bt.sigvalue.c14n')));
  });
});
