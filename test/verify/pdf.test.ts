import { beforeAll, describe, expect, it } from 'vitest';
import { verify } from '../../src/verify.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import type { VerifyOptions } from '../../src/options.js';
import { AT, sample, shared } from '../helpers.js';

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

async function verifyPdf(name: string, options: Partial<VerifyOptions> = {}): Promise<DocumentReport> {
  return verify(sample(`pdf/${name}.pdf`), { trust, at: AT, ...options });
}

function verdicts(report: DocumentReport): string[] {
  return report.signatures.map((s) => `${s.id}: ${s.subIndication ? `${s.indication}/${s.subIndication}` : s.indication}`);
}

describe('signed PDFs made by pdfsig and openssl, end to end', () => {
  it('empty signature fields are not signatures → NO_SIGNATURE', async () => {
    const report = await verifyPdf('unsigned-fields');
    expect(report).toMatchObject({ format: 'pdf', indication: 'NO_SIGNATURE', signatures: [] });
  });

  it('one signature by pdfsig → TOTAL_PASSED, entire file', async () => {
    const report = await verifyPdf('person-signed');
    expect(verdicts(report)).toEqual(['SigPerson: TOTAL_PASSED']);
    expect(report.signatures[0]).toMatchObject({ format: 'pdf-pkcs7', coverage: { level: 'entire-file' }, signer: { role: 'person' } });
  });

  it('person then organisation in a later revision → both pass; Decree 30 complete', async () => {
    const report = await verifyPdf('person-then-organization');
    expect(verdicts(report)).toEqual(['SigPerson: TOTAL_PASSED', 'SigOrganization: TOTAL_PASSED']);
    expect(report.signatures.map((s) => s.coverage?.level)).toEqual(['entire-revision', 'entire-file']);
    expect(report.roles).toEqual({ person: true, organization: true, complete: true });
  });

  it('a byte changed inside a signed range → TOTAL_FAILED/HASH_FAILURE', async () => {
    expect(verdicts(await verifyPdf('tampered'))).toEqual(['SigPerson: TOTAL_FAILED/HASH_FAILURE']);
  });

  it('page content changed in a later incremental update → TOTAL_FAILED with the change named', async () => {
    const report = await verifyPdf('page-changed-after-signing');
    expect(verdicts(report)).toEqual(['SigPerson: TOTAL_FAILED/FORMAT_FAILURE']);
    const [signature] = report.signatures;
    expect(signature).toMatchObject({ intact: 'passed', valid: 'passed', modifications: { level: 'other' } });
    expect(signature!.modifications!.changes.length).toBeGreaterThan(0);
  });

  it('a DSS added after signing is allowed and serves as revocation source', async () => {
    const report = await verifyPdf('dss-after-signing', { revocation: { mode: 'require' } });
    expect(verdicts(report)).toEqual(['SigPerson: TOTAL_PASSED']);
    expect(report.signatures[0]!.modifications?.level).toBe('ltv');
    const leaf = report.signatures[0]!.revocation.find((r) => r.subject.includes('Nguyễn Văn An'));
    expect(leaf).toMatchObject({ status: 'good', source: 'embedded' });
  });

  it('certification P=1 alone passes; any later change fails it', async () => {
    expect(verdicts(await verifyPdf('certified-p1'))).toEqual(['SigPerson: TOTAL_PASSED']);
    expect(verdicts(await verifyPdf('certified-p1-then-signed'))).toEqual([
      'SigPerson: TOTAL_FAILED/FORMAT_FAILURE',
      'SigOrganization: TOTAL_PASSED',
    ]);
    expect(verdicts(await verifyPdf('certified-p1-then-annotated'))).toEqual(['SigPerson: TOTAL_FAILED/FORMAT_FAILURE']);
  });

  it('certification P=2 permits a later signature', async () => {
    expect(verdicts(await verifyPdf('certified-p2-then-signed'))).toEqual(['SigPerson: TOTAL_PASSED', 'SigOrganization: TOTAL_PASSED']);
  });

  it('ETSI.CAdES.detached made by openssl → TOTAL_PASSED', async () => {
    const report = await verifyPdf('cades-openssl');
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.signatures[0]!.format).toBe('pades');
  });

  it('a document timestamp is a signature of its own and proves time for the one before', async () => {
    const report = await verifyPdf('document-timestamp');
    expect(verdicts(report)).toEqual(['SigPerson: TOTAL_PASSED', 'DocTimeStamp1: TOTAL_PASSED']);
    expect(report.signatures[1]!.format).toBe('document-timestamp');
    expect(report.signatures[0]!.modifications?.level).toBe('ltv');
  });

  it('expired signer: no proof of time → OUT_OF_BOUNDS_NO_POE; with DSS and an earlier document timestamp → passes today', async () => {
    expect(verdicts(await verifyPdf('expired-signed'))).toEqual(['SigPerson: INDETERMINATE/OUT_OF_BOUNDS_NO_POE']);
    const report = await verifyPdf('expired-ltv', { at: new Date('2026-11-29T00:00:00Z') });
    expect(verdicts(report)).toEqual(['SigPerson: TOTAL_PASSED', 'DocTimeStamp1: TOTAL_PASSED']);
    expect(report.signatures[0]!.times.timestampTime).toBe('2020-06-02T01:00:00.000Z');
  });
});

describe('PDF coverage anomalies (shared/conformance/pdf-coverage)', () => {
  it.each([
    ['base.pdf'],
    ['one-byterange.pdf'],
    ['weird-byterange.pdf'],
    ['signature-gap-too-big.pdf'],
  ])('%s → TOTAL_FAILED/FORMAT_FAILURE', async (name) => {
    const report = await verify(shared(`conformance/pdf-coverage/${name}`), { trust, at: AT });
    expect(report.indication).toBe('TOTAL_FAILED');
    expect(report.signatures.length).toBeGreaterThan(0);
    expect(report.signatures.every((s) => s.indication === 'TOTAL_FAILED' && s.subIndication === 'FORMAT_FAILURE')).toBe(true);
  });

  it('tail-uncovered.pdf → never passes, coverage contiguous block', async () => {
    const report = await verify(shared('conformance/pdf-coverage/tail-uncovered.pdf'), { trust, at: AT });
    expect(report.indication).not.toBe('TOTAL_PASSED');
    expect(report.signatures[0]!.coverage?.level).toBe('contiguous-block');
    expect(report.signatures[0]!.indication).toBe('TOTAL_FAILED');
  });
});
