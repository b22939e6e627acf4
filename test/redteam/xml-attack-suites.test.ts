/**
 * Red team: published XML signature attacks, variant by variant (test/fixtures/attacks/xml-suites/,
 * made by samples/make-attacks-xml-suites.py: xmlsec1 signs with the test PKI, the attack is an
 * edit of the signed text). Every file's exact verdict is pinned; the rows below the table say what
 * each rule protects. The files and the attacks they carry are described in the fixtures' README.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, sample } from '../helpers.js';

const DIR = fileURLToPath(new URL('../fixtures/attacks/xml-suites/', import.meta.url));
let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

async function check(name: string): Promise<DocumentReport> {
  return verify(new Uint8Array(readFileSync(`${DIR}${name}`)), { trust, at: AT });
}
const verdict = (report: DocumentReport): string => `${report.indication}/${report.subIndication ?? ''}`;
const codes = (report: DocumentReport): string[] => [...report.messages, ...report.signatures.flatMap((s) => s.messages)].map((m) => m.code);

const PASSED = 'TOTAL_PASSED/';
const FORMAT = 'TOTAL_FAILED/FORMAT_FAILURE';
const HASH = 'TOTAL_FAILED/HASH_FAILURE';
const SIG = 'TOTAL_FAILED/SIG_CRYPTO_FAILURE';
const NOT_FOUND = 'INDETERMINATE/SIGNED_DATA_NOT_FOUND';
const NO_SIGNER = 'INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND';
const CRYPTO = 'INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE';

/** Every fixture's document verdict. */
const EXPECTED: Record<string, string> = {
  // XML Signature Wrapping (Somorovsky et al. 2012; McIntosh & Austel 2005), generic signed XML.
  'generic-id.xml': PASSED,
  'generic-root-id.xml': PASSED,
  'xsw-generic-moved-to-object.xml': PASSED,
  'xsw-generic-moved-to-extension.xml': PASSED,
  'xsw-generic-moved-to-header.xml': PASSED,
  'xsw-generic-forged-wraps-signed.xml': PASSED,
  'xsw-generic-dup-after.xml': FORMAT,
  'xsw-generic-dup-forged-wraps-signed.xml': FORMAT,
  'xsw-generic-dup-in-object.xml': FORMAT,
  'xsw-generic-dup-xml-id-in-keyinfo.xml': FORMAT,
  'xsw1-root-original-in-object.xml': HASH,
  'xsw2-root-original-beside-signature.xml': PASSED,
  // ... on an e-invoice, whose profile knows which DLHDon is the invoice.
  'einvoice.xml': PASSED,
  'xsw-einvoice-moved-to-object.xml': FORMAT,
  'xsw-einvoice-moved-to-dscks.xml': FORMAT,
  'xsw-einvoice-moved-to-extension.xml': FORMAT,
  'xsw-einvoice-moved-to-keyinfo.xml': FORMAT,
  'xsw-einvoice-forged-wraps-signed.xml': FORMAT,
  'xsw-einvoice-signed-after-forged.xml': FORMAT,
  'xsw-einvoice-forged-other-id-first.xml': FORMAT,
  'einvoice-in-container.xml': PASSED,
  'xsw-einvoice-in-container-moved-to-extension.xml': FORMAT,
  'xsw-einvoice-in-container-moved-out-of-invoice.xml': FORMAT,
  // DSCKS renamed: the Reference to a DLHDon still calls the profile.
  'xsw-einvoice-in-container-moved-out-dscks-renamed.xml': FORMAT,
  'dossier-invoice-data-signed-whole.xml': PASSED,
  // The XPath idiom leaves every ds:Signature out: a copy verifies anywhere.
  'xpath-idiom.xml': PASSED,
  'xpath-idiom-copy-beside.xml': FORMAT,
  'xpath-idiom-copy-in-content.xml': FORMAT,
  'xpath-idiom-fake-signature.xml': FORMAT,
  // ... in an edXML package, judged by its attachments: the copy breaks the signature layer.
  'edxml-xpath-idiom.edxml': PASSED,
  'edxml-xpath-idiom-copy-in-subject.edxml': PASSED,
  // Canonicalisation: comments (Duo Labs 2018), CDATA, character references, whitespace.
  'c14n-einvoice-duo-genuine.xml': PASSED,
  'c14n-einvoice-duo-comment.xml': PASSED,
  'c14n-einvoice-comment-added-text.xml': HASH,
  'c14n-einvoice-cdata.xml': PASSED,
  'c14n-einvoice-char-refs.xml': PASSED,
  'c14n-einvoice-whitespace-added.xml': HASH,
  'uri-empty.xml': PASSED,
  'uri-empty-comment-added.xml': PASSED,
  'uri-empty-stylesheet-added.xml': HASH,
  'root-id-stylesheet-added.xml': PASSED,
  // Manifests the seller signs, typed or not.
  'manifest-einvoice-typed.xml': PASSED,
  'manifest-einvoice-typed-total-changed.xml': HASH,
  'manifest-einvoice-untyped.xml': FORMAT,
  'manifest-einvoice-untyped-total-changed.xml': FORMAT,
  // Keys and algorithms.
  'hmac-sha256.xml': NO_SIGNER,
  'hmac-output-length-8.xml': NO_SIGNER,
  'hmac-with-certificate.xml': CRYPTO,
  'keyinfo-signer-not-first.xml': PASSED,
  'keyinfo-keyvalue-beside-other-certificate.xml': SIG,
  'keyinfo-retrieval-remote.xml': NO_SIGNER,
  'keyinfo-retrieval-file.xml': NO_SIGNER,
  'keyinfo-retrieval-self.xml': NO_SIGNER,
  'keyinfo-keyname-only.xml': NO_SIGNER,
  'keyinfo-subjectname-only.xml': NO_SIGNER,
  'algorithm-unknown-signature-method.xml': CRYPTO,
  'algorithm-md5-signature-method.xml': CRYPTO,
  'ecdsa-p521-java-trimmed.xml': PASSED,
  'ecdsa-p521-java-trimmed-changed.xml': SIG,
  // Revocation evidence in KeyInfo.
  'crl-revoked-signer-no-crl.xml': PASSED,
  'crl-revoked-signer-crl-in-keyinfo.xml': 'TOTAL_FAILED/REVOKED',
  'crl-revoked-signer-older-crl-in-keyinfo.xml': PASSED,
  'crl-good-signer-crl-in-keyinfo.xml': PASSED,
  // References outside the document: never fetched.
  'external-http.xml': NOT_FOUND,
  'external-file.xml': NOT_FOUND,
  'external-relative.xml': NOT_FOUND,
  'external-xpointer-path.xml': NOT_FOUND,
  // XAdES properties referenced with another Type, or not at all.
  'xades-properties-wrong-type.xml': PASSED,
  'xades-properties-wrong-type-time-changed.xml': HASH,
  'xades-properties-unreferenced.xml': PASSED,
  'xades-properties-unreferenced-time-changed.xml': PASSED,
  'xades-timestamp-of-another-signature.xml': PASSED,
};

describe('published XML signature attacks: every variant’s verdict', () => {
  it('the table names every fixture', () => {
    expect(readdirSync(DIR).filter((name) => name !== 'README.md').sort()).toEqual(Object.keys(EXPECTED).sort());
  });
  it.each(Object.entries(EXPECTED))('%s → %s', async (name, expected) => {
    expect(verdict(await check(name))).toBe(expected);
  });
});

describe('what the passing wrapped documents say is signed', () => {
  it.each([
    ['xsw-generic-moved-to-object.xml', '/HoSo[1]/ds:Signature[1]/ds:Object[1]/VanBan[1]'],
    ['xsw-generic-moved-to-extension.xml', '/HoSo[1]/Extensions[1]/VanBan[1]'],
    ['xsw-generic-moved-to-header.xml', '/HoSo[1]/Header[1]/VanBan[1]'],
    ['xsw-generic-forged-wraps-signed.xml', '/HoSo[1]/VanBan[1]/VanBan[1]'],
    ['xsw2-root-original-beside-signature.xml', '/VanBan[1]/VanBan[1]'],
  ])('%s: the moved element at %s, never the file', async (name, path) => {
    const [signature] = (await check(name)).signatures;
    expect(signature!.coverage?.level).toBe('elements');
    const details = signature!.details as { readonly references: readonly { readonly path?: string }[] };
    expect(details.references[0]!.path).toBe(path);
  });
});

describe('rules these variants hold kyso to', () => {
  it('a signer whose signature carries its issuer’s CRL revoking it (X509Data/X509CRL) is revoked; the same file without the CRL is not known to be', async () => {
    expect(codes(await check('crl-revoked-signer-crl-in-keyinfo.xml'))).toContain('PKI_REVOKED');
    expect(codes(await check('crl-revoked-signer-no-crl.xml'))).toContain('PKI_REVOCATION_NOT_FOUND');
    expect(codes(await check('crl-good-signer-crl-in-keyinfo.xml'))).not.toContain('PKI_REVOCATION_NOT_FOUND');
  });

  it('an invoice inside another root is still judged by the e-invoice profile', async () => {
    const report = await check('einvoice-in-container.xml');
    expect((report.details as { kind: string; message: string }).message).toBe('container');
    expect(codes(await check('xsw-einvoice-in-container-moved-to-extension.xml'))).toContain('EINVOICE_DATA_NOT_SIGNED');
  });

  it('a copied signature is a copy, not a second signature over the entire file', async () => {
    const report = await check('xpath-idiom-copy-beside.xml');
    expect(report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`)).toEqual([PASSED, FORMAT]);
    expect(codes(report)).toContain('XML_SIGNATURE_COPIED');
  });

  it('every Signature sharing a SignatureValue is content a reference cannot leave out unnoticed', async () => {
    // The generic document: the original still verifies, but no longer over the entire file.
    const generic = await check('xpath-idiom-copy-in-content.xml');
    expect(generic.signatures.map((s) => s.coverage?.level)).toEqual(['elements', 'elements']);
    expect(codes(generic)).toContain('XML_REFERENCE_PARTIAL');
    // edXML: the copied text inside Subject is not a signed Subject, and the package signature layer is not valid.
    const control = await check('edxml-xpath-idiom.edxml');
    const edxml = await check('edxml-xpath-idiom-copy-in-subject.edxml');
    type Facts = { metadata: { subject: { covered: boolean } }; packageSignature: { state: string } };
    const facts = (report: DocumentReport) => report.details as unknown as Facts;
    expect(facts(control).metadata.subject.covered).toBe(true);
    expect(facts(control).packageSignature.state).toBe('valid');
    expect(facts(edxml).metadata.subject.covered).toBe(false);
    expect(facts(edxml).packageSignature.state).toBe('invalid');
    expect(edxml.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`)).toEqual([FORMAT, FORMAT]);
  });

  it('a XAdES SignatureTimeStamp over another signature’s value lends no time', async () => {
    const [signature] = (await check('xades-timestamp-of-another-signature.xml')).signatures;
    expect(signature!.timestamps.map((t) => `${t.indication}/${t.subIndication ?? ''}`)).toEqual(['TOTAL_FAILED/HASH_FAILURE']);
    expect(signature!.times.bestSignatureTime).toEqual(AT.toISOString());
  });

  it('a root referenced by Id is not the entire file when a stylesheet PI beside it is unsigned', async () => {
    expect((await check('generic-root-id.xml')).signatures[0]!.coverage?.level).toBe('entire-file');
    expect((await check('root-id-stylesheet-added.xml')).signatures[0]!.coverage?.level).toBe('elements');
    expect((await check('uri-empty-comment-added.xml')).signatures[0]!.coverage?.level).toBe('entire-file');
  });

  it('a comment inside signed text splits nothing the report shows: the whole text is read (Duo Labs 2018)', async () => {
    const report = await check('c14n-einvoice-duo-comment.xml');
    expect((report.details as { invoice?: { buyerTaxCode?: string } }).invoice?.buyerTaxCode).toBe('0309999999-001');
  });

  it('XAdES properties under a reference of another Type are still those signed, with a warning; unreferenced ones claim no time', async () => {
    expect(codes(await check('xades-properties-wrong-type.xml'))).toContain('XML_XADES_REFERENCE_TYPE');
    const unreferenced = await check('xades-properties-unreferenced-time-changed.xml');
    expect(codes(unreferenced)).toContain('XML_XADES_PROPERTIES_UNSIGNED');
    expect(unreferenced.signatures[0]!.times.claimedSigningTime).toBeUndefined();
  });
});
