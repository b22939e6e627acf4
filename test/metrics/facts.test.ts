/**
 * Report facts on real sample reports: what a ranking tool and a document-management
 * system read instead of re-deriving it from certificate text.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/metrics/aggregate.js';
import { BUNDLED_PLACES } from '../../src/metrics/places.js';
import { bundledAnchorPki } from '../../src/metrics/anchors.js';
import { deriveFacts as derive, type FactsOptions } from '../../src/report/facts.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, REPO } from '../helpers.js';
import { REAL_WORLD } from '../corpus/manifest.js';
import { roundTrip, sampleReport } from './reports.js';

/** The edXML sample with its covered header fields replaced: the sender's OrganId and the promulgation date. */
async function edxmlFrom(organId: string, date: string): Promise<DocumentReport> {
  const report = roundTrip(await sampleReport('edxml/signed.edxml'));
  const details = report.details as unknown as { metadata: Record<string, { value: unknown }> };
  details.metadata['senderOrganId']!.value = organId;
  details.metadata['promulgationDate']!.value = date;
  return report;
}

const deriveFacts = (report: DocumentReport, options: Partial<FactsOptions> = {}) => derive(report, { places: BUNDLED_PLACES, ...options });

describe('report facts', () => {
  it('a PDF signed by a person then the agency: agency from the organisation certificate, province from its ST, Decree 30 complete', async () => {
    const { facts } = await sampleReport('pdf/person-then-organization.pdf');
    expect(facts).toMatchObject({
      version: 1,
      agency: { scheme: 'tax-code', id: '0101234567', key: 'tax-code:0101234567', name: 'UBND Tỉnh Thử Nghiệm', source: 'certificate' },
      documentDate: { value: '2025-03-01', source: 'claimed-signing-time', signed: false },
      province: { map: '63', code: '01', key: '63:01', name: 'Thành phố Hà Nội', before: '01', source: 'certificate-st', confirmed: true },
      roles: { person: true, organization: true, complete: true },
    });
    expect(facts!.signatures.map((s) => [s.id, s.kind, s.role, s.pki, s.revocation])).toEqual([
      ['SigPerson', 'signature', 'person', 'other', 'checked'],
      ['SigOrganization', 'signature', 'organization', 'other', 'checked'],
    ]);
  });

  it('an edXML package: the covered sender OrganId is the agency; an OrganId not in the table is unlisted and gives no province', async () => {
    const { facts } = await sampleReport('edxml/signed.edxml');
    expect(facts!.agency).toEqual({ scheme: 'organ-id', id: '000.00.00.H99', key: 'organ-id:000.00.00.H99', name: 'Ủy ban nhân dân tỉnh Thử Nghiệm', source: 'edxml-sender', listed: false });
    expect(facts!.province).toBeUndefined();
    expect(facts!.documentDate).toEqual({ value: '2025-03-01', source: 'edxml-promulgation-date', signed: true });
    expect(facts!.edxml).toEqual({ packageSignature: 'passed', kind: 'document', sender: 'organization-signed' });
    expect(facts!.signatures.map((s) => [s.id, s.in, s.kind])).toEqual([
      ['sig-1', undefined, 'package-signature'],
      ['SigPerson', '123-UBND-VP.pdf', 'signature'],
      ['SigOrganization', '123-UBND-VP.pdf', 'signature'],
    ]);
  });

  it('an edXML package whose package signature broke in transit: the header is not trusted, the agency comes from the attached document', async () => {
    const { facts } = await sampleReport('edxml/trace-header-appended.edxml');
    expect(facts!.edxml).toEqual({ packageSignature: 'failed', kind: 'document', sender: 'not-signed' });
    expect(facts!.agency).toMatchObject({ key: 'tax-code:0101234567', source: 'certificate' });
    // The header's date is no longer covered; the signers' claimed signing time (which they signed) dates it.
    expect(facts!.documentDate).toEqual({ value: '2025-03-01', source: 'claimed-signing-time', signed: false });
  });

  it('a document timestamp is listed but is nobody’s signature', async () => {
    const { facts } = await sampleReport('pdf/document-timestamp.pdf');
    const timestamp = facts!.signatures.find((s) => s.kind === 'document-timestamp')!;
    expect(timestamp).toMatchObject({ id: 'DocTimeStamp1', role: 'none', timestamped: true });
    expect(facts!.roles).toEqual({ person: true, organization: false, complete: false });
  });

  it('a timestamped signature dates the document by its proven time', async () => {
    const { facts } = await sampleReport('cms/timestamped.txt.p7s');
    expect(facts!.documentDate).toEqual({ value: '2025-03-01', source: 'signature-timestamp', signed: true });
    expect(facts!.signatures[0]!.signingTime).toEqual({ value: '2025-03-01T09:00:05.000Z', proven: true });
  });

  it('per signature: weak algorithms, revocation, expiry, modification and PKI', async () => {
    const one = async (path: string) => (await sampleReport(path)).facts!.signatures[0]!;
    expect(await one('cms/sha1.txt.p7s')).toMatchObject({ weakAlgorithms: ['SHA-1'], pki: 'other', revocation: 'checked' });
    expect(await one('cms/revoked.txt.p7s')).toMatchObject({ revoked: true, pki: 'other', revocation: 'checked' });
    expect(await one('cms/untrusted.txt.p7s')).toMatchObject({ pki: 'untrusted', revocation: 'not-checked' });
    expect(await one('pdf/expired-signed.pdf')).toMatchObject({ expiredWithoutPoe: true, revocation: 'not-checked' });
    expect(await one('pdf/tampered.pdf')).toMatchObject({ modified: true });
    expect(await one('pdf/dss-after-signing.pdf')).toMatchObject({ ltv: true, modified: false });
  });

  it('facts come from the report alone: a report read back from JSONL gives the same facts', async () => {
    const anchorPki = await bundledAnchorPki();
    for (const path of ['pdf/person-then-organization.pdf', 'edxml/signed.edxml', 'cms/revoked.txt.p7s']) {
      const report = roundTrip(await sampleReport(path));
      const { facts, ...withoutFacts } = report;
      expect(deriveFacts(withoutFacts, { anchorPki })).toEqual(facts);
    }
  });

  it('the province follows the document date: 30 June 2025 in the 63-unit map, 1 July 2025 in the 34-unit map', async () => {
    const before = deriveFacts(await edxmlFrom('000.00.00.H30', '2025-06-30'));
    const after = deriveFacts(await edxmlFrom('000.00.00.H30', '2025-07-01'));
    expect(before.province).toMatchObject({ map: '63', key: '63:93', name: 'Tỉnh Hậu Giang', before: '93', source: 'organ-id', confirmed: false });
    expect(after.province).toMatchObject({ map: '34', key: '34:92', name: 'Thành phố Cần Thơ', before: '93', source: 'organ-id' });
    expect(before.agency).toMatchObject({ key: 'organ-id:000.00.00.H30', name: 'Ủy ban nhân dân tỉnh Hậu Giang', listed: true });
  });

  it('a confirmed level-1 code (Thái Bình, H54) places its documents, and its merger into Hưng Yên follows the date', async () => {
    const before = deriveFacts(await edxmlFrom('000.00.03.H54', '2025-06-30'));
    const after = deriveFacts(await edxmlFrom('000.00.03.H54', '2025-07-01'));
    expect(before.province).toMatchObject({ map: '63', key: '63:34', name: 'Tỉnh Thái Bình', source: 'organ-id', confirmed: true });
    expect(after.province).toMatchObject({ map: '34', key: '34:33', name: 'Tỉnh Hưng Yên', before: '34', source: 'organ-id', confirmed: true });
  });

  it('a unit below a listed level-1 agency belongs to its province; an unknown or malformed OrganId is not guessed', async () => {
    const below = deriveFacts(await edxmlFrom('000.00.12.H41', '2025-05-05'));
    expect(below.agency).toMatchObject({ key: 'organ-id:000.00.12.H41', listed: true });
    expect(below.province).toMatchObject({ key: '63:40', name: 'Tỉnh Nghệ An' });
    const unknown = deriveFacts(await edxmlFrom('000.00.00.H07', '2025-05-05'));
    expect(unknown.agency).toMatchObject({ key: 'organ-id:000.00.00.H07', listed: false });
    expect(unknown.province).toBeUndefined();
    const malformed = deriveFacts(await edxmlFrom('H41', '2025-05-05'));
    expect(malformed.agency?.scheme).not.toBe('organ-id');
  });

  it('an e-invoice: the seller’s signed tax code is the agency, the invoice date the document date (details from the e-invoice parser)', async () => {
    const report = roundTrip(await sampleReport('xml/organization.xml')) as unknown as Record<string, unknown> & DocumentReport;
    const { facts: _facts, ...rest } = report;
    const invoice = {
      ...rest,
      details: { kind: 'einvoice', message: 'HDon', invoice: { date: '2025-07-01', sellerTaxCode: '0301234567', buyerTaxCode: '0109999999', taxAuthorityCode: '00ABCDEF' } },
      signatures: rest.signatures.map((s) => ({ ...s, details: { kind: 'einvoice', role: 'seller' } })),
    } as unknown as DocumentReport;
    const facts = deriveFacts(invoice);
    expect(facts.agency).toEqual({ scheme: 'tax-code', id: '0301234567', key: 'tax-code:0301234567', source: 'einvoice-seller' });
    expect(facts.documentDate).toEqual({ value: '2025-07-01', source: 'einvoice-date', signed: true });
    expect(facts.province).toMatchObject({ map: '34', key: '34:79', before: '79', source: 'tax-code-prefix', confirmed: false });
    expect(facts.einvoice).toEqual({ sellerTaxCode: '0301234567', buyerTaxCode: '0109999999', taxAuthorityCode: '00ABCDEF', messageType: 'HDon' });
    expect(facts.signatures[0]).toMatchObject({ einvoiceRole: 'seller', role: 'organization' });
  });

  it.skipIf(!existsSync(join(REAL_WORLD, 'vn')))('a real tax-authority message chains to the government PKI (../shared/real-world/vn)', async () => {
    const bytes = new Uint8Array(readFileSync(join(REAL_WORLD, 'vn/tb204-truong-1.xml')));
    const report = await verify(bytes, { at: AT });
    expect(report.facts!.signatures.map((s) => [s.indication, s.pki])).toEqual([['TOTAL_PASSED', 'government']]);
  });
  it.skipIf(!existsSync(join(REAL_WORLD, 'vn')))('a real e-invoice coded by the tax authority: roles from the e-invoice parser, the invoice date, the tax authority as agency (../shared/real-world/vn)', async () => {
    const bytes = new Uint8Array(readFileSync(join(REAL_WORLD, 'vn/hdon-ma-cqt.xml')));
    const report = await verify(bytes, { at: AT });
    const facts = report.facts!;
    expect(facts.signatures.map((s) => [s.einvoiceRole, s.indication, s.pki])).toEqual([
      ['seller', 'INDETERMINATE', 'untrusted'],
      ['tax-authority', 'TOTAL_PASSED', 'government'],
    ]);
    // The seller's signature did not pass, so its tax code is not the agency and the date is not proven.
    expect(facts.agency).toEqual({ scheme: 'organization-name', id: 'BỘ TÀI CHÍNH / CỤC THUẾ', key: 'organization-name:BỘ TÀI CHÍNH / CỤC THUẾ', name: 'BỘ TÀI CHÍNH', source: 'einvoice-tax-authority' });
    // The invoice's date is under no passing signature: the signing time the tax authority claims in its signature dates it.
    expect(facts.documentDate).toEqual({ value: '2025-10-17', source: 'claimed-signing-time', signed: false });
    expect(facts.einvoice).toMatchObject({ sellerTaxCode: '3700789868' });
    expect(aggregate([report]).total).toMatchObject({ einvoiceMessages: 1, einvoiceSellerSigned: 0, einvoiceTaxAuthoritySigned: 1, governmentPki: 1, untrusted: 1, signed: 1 });
  });
});

describe('place tables', () => {
  const { before, after } = BUNDLED_PLACES.provinces;

  it('63 units before the merger, 34 after, and every old unit lands in exactly one new unit', () => {
    expect(before.units).toHaveLength(63);
    expect(after.units).toHaveLength(34);
    const from = after.units.flatMap((u) => u.from ?? []).sort();
    expect(from).toEqual(before.units.map((u) => u.code).sort());
    expect(after.units.filter((u) => (u.from ?? []).length > 1)).toHaveLength(23);
  });

  it('every province an agency or a tax prefix names exists in the 63-unit map', () => {
    const codes = new Set(before.units.map((u) => u.code));
    for (const a of BUNDLED_PLACES.agencies.agencies) if (a.province) expect(codes.has(a.province), a.code).toBe(true);
    for (const p of BUNDLED_PLACES.taxPrefixes.prefixes) expect(codes.has(p.province), p.prefix).toBe(true);
  });

  it('every data file says where it comes from and marks what is unconfirmed', () => {
    for (const file of ['agencies.json', 'provinces.json', 'tax-code-prefixes.json', 'indicators.json']) {
      const data = JSON.parse(readFileSync(join(REPO, 'src/metrics/data', file), 'utf8')) as Record<string, unknown>;
      expect(typeof data['schema'], file).toBe('string');
      expect(typeof data['version'], file).toBe('string');
    }
    // An agency code is confirmed only by an official text we cite with its address; the rest are marked unconfirmed.
    const agencies = JSON.parse(readFileSync(join(REPO, 'src/metrics/data/agencies.json'), 'utf8')) as {
      sources: { id: string; urls?: string[] }[];
      agencies: { code: string; confirmed: boolean; evidence: string[] }[];
    };
    const cited = new Set(agencies.sources.filter((s) => (s.urls ?? []).length > 0).map((s) => s.id));
    const known = new Set(agencies.sources.map((s) => s.id));
    for (const a of agencies.agencies) {
      expect(a.evidence.length, a.code).toBeGreaterThan(0);
      for (const id of a.evidence) expect(known.has(id), `${a.code}: ${id}`).toBe(true);
      if (a.confirmed) expect(a.evidence.some((id) => cited.has(id)), a.code).toBe(true);
    }
    expect(agencies.agencies.some((a) => !a.confirmed)).toBe(true);
    expect(BUNDLED_PLACES.taxPrefixes.prefixes.every((p) => p.confirmed === false)).toBe(true);
  });
});
