/**
 * Genuine documents from the JavaScript signing libraries Node-based document and e-invoice
 * systems use (xml-crypto 6/3/2, xadesjs, node-forge, @signpdf), made by
 * samples/producers/node/make.mjs with the test PKI: the exact verdicts, and why each one that
 * is not TOTAL_PASSED is not (samples/producers/node/README.md has the peers' verdicts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, sample } from '../helpers.js';

const OUT = 'producers/node/out/';
let testRoot: TrustStore;
let edgeRoot: TrustStore;
beforeAll(() => {
  testRoot = TrustStore.from(sample('pki/kyso-test-root.pem'));
  // pki-edge/good's issuer name is ASCII: node-forge writes it into the SignerInfo intact.
  edgeRoot = TrustStore.from(sample('pki-edge/root.pem'));
});

const check = (name: string): Promise<DocumentReport> => {
  const trust = name.includes('edge-good') ? edgeRoot : testRoot;
  const content = name.endsWith('.p7s') ? { content: sample(OUT + name.slice(0, -'.p7s'.length)) } : {};
  return verify(sample(OUT + name), { trust, at: AT, ...content });
};
const verdict = (x: { indication: string; subIndication?: string | undefined }): string => (x.subIndication ? `${x.indication}/${x.subIndication}` : x.indication);
const codes = (report: DocumentReport): string[] => [...report.messages, ...report.signatures.flatMap((s) => s.messages)].map((m) => m.code);

describe('xml-crypto (6.3.2, 3.2.1, 2.1.6): XMLDSig as its README shows', () => {
  it.each([
    'xmlcrypto6-enveloped-exc-c14n-rsa-sha256.xml',
    'xmlcrypto6-saml-assertion-exc-c14n-prefixlist.xml',
  ])('%s → TOTAL_PASSED', async (name) => {
    const report = await check(name);
    expect(report.signatures.map(verdict)).toEqual(['TOTAL_PASSED']);
    expect(report.signatures[0]).toMatchObject({ intact: 'passed', valid: 'passed', trusted: 'passed' });
  });

  it.each(['xmlcrypto6-einvoice-hdon.xml', 'xmlcrypto3-einvoice-hdon.xml', 'xmlcrypto2-einvoice-hdon.xml'])(
    '%s: DLHDon by Id, the signature in DSCKS/NBan, the seller\'s certificate → TOTAL_PASSED, the seller confirmed',
    async (name) => {
      const report = await check(name);
      expect(verdict(report)).toBe('TOTAL_PASSED');
      expect(report.signatures.map(verdict)).toEqual(['TOTAL_PASSED']);
      expect(codes(report)).toContain('EINVOICE_SIGNER_IS_ROLE');
      expect(report.facts?.agency).toMatchObject({ scheme: 'tax-code', id: '0101234567', source: 'einvoice-seller' });
    },
  );

  it('xml-crypto 6 signs the Object holding SigningTime: the local time is read as Vietnamese time', async () => {
    const report = await check('xmlcrypto6-einvoice-hdon.xml');
    expect(codes(report)).toContain('EINVOICE_SIGNING_TIME');
    expect(report.signatures[0]!.times.claimedSigningTime).toBe('2026-03-02T02:30:00.000Z');
  });

  // Not a producer fault: kyso's policy holds RSA-SHA1 expired without proof of existence (xmlsec1: OK).
  it.each(['xmlcrypto6-id-c14n-rsa-sha1.xml', 'xmlcrypto2-enveloped-defaults.xml'])('%s (RSA-SHA1) → INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE, intact', async (name) => {
    const report = await check(name);
    expect(report.signatures.map(verdict)).toEqual(['INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE']);
    expect(report.signatures[0]).toMatchObject({ intact: 'passed', valid: 'passed' });
  });
});

describe('xadesjs 2.6.8: XAdES-BES as its README shows', () => {
  // xadesjs writes the enveloped document Reference without any URI attribute. XMLDSig §4.4.3.1
  // leaves such a Reference to what the application knows; its enveloped-signature transform
  // says the data holds the signature, and xmlsec1 and xadesjs's own verifier read it as the
  // document: kyso does too, and the whole document's digest matches.
  it.each(['xadesjs-bes-rsa-sha256.xml', 'xadesjs-bes-ecdsa-p256.xml'])('%s → TOTAL_PASSED, the URI-less Reference read as the document', async (name) => {
    const report = await check(name);
    expect(report.signatures.map(verdict)).toEqual(['TOTAL_PASSED']);
    expect(report.signatures[0]).toMatchObject({ format: 'xades', intact: 'passed', valid: 'passed', trusted: 'passed' });
    expect(codes(report)).toContain('XML_NO_URI_READ_AS_DOCUMENT');
  });

  it('xadesjs-bes-rsa-sha256.xml with its text changed → INDETERMINATE/SIGNED_DATA_NOT_FOUND, never passed', async () => {
    const text = new TextDecoder().decode(sample(`${OUT}xadesjs-bes-rsa-sha256.xml`)).replace('có hiệu lực', 'không có hiệu lực');
    const report = await verify(new TextEncoder().encode(text), { trust: testRoot, at: AT });
    expect(report.signatures.map(verdict)).toEqual(['INDETERMINATE/SIGNED_DATA_NOT_FOUND']);
    expect(codes(report)).toContain('XML_UNSUPPORTED_REFERENCE');
  });
});

describe('node-forge 1.4.4: detached PKCS#7', () => {
  it('signed attributes in DER order (contentType, signingTime, messageDigest, as @signpdf adds them) → TOTAL_PASSED', async () => {
    const report = await check('forge-signpdf-order-edge-good.txt.p7s');
    expect(report.signatures.map(verdict)).toEqual(['TOTAL_PASSED']);
  });

  // forge signs its stored attribute order, not the DER order of the SET OF (RFC 5652 §5.3, §5.4):
  // the signature verifies only over those stored bytes (openssl cms accepts; BouncyCastle/EU DSS do not).
  it("forge README's order (contentType, messageDigest, signingTime) → TOTAL_FAILED/SIG_CRYPTO_FAILURE, only the stored bytes verify", async () => {
    const report = await check('forge-readme-order-edge-good.txt.p7s');
    expect(report.signatures.map(verdict)).toEqual(['TOTAL_FAILED/SIG_CRYPTO_FAILURE']);
    expect(codes(report)).toEqual(expect.arrayContaining(['CMS_SIGNED_ATTRIBUTES_REENCODED', 'CMS_SIGNED_ATTRIBUTES_ONLY_STORED_VALID']));
  });

  // forge re-encodes the issuer name into issuerAndSerialNumber and UTF-8-encodes the UTF8String
  // values a second time (forge issue #847): the SignerInfo names an issuer no certificate has
  // (openssl cms and pdfsig: signer certificate not found too).
  it('a certificate whose issuer name is not ASCII → INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND', async () => {
    const report = await check('forge-signpdf-order-person.txt.p7s');
    expect(report.signatures.map(verdict)).toEqual(['INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND']);
    expect(report.signatures[0]).toMatchObject({ intact: 'passed' });
    expect(codes(report)).toContain('CMS_SIGNER_NOT_FOUND');
  });
});

describe('@signpdf 3.3.0 (P12Signer through node-forge) on pdf-lib PDFs', () => {
  it.each(['signpdf-plain-edge-good.pdf', 'signpdf-pdflib-edge-good.pdf'])('%s → TOTAL_PASSED', async (name) => {
    const report = await check(name);
    expect(verdict(report)).toBe('TOTAL_PASSED');
    expect(report.signatures.map(verdict)).toEqual(['TOTAL_PASSED']);
    expect(codes(report)).not.toContain('CMS_SIGNED_ATTRIBUTES_REENCODED');
  });

  it('signed under samples/ca (issuer O=Cơ quan chứng thực …): forge\'s issuer name → INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND', async () => {
    const report = await check('signpdf-plain-person.pdf');
    expect(report.signatures.map(verdict)).toEqual(['INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND']);
    expect(report.signatures[0]).toMatchObject({ intact: 'passed' });
  });
});
