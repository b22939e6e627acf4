/**
 * An edXML package passes only on what kyso checked of what it carries. The packages are
 * made by samples/make-attacks-edxml.py (xmlsec1, the test PKI's keys; attachments are
 * samples/pdf/person-signed.pdf and the tampered samples/pdf/tampered.pdf) into
 * test/fixtures/attacks/edxml/.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../../src/pki/trust-store.js';
import type { DocumentReport } from '../../../src/report/types.js';
import { verify } from '../../../src/verify.js';
import type { VerifyOptions } from '../../../src/options.js';
import { AT, REPO, detail, sample } from '../../helpers.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(`${REPO}test/fixtures/attacks/edxml/${name}`));
const codes = (report: DocumentReport): string[] => report.messages.map((message) => message.code);
const verdict = (report: { indication: string; subIndication?: string }): string =>
  report.subIndication ? `${report.indication}/${report.subIndication}` : report.indication;

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});
const check = (bytes: Uint8Array, policy?: VerifyOptions['policy']): Promise<DocumentReport> => verify(bytes, { trust, at: AT, ...(policy ? { policy } : {}) });

describe('edXML: attachments past the limit are never passed', () => {
  const tamperedThird = () => fixture('third-attachment-tampered.edxml');

  it('the limit reached exactly: every attachment is checked, the tampered third fails the package', async () => {
    const report = await check(tamperedThird(), { limits: { maxEdxmlAttachments: 3 } });
    expect(verdict(report)).toBe('TOTAL_FAILED/HASH_FAILURE');
    expect(report.attachments!.map(verdict)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED', 'TOTAL_FAILED/HASH_FAILURE']);
    expect(codes(report)).not.toContain('EDXML_TOO_MANY_ATTACHMENTS');
  });

  it('one over the limit: the two checked attachments pass, the unchecked third makes the package INDETERMINATE', async () => {
    const report = await check(tamperedThird(), { limits: { maxEdxmlAttachments: 2 } });
    expect(verdict(report)).toBe('INDETERMINATE');
    expect(report.attachments!.map(verdict)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
    expect(report.packageSignature).toMatchObject({ state: 'valid', indication: 'TOTAL_PASSED' });
    const message = report.messages.find((m) => m.code === 'EDXML_TOO_MANY_ATTACHMENTS')!;
    expect(message.params).toEqual({ count: 3, limit: 2, unchecked: 1 });
    // The unchecked attachment is carried: its manifest entry is not reported missing.
    expect(codes(report)).not.toContain('EDXML_MANIFEST_ATTACHMENT_MISSING');
  });

  it('the default limit is 1,000', async () => {
    const report = await check(tamperedThird());
    expect(verdict(report)).toBe('TOTAL_FAILED/HASH_FAILURE');
  });
});

describe('edXML: package signatures past the limit are never passed', () => {
  it('maxXmlSignatures 0: a signed status message (judged by its package signature) is INDETERMINATE, not NO_SIGNATURE', async () => {
    const status = await check(fixture('status-signed.edxml'), { limits: { maxXmlSignatures: 0 } });
    expect(status.signatures).toEqual([]);
    expect(codes(status)).toContain('XML_TOO_MANY_SIGNATURES');
    expect(verdict(status)).toBe('INDETERMINATE');
  });
});

describe('edXML: a package passes only on the documents its manifest lists and it carries', () => {
  const control = () => new TextDecoder().decode(fixture('second-attachment-tampered.edxml'));
  const strip = (text: string, pattern: RegExp): string => {
    const stripped = text.replace(pattern, '');
    expect(stripped).not.toBe(text);
    return stripped;
  };
  const withoutSecondAttachment = (text: string) => strip(text, /<Attachment><ContentId>cid:2<\/ContentId>.*?<\/Attachment>/s);

  it('control: the organisation-signed package carrying a tampered second PDF fails', async () => {
    const report = await check(fixture('second-attachment-tampered.edxml'));
    expect(verdict(report)).toBe('TOTAL_FAILED/HASH_FAILURE');
    expect(report.packageSignature).toMatchObject({ state: 'valid', indication: 'TOTAL_PASSED' });
  });

  it('the tampered attachment removed after signing: package signature HASH_FAILURE, the manifest (no longer proven) lists cid:2: INDETERMINATE, not passed', async () => {
    const report = await check(new TextEncoder().encode(withoutSecondAttachment(control())));
    expect(report.packageSignature).toMatchObject({ state: 'content-changed', indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' });
    expect(report.attachments!.map(verdict)).toEqual(['TOTAL_PASSED']);
    expect(verdict(report)).toBe('INDETERMINATE/SIGNED_DATA_NOT_FOUND');
    expect(codes(report)).toEqual(expect.arrayContaining(['EDXML_MANIFEST_ATTACHMENT_MISSING', 'EDXML_LISTED_ATTACHMENT_UNCHECKED']));
    expect(detail(report, 'missingAttachments')).toEqual({ value: ['2'], insideReferenceOf: ['sig-1'], covered: false, bindingSignatures: [], signedBy: [] });
  });

  it('a manifest the organisation signed lists cid:2, which the package never carried: TOTAL_FAILED/FORMAT_FAILURE', async () => {
    const report = await check(fixture('manifest-lists-missing-attachment.edxml'));
    expect(report.packageSignature).toMatchObject({ state: 'valid', indication: 'TOTAL_PASSED' });
    expect(report.attachments!.map(verdict)).toEqual(['TOTAL_PASSED']);
    expect(verdict(report)).toBe('TOTAL_FAILED/FORMAT_FAILURE');
    expect(codes(report)).toContain('EDXML_SIGNED_MANIFEST_ATTACHMENT_MISSING');
    expect(detail(report, 'missingAttachments')).toEqual({ value: ['2'], insideReferenceOf: ['sig-1'], covered: true, bindingSignatures: [0], signedBy: ['sig-1'] });
  });

  it('a person-signed document package with no attachment whose signed manifest lists cid:1: TOTAL_FAILED/FORMAT_FAILURE', async () => {
    const report = await check(fixture('document-package-listed-no-attachment.edxml'));
    expect(report.packageSignature).toMatchObject({ state: 'valid', indication: 'TOTAL_PASSED' });
    expect(verdict(report)).toBe('TOTAL_FAILED/FORMAT_FAILURE');
    expect(codes(report)).toEqual(expect.arrayContaining(['EDXML_NO_DOCUMENT', 'EDXML_SIGNED_MANIFEST_ATTACHMENT_MISSING']));
  });

  it('a person-signed document package with no attachment and an empty manifest carries no signed document: NO_SIGNATURE', async () => {
    const report = await check(fixture('document-package-no-attachment.edxml'));
    expect(report.packageSignature).toMatchObject({ state: 'valid', indication: 'TOTAL_PASSED' });
    expect(report.signatures.map(verdict)).toEqual(['TOTAL_PASSED']);
    expect(verdict(report)).toBe('NO_SIGNATURE');
    expect(codes(report)).toContain('EDXML_NO_DOCUMENT');
    expect(detail(report, 'missingAttachments')).toBeUndefined();
  });

  it('a status message (StatusCode, no body) is judged on its package signature: TOTAL_PASSED', async () => {
    const report = await check(fixture('status-signed.edxml'));
    expect(detail(report, 'edxml')).toMatchObject({ kind: 'status' });
    expect(verdict(report)).toBe('TOTAL_PASSED');
    expect(codes(report)).not.toContain('EDXML_NO_DOCUMENT');
  });
});

describe('edXML: a header field counts as signed only if no node inside it is left out', () => {
  // The package signature's XPath transform leaves out the text of From/OrganId (xmlsec1 signs it so).
  const excluded = () => new TextDecoder().decode(fixture('organid-text-excluded.edxml'));
  const senderChanged = (): Uint8Array => {
    const text = excluded();
    const changed = text.replace('<edXML:OrganId>000.00.00.H99</edXML:OrganId>', '<edXML:OrganId>000.00.00.H49</edXML:OrganId>');
    expect(changed).not.toBe(text);
    return new TextEncoder().encode(changed);
  };

  for (const [what, bytes, sender] of [
    ['as signed', () => new TextEncoder().encode(excluded()), '000.00.00.H99'],
    ['with the sender code changed after signing', senderChanged, '000.00.00.H49'],
  ] as const) {
    it(`${what}: the signature does not sign the MessageHeader whole (FORMAT_FAILURE), and the sender code is not within it`, async () => {
      const report = await check(bytes());
      expect(report.packageSignature).toMatchObject({ state: 'invalid', indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
      expect(report.signatures[0]!.messages.map((m) => m.code)).toContain('EDXML_HEADER_NOT_COVERED');
      const metadata = detail(report, 'metadata') as Record<string, { insideReferenceOf: string[]; covered: boolean; value?: unknown }>;
      expect(metadata['senderOrganId']).toEqual({ value: sender, insideReferenceOf: [], covered: false, bindingSignatures: [], signedBy: [] });
      expect(metadata['subject']).toMatchObject({ insideReferenceOf: ['sig-1'], covered: false });
      // The attached PDF is untouched and carries the legal signatures.
      expect(verdict(report)).toBe('TOTAL_PASSED');
    });
  }
});

describe('edXML: a document package without attachment is never better than NO_SIGNATURE, and no better than its package signature', () => {
  it('the empty package with its Subject changed after signing: the package signature HASH_FAILURE still fails it', async () => {
    const text = new TextDecoder().decode(fixture('document-package-no-attachment.edxml'));
    const changed = text.replace('<edXML:Subject>V/v', '<edXML:Subject>Hủy: V/v');
    expect(changed).not.toBe(text);
    const report = await check(new TextEncoder().encode(changed));
    expect(report.packageSignature).toMatchObject({ state: 'content-changed', indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' });
    expect(verdict(report)).toBe('TOTAL_FAILED/HASH_FAILURE');
    expect(codes(report)).toContain('EDXML_NO_DOCUMENT');
  });
});

describe('edXML: header fields are proven for the documents only when the same signature signs every attachment', () => {
  type Field = { value?: unknown; insideReferenceOf: string[]; covered: boolean; signedBy?: string[]; notBoundBy?: string[] };
  const metadata = (report: DocumentReport) => detail(report, 'metadata') as Record<string, Field>;

  it('control: a signature over the whole package binds the header to the attachment', async () => {
    const report = await check(fixture('second-attachment-tampered.edxml'));
    expect(metadata(report)['senderOrganId']).toEqual({ value: '000.00.00.H99', insideReferenceOf: ['sig-1'], covered: true, bindingSignatures: [0], signedBy: ['sig-1'] });
    expect(codes(report)).not.toContain('EDXML_METADATA_NOT_BOUND');
    // The header is covered, but the PDFs it carries bear a person's signature only: no organisation
    // signature ties the package's signer to the documents, so the OrganId names no agency (metrics).
    expect(report.facts?.edxml?.sender).toBe('other-signed');
    expect(report.facts?.agency).toBeUndefined();
    expect(report.facts?.documentDate).toEqual({ value: '2025-03-01', source: 'edxml-promulgation-date', signed: true });
  });

  it('a signature over the MessageHeader alone: the fields are signed but not bound to the attachment, so not covered', async () => {
    const report = await check(fixture('header-only-signature.edxml'));
    expect(report.packageSignature).toMatchObject({ state: 'valid', indication: 'TOTAL_PASSED' });
    expect(verdict(report)).toBe('TOTAL_PASSED');
    for (const name of ['senderOrganId', 'promulgationDate', 'codeNumber', 'codeNotation', 'subject', 'documentType']) {
      expect(metadata(report)[name], name).toMatchObject({ insideReferenceOf: ['sig-1'], covered: false, bindingSignatures: [], signedBy: [], notBoundBy: ['sig-1'] });
    }
    expect(codes(report)).toContain('EDXML_METADATA_NOT_BOUND');
    expect(codes(report)).not.toContain('EDXML_METADATA_UNSIGNED');
    // The metrics take neither the sender nor the date as proven for the document.
    expect(report.facts?.agency).toBeUndefined();
    // The header's date is not covered: the attached PDF's claimed signing time (signed by its signers) dates it.
    expect(report.facts?.documentDate).toEqual({ value: '2025-03-01', source: 'claimed-signing-time', signed: false });
  });

  it.each([
    ['binding-borrowed.edxml', ['sig-untrusted', 'sig-1']],
    ['binding-borrowed-same-id.edxml', ['sig-1', 'sig-1']],
  ])('%s: an untrusted signature that binds the header does not lend its binding to a trusted one that does not', async (name, ids) => {
    const report = await check(fixture(name));
    expect(report.signatures.map((s) => [s.id, s.indication])).toEqual([
      [ids[0], 'INDETERMINATE'],
      [ids[1], 'TOTAL_PASSED'],
    ]);
    expect(verdict(report)).toBe('TOTAL_PASSED');
    for (const field of ['senderOrganId', 'promulgationDate', 'codeNumber', 'codeNotation', 'subject', 'documentType']) {
      // The untrusted one (position 0) binds; the trusted one signs the header alone.
      expect(metadata(report)[field], field).toMatchObject({ covered: false, bindingSignatures: [0], signedBy: [] });
    }
    expect(report.facts?.agency).toBeUndefined();
    expect(report.facts?.edxml?.sender).toBe('not-signed');
    // The header's date is not covered: the attached PDF's claimed signing time (signed by its signers) dates it.
    expect(report.facts?.documentDate).toEqual({ value: '2025-03-01', source: 'claimed-signing-time', signed: false });
  });

  it('a signed status message (nothing attached) keeps its header covered', async () => {
    const report = await check(fixture('status-signed.edxml'));
    expect(metadata(report)['senderOrganId']).toMatchObject({ covered: true, signedBy: ['sig-1'] });
  });
});
