/**
 * XAdES properties are read only where SignedInfo points. Each attack is built here
 * from a file xmlsec1 signed (fixtures/signed/xades-organization.xml, signed by
 * `organization`; samples/xml/xades-baseline-b.xml, signed by `person`) and from
 * samples/ca/organization-twin.pem: a certificate with the same issuer, serial and key
 * as `organization` but another subject, so it checks the same signature value.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParsedSignature } from '../../../src/formats/types.js';
import { parseXmlDocument } from '../../../src/formats/xml/index.js';
import { TrustStore } from '../../../src/pki/trust-store.js';
import type { DocumentReport } from '../../../src/report/types.js';
import { verify } from '../../../src/verify.js';
import { AT, sample } from '../../helpers.js';
import { context, fixture, text, utf8 } from './helpers.js';

const XADES = 'http://uri.etsi.org/01903/v1.3.2#';
const signedByOrganization = text(fixture('signed', 'xades-organization.xml'));
const twin = text(sample('ca/organization-twin.pem')).replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
const organization = text(sample('ca/organization.pem')).replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');

async function digestOf(base64: string): Promise<string> {
  const der = Uint8Array.from(Buffer.from(base64, 'base64'));
  return Buffer.from(await crypto.subtle.digest('SHA-256', der)).toString('base64');
}

/** Replaces `from` by `to` once, failing the test if `from` is not there. */
function edit(document: string, from: string | RegExp, to: string): string {
  const edited = document.replace(from, to);
  expect(edited).not.toBe(document);
  return edited;
}

/** The signer's certificate in KeyInfo swapped for the twin (KeyInfo is not signed). */
const twinOnly = (document: string): string => edit(document, /<ds:X509Certificate>[^<]+<\/ds:X509Certificate>/, `<ds:X509Certificate>${twin}</ds:X509Certificate>`);
/** The twin added before the signer's certificate: two certificates check the signature. */
const twinAdded = (document: string): string => edit(document, '<ds:X509Certificate>', `<ds:X509Certificate>${twin}</ds:X509Certificate><ds:X509Certificate>`);

/** An unsigned SignedProperties naming the twin, with a SigningTime of its own. */
async function unsignedPropertiesNamingTwin(prefix = 'xades', ds = 'ds:'): Promise<string> {
  return (
    `<${prefix}:SignedProperties><${prefix}:SignedSignatureProperties><${prefix}:SigningTime>2019-01-01T00:00:00Z</${prefix}:SigningTime>` +
    `<${prefix}:SigningCertificateV2><${prefix}:Cert><${prefix}:CertDigest><${ds}DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>` +
    `<${ds}DigestValue>${await digestOf(twin)}</${ds}DigestValue></${prefix}:CertDigest></${prefix}:Cert></${prefix}:SigningCertificateV2>` +
    `</${prefix}:SignedSignatureProperties></${prefix}:SignedProperties>`
  );
}

async function only(document: string): Promise<ParsedSignature> {
  const parsed = await parseXmlDocument(utf8(document), context());
  expect(parsed.signatures).toHaveLength(1);
  return parsed.signatures[0]!;
}

const codes = (signature: ParsedSignature): string[] => signature.integrity.messages.map((message) => message.code);

describe('XAdES: the properties read are the element SignedInfo signed', () => {
  it('control: the untouched file binds organization', async () => {
    const signature = await only(signedByOrganization);
    expect(signature.formatFailure).toBe(false);
    expect(signature.integrity).toMatchObject({ intact: 'passed', valid: 'passed', signerIdentification: 'found', certificateBinding: 'signing-certificate-v2' });
    expect(Buffer.from(signature.integrity.signerCertificate!).toString('base64')).toBe(organization);
  });

  it('control: the twin alone in KeyInfo is caught by the signed SigningCertificateV2', async () => {
    const signature = await only(twinOnly(signedByOrganization));
    expect(signature.integrity).toMatchObject({ valid: 'passed', signerIdentification: 'mismatch' });
  });

  it('both certificates in KeyInfo: the signed SigningCertificateV2 picks organization, not the twin', async () => {
    const signature = await only(twinAdded(signedByOrganization));
    expect(signature.integrity.signerIdentification).toBe('found');
    expect(Buffer.from(signature.integrity.signerCertificate!).toString('base64')).toBe(organization);
  });

  it('an unsigned, empty QualifyingProperties in a new ds:Object (decoy) is a format failure, not "no XAdES"', async () => {
    const decoy = `<ds:Object><xades:QualifyingProperties xmlns:xades="${XADES}" Target="#sig-1"/></ds:Object>`;
    const signature = await only(edit(twinOnly(signedByOrganization), '</ds:KeyInfo>', `</ds:KeyInfo>${decoy}`));
    expect(signature.formatFailure).toBe(true);
    expect(codes(signature)).toContain('XML_XADES_DUPLICATE');
    expect(signature.integrity.certificateBinding).toBe('none');
  });

  it('a second QualifyingProperties after the signed one is a format failure too', async () => {
    const decoy = `<ds:Object><xades:QualifyingProperties xmlns:xades="${XADES}" Target="#sig-1">${await unsignedPropertiesNamingTwin()}</xades:QualifyingProperties></ds:Object>`;
    const signature = await only(edit(twinAdded(signedByOrganization), '</ds:Signature>', `${decoy}</ds:Signature>`));
    expect(signature.formatFailure).toBe(true);
    expect(codes(signature)).toContain('XML_XADES_DUPLICATE');
    expect(signature.integrity.signerIdentification).not.toBe('found');
  });

  it('a changed (unsigned) Target does not hide the signed properties: the twin is still a mismatch', async () => {
    const signature = await only(edit(twinOnly(signedByOrganization), 'Target="#sig-1"', 'Target="#sig-other"'));
    expect(signature.integrity).toMatchObject({ intact: 'passed', valid: 'passed', signerIdentification: 'mismatch', certificateBinding: 'signing-certificate-v2' });
    expect(codes(signature)).toEqual(expect.arrayContaining(['XML_XADES_TARGET_MISMATCH', 'XML_XADES_SIGNING_CERTIFICATE_MISMATCH']));
  });

  it('an unsigned SignedProperties naming the twin, placed before the signed one, is a format failure', async () => {
    const forged = edit(twinOnly(signedByOrganization), '<xades:SignedProperties Id=', `${await unsignedPropertiesNamingTwin()}<xades:SignedProperties Id=`);
    const signature = await only(forged);
    expect(signature.formatFailure).toBe(true);
    expect(codes(signature)).toContain('XML_XADES_DUPLICATE');
    expect(signature.integrity.claimedSigningTime).toBeUndefined();
  });

  it('the same with both certificates in KeyInfo: the unsigned copy cannot pick the twin', async () => {
    const forged = edit(twinAdded(signedByOrganization), '<xades:SignedProperties Id=', `${await unsignedPropertiesNamingTwin()}<xades:SignedProperties Id=`);
    const signature = await only(forged);
    expect(signature.formatFailure).toBe(true);
    expect(signature.integrity.signerIdentification).toBe('ambiguous');
    expect(signature.integrity.signerCertificate).toBeUndefined();
  });

  it('the signed SignedProperties moved out of QualifyingProperties (wrapping), a forged one in its place: format failure', async () => {
    const signedProperties = /<xades:SignedProperties Id="xades-props">.*?<\/xades:SignedProperties>/s.exec(signedByOrganization)![0];
    let forged = edit(twinOnly(signedByOrganization), signedProperties, await unsignedPropertiesNamingTwin());
    // exclusive c14n renders only the namespaces the moved element uses: its digest still matches.
    forged = edit(forged, '</ds:Signature>', `<ds:Object><xades:Kept xmlns:xades="${XADES}">${signedProperties}</xades:Kept></ds:Object></ds:Signature>`);
    const signature = await only(forged);
    expect(signature.integrity.intact).toBe('passed');
    expect(signature.formatFailure).toBe(true);
    expect(codes(signature)).toContain('XML_XADES_PROPERTIES_ELSEWHERE');
    expect(signature.integrity.certificateBinding).toBe('none');
  });

  it('samples/xml/xades-baseline-b.xml with an unsigned decoy SignedProperties first: its SigningTime is never read', async () => {
    const original = text(sample('xml/xades-baseline-b.xml'));
    // The sample's Signature declares XMLDSig as the default namespace: unprefixed ds elements.
    const forged = edit(original, '<xades:SignedProperties Id=', `${await unsignedPropertiesNamingTwin('xades', '')}<xades:SignedProperties Id=`);
    const signature = await only(forged);
    expect(signature.formatFailure).toBe(true);
    expect(signature.integrity.claimedSigningTime).toBeUndefined();
  });
});

describe('XAdES attacks, end to end', () => {
  let trust: TrustStore;
  beforeAll(() => {
    trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
  });
  const verdicts = (report: DocumentReport): string[] => report.signatures.map((s) => (s.subIndication ? `${s.indication}/${s.subIndication}` : s.indication));

  it('twin + decoy QualifyingProperties → TOTAL_FAILED/FORMAT_FAILURE, never TOTAL_PASSED naming the twin', async () => {
    const decoy = `<ds:Object><xades:QualifyingProperties xmlns:xades="${XADES}" Target="#sig-1"/></ds:Object>`;
    const report = await verify(utf8(edit(twinOnly(signedByOrganization), '</ds:KeyInfo>', `</ds:KeyInfo>${decoy}`)), { trust, at: AT });
    expect(verdicts(report)).toEqual(['TOTAL_FAILED/FORMAT_FAILURE']);
  });

  it('twin + changed Target → INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND', async () => {
    const report = await verify(utf8(edit(twinOnly(signedByOrganization), 'Target="#sig-1"', 'Target="#sig-other"')), { trust, at: AT });
    expect(verdicts(report)).toEqual(['INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND']);
  });

  it('control: the untouched organization XAdES passes', async () => {
    expect(verdicts(await verify(utf8(signedByOrganization), { trust, at: AT }))).toEqual(['TOTAL_PASSED']);
  });
});
