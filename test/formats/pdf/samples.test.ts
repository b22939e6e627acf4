/**
 * samples/pdf: documents signed by poppler's pdfsig and openssl (see samples/README.md).
 * What is asserted is what the PDF reader owns: coverage, changes after signing,
 * formatFailure, integrity as the CMS layer reports it, LTV data and details.
 */
import { describe, expect, test } from 'vitest';
import { byId, codes, expectCoverage, only, parse, sample } from './helpers.js';
import { detail } from '../../helpers.js';

describe('pdfsig and openssl samples', () => {
  test('an unsigned document with two empty signature fields has no signature', async () => {
    const document = await parse(sample('unsigned-fields.pdf'));
    expect(document.readable).toBe(true);
    expect(document.signatures).toHaveLength(0);
    expect(detail(document, 'emptySignatureFields')).toEqual(['SigPerson', 'SigOrganization']);
  });

  test('a single pdfsig signature covers the entire file, with its appearance metadata', async () => {
    const signature = only(await parse(sample('person-signed.pdf')));
    expectCoverage(signature, 'entire-file', false);
    expect(signature.coverage?.revision).toBe(2);
    expect(signature.format).toBe('pdf-pkcs7');
    expect(signature.integrity.intact).toBe('passed');
    expect(signature.integrity.valid).toBe('passed');
    expect(signature.modifications).toEqual({ level: 'none', changes: [] });
    expect(signature.claimedSigningTime?.toISOString()).toBe('2025-03-01T09:00:00.000Z');
    expect(signature.details).toMatchObject({
      fieldName: 'SigPerson',
      subFilter: 'adbe.pkcs7.detached',
      name: 'Nguyễn Văn An',
      reason: 'Ky duyet',
      signingTime: '2025-03-01T09:00:00.000Z',
      pageIndex: 0,
      rect: [0, 0, 0, 0],
      revision: 2,
      certificationLevel: null,
      padesLevel: 'B-B',
    });
  });

  test('person then organization: the later signature in an existing field is an allowed change', async () => {
    const document = await parse(sample('person-then-organization.pdf'));
    expect(document.signatures.map((s) => s.id)).toEqual(['SigPerson', 'SigOrganization']);
    const person = byId(document, 'SigPerson');
    expectCoverage(person, 'entire-revision', false);
    expect(person.coverage?.revision).toBe(2);
    expect(person.modifications?.level).toBe('form-filling');
    expect(person.modifications?.changes.every((c) => c.object === '8 0 R' && c.revision === 3)).toBe(true);
    const organization = byId(document, 'SigOrganization');
    expectCoverage(organization, 'entire-file', false);
    expect(organization.coverage?.revision).toBe(3);
    expect(organization.modifications?.level).toBe('none');
    expect(detail(organization, 'name')).toBe('UBND Tỉnh Thử Nghiệm');
  });

  test('a byte changed inside the signed range: coverage is fine, the digest is not', async () => {
    const signature = only(await parse(sample('tampered.pdf')));
    expectCoverage(signature, 'entire-file', false);
    expect(signature.integrity.intact).toBe('failed');
  });

  test('page content changed in a later revision is a change of level other, naming the objects', async () => {
    const signature = only(await parse(sample('page-changed-after-signing.pdf')));
    expectCoverage(signature, 'entire-revision', false);
    expect(signature.integrity.intact).toBe('passed');
    expect(signature.modifications?.level).toBe('other');
    expect(signature.modifications?.changes).toEqual([
      { revision: 3, object: '3 0 R', kind: 'other', description: '/Contents of page 1 changed' },
      { revision: 3, object: '11 0 R', kind: 'other', description: 'new object referenced by 3 0 R' },
    ]);
    expect(codes(signature.messages)).toContain('PDF_MODIFIED_AFTER_SIGNING');
  });

  test('a DSS added after signing is long-term validation data, read as certificates and revocation sources', async () => {
    const signature = only(await parse(sample('dss-after-signing.pdf')));
    expectCoverage(signature, 'entire-revision', false);
    expect(signature.modifications?.level).toBe('ltv');
    expect(signature.ltv?.certificates).toHaveLength(2);
    expect(signature.ltv?.revocation.crls).toHaveLength(2);
    expect(signature.ltv?.revocation.ocspResponses).toHaveLength(1);
    for (const der of [...signature.ltv!.certificates, ...signature.ltv!.revocation.crls!, ...signature.ltv!.revocation.ocspResponses!]) {
      expect(der[0]).toBe(0x30);
    }
  });

  test('a certification signature with P=1 and no later change', async () => {
    const signature = only(await parse(sample('certified-p1.pdf')));
    expectCoverage(signature, 'entire-file', false);
    expect(detail(signature, 'certificationLevel')).toBe(1);
    expect(signature.modifications?.level).toBe('none');
  });

  test('P=1 then another signature: the certification signature fails, the later one does not', async () => {
    const document = await parse(sample('certified-p1-then-signed.pdf'));
    const person = byId(document, 'SigPerson');
    expect(person.modifications?.level).toBe('other');
    expect(codes(person.messages)).toEqual(expect.arrayContaining(['PDF_DOCMDP_VIOLATION', 'PDF_MODIFIED_AFTER_SIGNING']));
    const organization = byId(document, 'SigOrganization');
    expectCoverage(organization, 'entire-file', false);
    expect(organization.modifications?.level).toBe('none');
  });

  test('P=1 then a sticky note: annotations are not permitted', async () => {
    const signature = only(await parse(sample('certified-p1-then-annotated.pdf')));
    expect(signature.modifications?.level).toBe('other');
    expect(signature.modifications?.changes).toEqual([
      {
        revision: 3,
        object: '10 0 R',
        kind: 'other',
        description: 'annotation (Text) added to page 1 (not allowed by the certification signature, DocMDP P=1)',
      },
    ]);
  });

  test('P=2 then another signature: signing is permitted', async () => {
    const document = await parse(sample('certified-p2-then-signed.pdf'));
    const person = byId(document, 'SigPerson');
    expect(detail(person, 'certificationLevel')).toBe(2);
    expect(person.modifications?.level).toBe('form-filling');
    expect(person.formatFailure).toBe(false);
  });

  test('an ETSI.CAdES.detached signature is a PAdES signature', async () => {
    const signature = only(await parse(sample('cades-openssl.pdf')));
    expect(signature.format).toBe('pades');
    expectCoverage(signature, 'entire-file', false);
    expect(signature.integrity.intact).toBe('passed');
    expect(signature.integrity.certificateBinding).toBe('signing-certificate-v2');
  });

  test('a document timestamp proves the earlier signature existed', async () => {
    const document = await parse(sample('document-timestamp.pdf'));
    const timestamp = byId(document, 'DocTimeStamp1');
    expect(timestamp.format).toBe('document-timestamp');
    expectCoverage(timestamp, 'entire-file', false);
    expect(timestamp.integrity.intact).toBe('passed');
    expect(detail(timestamp, 'genTime')).toBe('2025-03-01T09:30:00.000Z');
    const person = byId(document, 'SigPerson');
    expect(person.modifications?.level).toBe('ltv');
    expect(person.documentTimestamps).toHaveLength(1);
    expect(person.documentTimestamps![0]!.kind).toBe('document');
    expect(person.documentTimestamps![0]!.imprintMatches).toBe('passed');
    expect(person.documentTimestamps![0]!.genTime?.toISOString()).toBe('2025-03-01T09:30:00.000Z');
    expect(detail(person, 'padesLevel')).toBe('B-T');
  });

  test('DSS then a document timestamp over it is the B-LTA shape', async () => {
    const document = await parse(sample('expired-ltv.pdf'));
    const person = byId(document, 'SigPerson');
    expect(person.modifications?.level).toBe('ltv');
    expect(detail(person, 'padesLevel')).toBe('B-LTA');
    expect(person.documentTimestamps?.[0]?.genTime?.toISOString()).toBe('2020-06-02T01:00:00.000Z');
    expect(person.ltv?.revocation.crls).toHaveLength(2);
  });
});
