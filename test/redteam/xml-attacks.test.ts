/**
 * Red team: hostile XML signatures (test/fixtures/attacks/xml/README.md, made by
 * samples/make-attacks-xml.py with xmlsec1 and the test PKI's keys). Each row names the
 * rule it holds kyso to.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, sample } from '../helpers.js';
import { checkXmlAttack, verdicts, XML_ATTACKS } from './xml-fixtures.js';

const check = checkXmlAttack;
const codes = (report: DocumentReport): string[] => report.signatures.flatMap((s) => s.messages.map((m) => m.code));

describe('XPath work is measured, not guessed from the expression’s text', () => {
  it.each([
    // count(/*/*) from every node: n evaluations × n children, and n² node-set adds each.
    ['xpath-every-node-walks-root.xml'],
    // string(/) from every node: the whole document's text per node.
    ['xpath-string-of-root-per-node.xml'],
    // Filter 2.0: //*[count(//*) > 0], a whole-tree count per element.
    ['xpath-filter2-count-per-element.xml'],
  ])('%s stops at the budget: unchecked, never failed or passed', async (name) => {
    const report = await check(name);
    expect(report.indication).toBe('INDETERMINATE');
    expect(codes(report)).toContain('XML_XPATH_WORK_LIMIT');
  });

  it('the enveloped-signature idiom as an XPath transform fits the budget on a deep 5,000-element document (xmlsec1)', async () => {
    expect(verdicts(await check('xpath-enveloped-idiom-5000.xml'))).toEqual(['TOTAL_PASSED/']);
  });
});

describe('an Exclusive C14N PrefixList is bounded', () => {
  it('the largest list allowed (64 prefixes) passes', async () => {
    expect(verdicts(await check('exc-prefixlist-64.xml'))).toEqual(['TOTAL_PASSED/']);
  });

  it('one more prefix is refused: unchecked, never passed', async () => {
    const report = await check('exc-prefixlist-65.xml');
    expect(report.indication).toBe('INDETERMINATE');
    expect(codes(report)).toContain('XML_CANONICALIZATION_UNSUPPORTED');
  });
});

describe('the signer’s certificate cannot be used: never a CA in its place', () => {
  it.each([
    // X509IssuerSerial names the person (serial 0x3001); only the intermediate is carried.
    ['keyinfo-issuerserial-ca-only.xml', 'XML_SIGNER_NAMED_NOT_INCLUDED'],
    // No X509IssuerSerial; only the intermediate is carried.
    ['keyinfo-ca-only.xml', 'XML_ONLY_CA_CERTIFICATES'],
    // The leaf's outer length is BER (non-minimal): kyso's DER reader refuses it on purpose.
    ['keyinfo-leaf-nonminimal-length.xml', 'XML_ONLY_CA_CERTIFICATES'],
  ])('%s → INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND, no signer named', async (name, code) => {
    const report = await check(name);
    expect(verdicts(report)).toEqual(['INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND']);
    expect(codes(report)).toContain(code);
    expect(report.signatures[0]!.signer).toBeUndefined();
  });

  it('a self-signed CA:TRUE certificate alone, whose key verifies, is still the signer (untrusted here)', async () => {
    const report = await check('keyinfo-self-signed-ca-signer.xml');
    expect(verdicts(report)).toEqual(['INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND']);
    expect(report.signatures[0]!.signer?.subject).toContain('kyso other root CA');
  });

  it('a leaf certificate in a CDATA section is ordinary text: the signature passes', async () => {
    expect(verdicts(await check('keyinfo-leaf-cdata.xml'))).toEqual(['TOTAL_PASSED/']);
  });
});

describe('coverage says what the transforms leave signed', () => {
  it.each([
    // enveloped + base64 over URI="": only the text is signed.
    ['base64-uri-empty.xml', 'XML_REFERENCE_TEXT_ONLY'],
    // ...and the root's attributes and an element name edited after signing: still valid, never entire-file.
    ['base64-uri-empty-markup-changed.xml', 'XML_REFERENCE_TEXT_ONLY'],
    // an XPath transform leaves SoTien out...
    ['xpath-excludes-amount.xml', 'XML_REFERENCE_PARTIAL'],
    // ...and SoTien edited after signing.
    ['xpath-excludes-amount-changed.xml', 'XML_REFERENCE_PARTIAL'],
  ])('%s → passed, coverage elements (not entire-file), with %s', async (name, code) => {
    const report = await check(name);
    expect(verdicts(report)).toEqual(['TOTAL_PASSED/']);
    expect(report.signatures[0]!.coverage?.level).toBe('elements');
    expect(codes(report)).toContain(code);
  });

  it.each([['xades-signingtime-excluded.xml'], ['xades-signingtime-excluded-changed.xml']])(
    '%s: SignedProperties with SigningTime left out by XPath → no signed signing time claimed',
    async (name) => {
      const report = await check(name);
      const [signature] = report.signatures;
      expect(signature!.times.claimedSigningTime).toBeUndefined();
      expect(codes(report)).toContain('XML_XADES_PROPERTIES_PARTLY_SIGNED');
    },
  );
});

describe('declared legacy single-byte encodings are honoured (xmlsec1 signed them through libxml2)', () => {
  it.each([['encoding-windows-1258.xml'], ['encoding-windows-1252.xml'], ['encoding-windows-1252-ascii.xml']])('%s → TOTAL_PASSED', async (name) => {
    expect(verdicts(await check(name))).toEqual(['TOTAL_PASSED/']);
  });
});

describe('windows-1258 with combining tone marks: decoders disagree (glibc composes, the code page table does not)', () => {
  it('is unchecked, never a digest failure', async () => {
    const report = await check('encoding-windows-1258-tone-marks.xml');
    expect(report.indication).toBe('INDETERMINATE');
    expect(report.messages.map((m) => m.code)).toContain('XML_ENCODING_UNSUPPORTED');
  });
});

describe('a XAdES signature timestamp without its TSA certificate (RFC 3161 certReq false)', () => {
  it('finds the TSA certificate among the signature’s certificates (XAdES CertificateValues) and proves the time', async () => {
    // The TSA's issuer comes from the trust store (kyso ships intermediates): the token carries nothing.
    const withIntermediate = TrustStore.from(new Uint8Array([...sample('pki/kyso-test-root.pem'), ...sample('ca/intermediate.pem')]));
    const report = await verify(new Uint8Array(readFileSync(`${XML_ATTACKS}xades-timestamp-no-tsa-certificate.xml`)), { trust: withIntermediate, at: AT });
    const [signature] = report.signatures;
    expect(codes(report)).not.toContain('VALIDATION_TIMESTAMP_FAILED');
    expect(signature!.times.timestampTime).toBe('2025-03-01T09:00:05.000Z');
  });
});
