import { beforeAll, describe, expect, it } from 'vitest';
import { verify } from '../../src/verify.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import type { VerifyOptions } from '../../src/options.js';
import { AT, sample } from '../helpers.js';

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

async function verifySample(path: string, options: Partial<VerifyOptions> = {}): Promise<DocumentReport> {
  return verify(sample(path), { trust, at: AT, ...options });
}

function verdicts(report: DocumentReport): string[] {
  return report.signatures.map((s) => (s.subIndication ? `${s.indication}/${s.subIndication}` : s.indication));
}

describe('XML signed by xmlsec1, end to end', () => {
  it.each([
    ['xml/enveloped-rsa-sha256-exc-c14n.xml', 'entire-file', 'person'],
    ['xml/ecdsa-p256.xml', 'entire-file', 'person'],
    ['xml/organization.xml', 'entire-file', 'organization'],
    ['xml/reference-by-id.xml', 'elements', 'person'],
  ])('%s → TOTAL_PASSED, coverage %s, role %s', async (path, coverage, role) => {
    const report = await verifySample(path);
    expect(report.format).toBe('xml');
    expect(verdicts(report)).toEqual(['TOTAL_PASSED']);
    expect(report.signatures[0]).toMatchObject({ format: 'xmldsig', coverage: { level: coverage }, signer: { role }, trusted: 'passed' });
  });

  it('XAdES B-B: the signed SigningTime is the claimed time', async () => {
    const report = await verifySample('xml/xades-baseline-b.xml');
    expect(verdicts(report)).toEqual(['TOTAL_PASSED']);
    expect(report.signatures[0]!.format).toBe('xades');
    expect(report.signatures[0]!.times.claimedSigningTime).toBe('2025-03-01T09:00:00.000Z');
  });

  it('RSA-SHA1 follows the algorithm policy', async () => {
    expect(verdicts(await verifySample('xml/enveloped-rsa-sha1-c14n.xml'))).toEqual(['INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE']);
    expect(verdicts(await verifySample('xml/enveloped-rsa-sha1-c14n.xml', { policy: { algorithms: { sha1Until: new Date('2030-01-01') } } }))).toEqual(['TOTAL_PASSED']);
  });

  it('changed content → TOTAL_FAILED/HASH_FAILURE', async () => {
    expect(verdicts(await verifySample('xml/tampered-content.xml'))).toEqual(['TOTAL_FAILED/HASH_FAILURE']);
  });

  it('a forged copy under the signed Id (wrapping) → TOTAL_FAILED/FORMAT_FAILURE, the forged text never reported as signed', async () => {
    const report = await verifySample('xml/wrapping-attack.xml');
    expect(verdicts(report)).toEqual(['TOTAL_FAILED/FORMAT_FAILURE']);
    expect(JSON.stringify(report.signatures[0]!.coverage ?? {})).not.toContain('5 tỷ');
  });

  it('a comment injected into DigestValue → refused', async () => {
    expect(verdicts(await verifySample('xml/comment-in-digestvalue.xml'))).toEqual(['TOTAL_FAILED/FORMAT_FAILURE']);
  });

  it('a twin certificate (same issuer, serial and key) slipped into KeyInfo → nobody is named as signer', async () => {
    const pem = new TextDecoder().decode(sample('ca/organization-twin.pem'));
    const twin = pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
    const original = new TextDecoder().decode(sample('xml/organization.xml'));
    // KeyInfo sits inside the enveloped Signature, outside what the reference digests.
    const forged = original.replace('<X509Certificate>', `<X509Certificate>${twin}</X509Certificate><X509Certificate>`);
    expect(forged).not.toBe(original);
    const report = await verify(new TextEncoder().encode(forged), { trust, at: AT });
    expect(verdicts(report)).toEqual(['INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND']);
    expect(report.signatures[0]!.signer).toBeUndefined();
    expect(report.signatures[0]!.messages.map((m) => m.code)).toContain('XML_SIGNER_UNDECIDABLE');
  });

  it('KeyInfo with a certificate from an untrusted root → INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND', async () => {
    const report = await verifySample('xml/untrusted-keyinfo.xml');
    expect(verdicts(report)).toEqual(['INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND']);
    expect(report.signatures[0]).toMatchObject({ intact: 'passed', valid: 'passed', trusted: 'failed', signer: { commonName: 'Đỗ Văn Hùng' } });
  });
});

interface MetadataField {
  value?: unknown;
  covered: boolean;
  signedBy: string[];
}

function metadataOf(report: DocumentReport): Record<string, MetadataField> {
  if (report.details?.kind !== 'edxml') throw new Error(`not an edXML report: ${report.format}`);
  return report.details.metadata as unknown as Record<string, MetadataField>;
}

describe('edXML packages, end to end: the package layer never hides the attachments', () => {
  it('signed package: package signature and attached PDF both pass; metadata signed', async () => {
    const report = await verifySample('edxml/signed.edxml');
    expect(report.format).toBe('edxml');
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(verdicts(report)).toEqual(['TOTAL_PASSED']);
    expect(report.signatures[0]!.signer!.role).toBe('organization');
    expect(report.attachments).toHaveLength(1);
    expect(report.attachments![0]).toMatchObject({ format: 'pdf', indication: 'TOTAL_PASSED', roles: { person: true, organization: true, complete: true } });
    expect(metadataOf(report)['subject']).toMatchObject({ covered: true });
    expect(metadataOf(report)['senderOrganId']).toMatchObject({ value: '000.00.00.H99', covered: true });
  });

  it('subject changed after signing: package HASH_FAILURE, subject not signed, attachment still judged', async () => {
    const report = await verifySample('edxml/tampered-subject.edxml');
    expect(verdicts(report)).toEqual(['TOTAL_FAILED/HASH_FAILURE']);
    expect(report.attachments![0]!.indication).toBe('TOTAL_PASSED');
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(metadataOf(report)['subject']).toMatchObject({ covered: false, signedBy: [] });
  });

  it('a TraceHeader appended in transit: package content changed, attachment passes', async () => {
    const report = await verifySample('edxml/trace-header-appended.edxml');
    expect(verdicts(report)).toEqual(['TOTAL_FAILED/HASH_FAILURE']);
    expect(report.attachments![0]!.indication).toBe('TOTAL_PASSED');
  });

  it('unsigned package: no package signature, the attachment decides', async () => {
    const report = await verifySample('edxml/unsigned.edxml');
    expect(report.signatures).toEqual([]);
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(metadataOf(report)['subject']!.covered).toBe(false);
  });

  it('package signed by an untrusted key: metadata not counted as signed', async () => {
    const report = await verifySample('edxml/untrusted-keyinfo.edxml');
    expect(verdicts(report)).toEqual(['INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND']);
    expect(metadataOf(report)['subject']).toMatchObject({ covered: false, signedBy: [] });
  });

  it('a real status package (no attachment, no signature) parses and is NO_SIGNATURE', async () => {
    const { shared } = await import('../helpers.js');
    const report = await verify(shared('edxml-samples/status_inbox_01.edxml'), { trust, at: AT });
    expect(report).toMatchObject({ format: 'edxml', indication: 'NO_SIGNATURE', signatures: [] });
  });

  it.each([
    ['an unsigned PDF', 'phu-luc.pdf', () => sample('pdf/unsigned-fields.pdf')],
    ['a file kyso cannot read as a document', 'phu-luc.doc', () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 1, 2, 3])],
  ])('a package carrying %s next to its signed PDF is not passed: NO_SIGNATURE, the attachment named', async (_what, name, bytes) => {
    const original = new TextDecoder().decode(sample('edxml/unsigned.edxml'));
    const extra = `<Attachment><ContentId>cid:2</ContentId><AttachmentName>${name}</AttachmentName><ContentType>application/pdf</ContentType><edXML:ContentTransferEncoded xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">${Buffer.from(bytes()).toString('base64')}</edXML:ContentTransferEncoded></Attachment>`;
    const forged = original.replace('</Attachment>', `</Attachment>${extra}`);
    const report = await verify(new TextEncoder().encode(forged), { trust, at: AT });
    expect(report.attachments!.map((a) => [a.name, a.indication])).toEqual([
      ['123-UBND-VP.pdf', 'TOTAL_PASSED'],
      [name, 'NO_SIGNATURE'],
    ]);
    expect(report.indication).toBe('NO_SIGNATURE');
    expect(report.messages.find((m) => m.code === 'DOC_UNSIGNED_ATTACHMENTS')!.en).toContain(name);
  });

  it('tampered attachment in a validly signed package → the document fails', async () => {
    const report = await verifySample('edxml/attachment-tampered.edxml');
    expect(verdicts(report)).toEqual(['TOTAL_PASSED']);
    expect(report.attachments![0]!.indication).toBe('TOTAL_FAILED');
    expect(report.indication).toBe('TOTAL_FAILED');
  });
});
