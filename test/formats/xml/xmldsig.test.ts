import { describe, expect, it } from 'vitest';
import { parseXmlDocument } from '../../../src/formats/xml/index.js';
import type { ParsedSignature } from '../../../src/formats/types.js';
import { context, fixture } from './helpers.js';
import { detail } from '../../helpers.js';

async function signatureOf(name: string): Promise<ParsedSignature> {
  const document = await parseXmlDocument(fixture('signed', name), context());
  expect(document.readable).toBe(true);
  expect(document.signatures).toHaveLength(1);
  return document.signatures[0]!;
}

function codes(signature: ParsedSignature): string[] {
  return signature.integrity.messages.map((message) => message.code);
}

function expectPassed(signature: ParsedSignature, expectedCodes: string[] = []): void {
  expect({ intact: signature.integrity.intact, valid: signature.integrity.valid, formatFailure: signature.formatFailure, codes: codes(signature) }).toEqual({
    intact: 'passed',
    valid: 'passed',
    formatFailure: false,
    codes: expectedCodes,
  });
  expect(signature.integrity.signerIdentification).toBe('found');
}

describe('every signature xmlsec1 made and accepts, kyso accepts', () => {
  const cases: [string, string, string][] = [
    ['vanban-rsa-sha256.xml', 'RSASSA-PKCS1-v1_5 SHA-256', 'SHA-256'],
    ['vanban-rsa-sha1-c14n.xml', 'RSASSA-PKCS1-v1_5 SHA-1', 'SHA-1'],
    ['vanban-ecdsa-p256.xml', 'ECDSA P-256 SHA-256', 'SHA-256'],
    ['vanban-ecdsa-p384.xml', 'ECDSA P-384 SHA-384', 'SHA-384'],
    ['vanban-ecdsa-p521.xml', 'ECDSA P-521 SHA-512', 'SHA-512'],
    ['invoice-c14n11-sha384.xml', 'RSASSA-PKCS1-v1_5 SHA-512', 'SHA-384'],
    // SHA-512 reference digest, RSA-SHA256 method: the weaker hash is the one reported.
    ['invoice-exc-prefixlist.xml', 'RSASSA-PKCS1-v1_5 SHA-256', 'SHA-256'],
    ['two-references.xml', 'RSASSA-PKCS1-v1_5 SHA-256', 'SHA-256'],
    ['base64-transform.xml', 'RSASSA-PKCS1-v1_5 SHA-256', 'SHA-256'],
    ['untrusted.xml', 'RSASSA-PKCS1-v1_5 SHA-256', 'SHA-256'],
    ['two-references.unsigned-item-changed.xml', 'RSASSA-PKCS1-v1_5 SHA-256', 'SHA-256'],
    // xmlsec1 1.2 cannot make RSA-PSS: openssl signed xmlsec1's canonical SignedInfo (fixtures/make.sh).
    ['rsa-pss.xml', 'RSA-PSS SHA-256', 'SHA-256'],
  ];
  for (const [name, signatureAlgorithm, digestAlgorithm] of cases) {
    it(name, async () => {
      const signature = await signatureOf(name);
      // A base64 transform signs the decoded text only, which the signature says in a warning.
      expectPassed(signature, name === 'base64-transform.xml' ? ['XML_REFERENCE_TEXT_ONLY'] : []);
      expect(signature.format).toBe('xmldsig');
      expect(signature.integrity.signatureAlgorithm).toBe(signatureAlgorithm);
      expect(signature.integrity.digestAlgorithm).toBe(digestAlgorithm);
    });
  }

  it('an enveloped whole-document signature covers the entire file', async () => {
    const signature = await signatureOf('vanban-rsa-sha256.xml');
    expect(signature.coverage).toEqual({
      level: 'entire-file',
      references: [{ uri: '', target: 'document', digestAlgorithm: 'SHA-256', intact: 'passed' }],
    });
    expect(signature.id).toBe('sig-1');
  });

  it('the signer certificate and every KeyInfo certificate are reported, trusted or not', async () => {
    const signature = await signatureOf('vanban-rsa-sha256.xml');
    expect(signature.integrity.certificates).toHaveLength(2);
    expect(signature.integrity.signerCertificate).toEqual(signature.integrity.certificates[0]);
    const untrusted = await signatureOf('untrusted.xml');
    expect(untrusted.integrity.certificates).toHaveLength(1);
    expect(untrusted.integrity.signerCertificate).toEqual(untrusted.integrity.certificates[0]);
  });
});

describe('what xmlsec1 rejects after an edit, kyso rejects', () => {
  it('a changed subject breaks the digest (HASH_FAILURE), the signature value still verifies', async () => {
    const signature = await signatureOf('vanban-rsa-sha256.subject-changed.xml');
    expect(signature.integrity.intact).toBe('failed');
    expect(signature.integrity.valid).toBe('passed');
    expect(codes(signature)).toEqual(['XML_REFERENCE_DIGEST_MISMATCH']);
  });

  it('a changed signature value fails the signature maths', async () => {
    const signature = await signatureOf('vanban-rsa-sha256.signature-changed.xml');
    expect(signature.integrity.intact).toBe('passed');
    expect(signature.integrity.valid).toBe('failed');
    expect(codes(signature)).toEqual(['XML_SIGNATURE_VALUE_INVALID']);
  });

  it('a changed amount in an Id-referenced element breaks its reference', async () => {
    const signature = await signatureOf('invoice-c14n11-sha384.amount-changed.xml');
    expect(signature.integrity.intact).toBe('failed');
  });

  it('two references, one to a changed element: only the intact one is reported as signed and the signature does not pass', async () => {
    const signature = await signatureOf('two-references.item-2-changed.xml');
    expect(signature.integrity.intact).toBe('failed');
    expect(signature.coverage?.references).toEqual([
      { uri: '#item-1', target: 'Item#item-1', digestAlgorithm: 'SHA-256', intact: 'passed' },
      { uri: '#item-2', target: 'Item#item-2', digestAlgorithm: 'SHA-256', intact: 'failed' },
    ]);
  });

  it('a changed XAdES SigningTime breaks the SignedProperties reference', async () => {
    const signature = await signatureOf('xades-bb.signing-time-changed.xml');
    expect(signature.integrity.intact).toBe('failed');
    expect(signature.integrity.claimedSigningTime).toBeUndefined();
    expect(codes(signature)).toContain('XML_XADES_PROPERTIES_UNSIGNED');
  });
});

describe('signature wrapping and parser confusion', () => {
  it('a forged copy under the signed element’s Id makes the signature a format failure', async () => {
    const signature = await signatureOf('wrapping-duplicate-id.xml');
    expect(signature.formatFailure).toBe(true);
    expect(signature.integrity.intact).toBe('failed');
    expect(codes(signature)).toContain('XML_DUPLICATE_ID');
    expect(signature.coverage?.references?.[0]?.target).toBe('ambiguous');
  });

  it('a signed element moved away and replaced by a forged one: the report names the moved element, and the e-invoice profile fails the seller signature that does not sign the DLHDon in place', async () => {
    const signature = await signatureOf('wrapping-moved.xml');
    expect([signature.integrity.intact, signature.integrity.valid]).toEqual(['passed', 'passed']);
    expect(signature.formatFailure).toBe(true);
    expect(signature.messages.map((m) => m.code)).toContain('EINVOICE_ROLE_NOT_COVERED');
    expect(signature.coverage?.level).toBe('elements');
    expect(detail(signature, 'references')).toEqual([
      expect.objectContaining({ uri: '#data', target: 'DLHDon#data', path: '/HDon[1]/LuuTru[1]/DLHDon[1]', intact: 'passed' }),
    ]);
  });

  it('a comment inside DigestValue is refused, though libxml2 reads past it', async () => {
    const signature = await signatureOf('comment-in-digest-value.xml');
    expect(signature.formatFailure).toBe(true);
    expect(signature.integrity.intact).toBe('failed');
    expect(codes(signature)).toContain('XML_VALUE_NOT_BASE64');
  });

  it('a second SignedInfo is a structure failure', async () => {
    const signature = await signatureOf('two-signed-info.xml');
    expect(signature.formatFailure).toBe(true);
    expect(signature.integrity.wellFormed).toBe(false);
    expect(codes(signature)).toEqual(['XML_SIGNATURE_STRUCTURE']);
  });
});

describe('what kyso does not verify is never passed, and never called wrong', () => {
  it('HMAC is unsupported: the value is unknown for want of an algorithm, not a format failure', async () => {
    const signature = await signatureOf('hmac.xml');
    expect(signature.formatFailure).toBe(false);
    expect(signature.integrity.valid).toBe('unknown');
    expect(signature.integrity.unknownReason).toBe('unsupported-algorithm');
    expect(codes(signature)).toContain('XML_UNSUPPORTED_ALGORITHM');
  });

  it('an XPath transform made by xmlsec1 (not(ancestor-or-self::ds:Signature)) verifies', async () => {
    const signature = await signatureOf('xpath-transform.xml');
    expectPassed(signature);
  });

  it('a bare KeyValue identifies nobody', async () => {
    const signature = await signatureOf('keyvalue-only.xml');
    expect(signature.integrity.signerIdentification).toBe('not-found');
    expect(signature.integrity.valid).toBe('unknown');
    expect(signature.integrity.intact).toBe('passed');
    expect(codes(signature)).toEqual(['XML_NO_CERTIFICATE']);
  });
});

describe('work bounds', () => {
  it('references past the document’s canonicalisation budget are not checked, never passed', async () => {
    // 40 references to the whole document: more than the budget (16 × size + 16 MiB) of a 1.5 MiB document.
    const source = new TextDecoder().decode(fixture('signed', 'vanban-rsa-sha256.xml'));
    const reference = /<ds:Reference URI="">[\s\S]*?<\/ds:Reference>/.exec(source)![0];
    const padding = `<Dem>${'x'.repeat(1536 * 1024)}</Dem>`;
    const heavy = source.replace(reference, reference.repeat(40)).replace('<SoKyHieu>', `${padding}<SoKyHieu>`);
    const document = await parseXmlDocument(new TextEncoder().encode(heavy), context());
    const [signature] = document.signatures;
    expect(signature!.formatFailure).toBe(false);
    expect(signature!.integrity.intact).not.toBe('passed');
    expect(codes(signature!)).toContain('XML_WORK_LIMIT');
  });
});

describe('edits of xmlsec1 signatures that kyso must refuse', () => {
  async function edited(name: string, edit: (text: string) => string): Promise<ParsedSignature> {
    const source = new TextDecoder().decode(fixture('signed', name));
    const changed = edit(source);
    expect(changed).not.toBe(source);
    const document = await parseXmlDocument(new TextEncoder().encode(changed), context());
    return document.signatures[0]!;
  }

  it('an external reference URI is never fetched: the signed data is not found, never passed', async () => {
    const signature = await edited('vanban-rsa-sha256.xml', (text) => text.replace('URI=""', 'URI="http://127.0.0.1:9/x.xml"'));
    expect(signature.formatFailure).toBe(false);
    expect(signature.integrity.intact).toBe('unknown');
    expect(signature.integrity.unknownReason).toBe('no-content');
    expect(codes(signature)).toContain('XML_UNSUPPORTED_REFERENCE');
  });

  it('a reference to an Id that no element carries fails', async () => {
    const signature = await edited('invoice-c14n11-sha384.xml', (text) => text.replace('URI="#data"', 'URI="#nothing"'));
    expect(signature.formatFailure).toBe(true);
    expect(signature.integrity.intact).toBe('failed');
    expect(codes(signature)).toContain('XML_REFERENCE_NOT_FOUND');
  });

  it('a DER-encoded ECDSA value (not r||s) is invalid', async () => {
    const signature = await edited('vanban-ecdsa-p256.xml', (text) =>
      text.replace(/(<ds:SignatureValue[^>]*>)[^<]*/, (_, open: string) => `${open}MEUCIQCqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqgIgVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVU=`),
    );
    expect(signature.integrity.valid).toBe('failed');
    expect(codes(signature)).toContain('XML_ECDSA_VALUE_LENGTH');
  });

  it('a certificate whose key type does not fit the signature method', async () => {
    const signature = await edited('vanban-rsa-sha256.xml', (text) =>
      text.replace('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256'),
    );
    expect(signature.integrity.valid).toBe('failed');
    expect(codes(signature)).toContain('XML_KEY_ALGORITHM_MISMATCH');
  });

  it('a signature with its X509Certificate removed identifies nobody', async () => {
    const signature = await edited('vanban-rsa-sha256.xml', (text) => text.replace(/<ds:X509Data>[\s\S]*<\/ds:X509Data>/, '<ds:X509Data></ds:X509Data>'));
    expect(signature.integrity).toMatchObject({ signerIdentification: 'not-found', valid: 'unknown', certificates: [] });
  });
});
