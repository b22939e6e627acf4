/**
 * Red team: e-invoice signatures whose role (DSCKS/NBan seller, NMua buyer, CQT tax authority)
 * is not the signer's, tax-authority codes nobody signed, signed data a transform leaves out,
 * and batches past the signature limit (test/fixtures/attacks/einvoice, made by
 * samples/make-attacks-einvoice.py with xmlsec1 and the test PKI's keys; the attacks are byte
 * edits of the signed files).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, sample, WORKPLACE_SHARED } from '../helpers.js';

const ATTACKS = fileURLToPath(new URL('../fixtures/attacks/einvoice/', import.meta.url));
let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

const read = (name: string) => readFileSync(join(ATTACKS, name), 'utf8');
const verdict = (report: { indication: string; subIndication?: string }) => `${report.indication}/${report.subIndication ?? ''}`;

async function check(document: string, limits?: { maxXmlSignatures: number }): Promise<DocumentReport> {
  return verify(new TextEncoder().encode(document), { trust, at: AT, ...(limits ? { policy: { limits } } : {}) });
}

function codes(report: DocumentReport): string[][] {
  return report.signatures.map((s) =>
    s.messages.map((m) => m.code).filter((code) => (code.startsWith('EINVOICE_') || code.startsWith('VALIDATION_GOVERNMENT_')) && code !== 'EINVOICE_SIGNATURE_ROLE' && code !== 'EINVOICE_SIGNING_TIME'),
  );
}

describe('an e-invoice role is the signer’s, not where the signature sits', () => {
  it('control: the seller’s own certificate (MST:0101234567) signs its invoice', async () => {
    const report = await check(read('control.xml'));
    expect(verdict(report)).toBe('TOTAL_PASSED/');
    expect(codes(report)).toEqual([['EINVOICE_SIGNER_IS_ROLE']]);
  });

  it('a branch’s invoice (0101234567-001) signed with its enterprise’s certificate passes', async () => {
    expect(verdict(await check(read('seller-branch-signed-by-enterprise.xml')))).toBe('TOTAL_PASSED/');
  });

  it.each([
    // Before: TOTAL_PASSED with a second, "tax-authority" signature.
    ['seller-signature-copied-as-tax-authority.xml', ['EINVOICE_SIGNATURE_COPIED', 'EINVOICE_SIGNER_NOT_TAX_AUTHORITY']],
    // Before: TOTAL_PASSED as the buyer's signature.
    ['seller-signature-copied-as-buyer.xml', ['EINVOICE_SIGNATURE_COPIED', 'EINVOICE_SIGNER_NOT_ROLE']],
  ])('%s: the copy fails, the original passes', async (name, copyCodes) => {
    const report = await check(read(name));
    expect(verdict(report)).toBe('TOTAL_FAILED/FORMAT_FAILURE');
    expect(report.signatures.map(verdict)).toEqual(['TOTAL_PASSED/', 'TOTAL_FAILED/FORMAT_FAILURE']);
    expect(codes(report)[1]).toEqual(copyCodes);
  });

  it('a person’s certificate signing under DSCKS/CQT is not the tax authority’s', async () => {
    // Before: TOTAL_PASSED, DLHDon and MCCQT reported as coded by the tax authority.
    const report = await check(read('tax-authority-role-signed-by-person.xml'));
    expect(report.signatures.map(verdict)).toEqual(['TOTAL_PASSED/', 'TOTAL_FAILED/FORMAT_FAILURE']);
    expect(codes(report)[1]).toEqual(['EINVOICE_SIGNER_NOT_TAX_AUTHORITY']);
    expect(report.signatures[1]!.messages.find((m) => m.code === 'EINVOICE_SIGNER_NOT_TAX_AUTHORITY')!.vi).toContain('CCCD:001090012345');
  });

  it('another organisation’s certificate in the seller’s place is proved wrong', async () => {
    const report = await check(read('seller-signed-by-other-organization.xml'));
    expect(verdict(report)).toBe('TOTAL_FAILED/FORMAT_FAILURE');
    expect(codes(report)).toEqual([['EINVOICE_SIGNER_NOT_ROLE']]);
    expect(report.signatures[0]!.messages.find((m) => m.code === 'EINVOICE_SIGNER_NOT_ROLE')!.en).toContain('the seller is 0309888888');
  });

  it('a personal certificate with no tax code in the seller’s place cannot be confirmed', async () => {
    // Before: TOTAL_PASSED, and the metrics counted the invoice for agency tax-code:0101234567.
    const report = await check(read('seller-signed-by-person.xml'));
    expect(verdict(report)).toBe('INDETERMINATE/SIG_CONSTRAINTS_FAILURE');
    expect(codes(report)).toEqual([['EINVOICE_SIGNER_ROLE_UNCONFIRMED']]);
  });
});

describe('what the tax authority and the seller must sign', () => {
  it('a tax-authority code (MCCQT) that no signature signs fails the invoice', async () => {
    // Before: TOTAL_PASSED with taxAuthorityCode reported.
    const report = await check(read('tax-authority-code-added.xml'));
    expect(verdict(report)).toBe('TOTAL_FAILED/FORMAT_FAILURE');
    expect(codes(report)).toEqual([['EINVOICE_SIGNER_IS_ROLE', 'EINVOICE_DATA_NOT_SIGNED']]);
  });

  it.each(['xpath-leaves-out-total-changed.xml', 'xpath-filter2-leaves-out-content-changed.xml'])(
    '%s: DLHDon with part of it left out by a transform is not signed',
    async (name) => {
      // Before: TOTAL_PASSED, DLHDon "covered", the changed values reported.
      const report = await check(read(name));
      expect(report.signatures.map((s) => s.intact)).toEqual(['passed']);
      expect(verdict(report)).toBe('TOTAL_FAILED/FORMAT_FAILURE');
      expect(codes(report)).toEqual([['EINVOICE_SIGNER_IS_ROLE', 'EINVOICE_ROLE_NOT_COVERED', 'EINVOICE_DATA_NOT_SIGNED']]);
      expect(report.signatures[0]!.details).toMatchObject({ requiredCoverage: [{ element: 'DLHDon', covered: false }] });
    },
  );
});

describe('an element named Signature that nothing verifies is content, not a signature left out', () => {
  // The seller's Reference leaves out every element named Signature (the XPath idiom
  // not(ancestor-or-self::*[local-name()='Signature'])), which signs the invoice as it is.
  it('control: the idiom with nothing to leave out signs DLHDon whole', async () => {
    const report = await check(read('xpath-leaves-out-signatures.xml'));
    expect(verdict(report)).toBe('TOTAL_PASSED/');
    expect(codes(report)).toEqual([['EINVOICE_SIGNER_IS_ROLE']]);
    expect(report.signatures[0]!.messages.map((m) => m.code)).not.toContain('XML_REFERENCE_PARTIAL');
  });

  it('an edXML-namespace <Signature> slipped into the invoice number and total after signing is unsigned content', async () => {
    // Before: TOTAL_PASSED, invoice number 1234 where 123 was signed, no partial-coverage message:
    // any edXML-namespace Signature counted as a signature left out, though only edXML packages verify one.
    const report = await check(read('xpath-leaves-out-signatures-edxml-element-added.xml'));
    expect(report.signatures.map((s) => s.intact)).toEqual(['passed']);
    expect(verdict(report)).toBe('TOTAL_FAILED/FORMAT_FAILURE');
    expect(codes(report)).toEqual([['EINVOICE_SIGNER_IS_ROLE', 'EINVOICE_ROLE_NOT_COVERED', 'EINVOICE_DATA_NOT_SIGNED']]);
    expect(report.signatures[0]!.messages.filter((m) => m.code === 'XML_REFERENCE_PARTIAL').map((m) => m.en)).toEqual([
      expect.stringContaining('leaves out 2'),
    ]);
  });
});

describe('an invoice’s data is vouched for by the signature in its own DSCKS place', () => {
  // Each signature is mathematically valid (xmlsec1 verifies it): what matters is who signed what.
  it('another company’s certificate over the DLHDon of seller 0309888888, directly under HDon: not the seller’s word', async () => {
    // Before: TOTAL_PASSED with seller 0309888888’s data, though only a stranger signed it.
    const report = await check(read('signature-outside-dscks.xml'));
    expect(report.signatures.map((s) => s.intact)).toEqual(['passed']);
    expect(verdict(report)).toBe('TOTAL_FAILED/FORMAT_FAILURE');
    expect(codes(report)).toEqual([['EINVOICE_DATA_NOT_SIGNED_BY_ROLE']]);
    expect(report.messages.find((m) => m.code === 'EINVOICE_DATA_NOT_SIGNED_BY_ROLE')?.en).toBe(
      'The message carries DLHDon number 1 that the signature in that invoice’s own seller place (DSCKS/NBan) does not sign; a signature placed elsewhere does not stand in for it; every signature of the message is a format failure.',
    );
  });

  it('the same certificate under a DSCKS/NBan nested in another element: the seller’s place of no invoice', async () => {
    // Before: TOTAL_PASSED, called the seller’s signature with neither its signer nor its coverage checked.
    const report = await check(read('seller-place-nested-in-other-element.xml'));
    expect(verdict(report)).toBe('TOTAL_FAILED/FORMAT_FAILURE');
    expect(codes(report)).toEqual([['EINVOICE_ROLE_OUTSIDE_INVOICE', 'EINVOICE_DATA_NOT_SIGNED_BY_ROLE']]);
  });

  it('a tax-authority code (MCCQT) signed by the seller only is not the tax authority’s word', async () => {
    // Before: TOTAL_PASSED, the code reported as the tax authority’s.
    const report = await check(read('tax-authority-code-signed-by-seller.xml'));
    expect(verdict(report)).toBe('TOTAL_FAILED/FORMAT_FAILURE');
    expect(codes(report)).toEqual([['EINVOICE_SIGNER_IS_ROLE', 'EINVOICE_DATA_NOT_SIGNED_BY_ROLE']]);
    expect(report.messages.filter((m) => m.code === 'EINVOICE_DATA_NOT_SIGNED_BY_ROLE').map((m) => m.params)).toEqual([
      { element: 'MCCQT', index: '1', role_vi: 'cơ quan thuế', role_en: 'tax authority', place: 'CQT' },
    ]);
  });
});

describe('data without a DSCKS place of its own', () => {
  it('an invoice sent as its DLHDon alone is held to the seller’s tax code: the seller’s own certificate passes', async () => {
    const report = await check(read('root-dlhdon-signed-by-seller.xml'));
    expect(verdict(report)).toBe('TOTAL_PASSED/');
    expect(codes(report)).toEqual([['EINVOICE_SIGNER_IS_ROLE']]);
  });

  it('another company’s certificate over seller 0309888888’s DLHDon alone is not the seller’s signature', async () => {
    // Before: TOTAL_PASSED, the seller's data reported under a stranger's signature.
    const report = await check(read('root-dlhdon-signed-by-other-company.xml'));
    expect(verdict(report)).toBe('TOTAL_FAILED/FORMAT_FAILURE');
    expect(codes(report)).toEqual([['EINVOICE_SIGNER_NOT_ROLE']]);
  });

  it('a tax-office notice signed outside the DSCKS beside it is not vouched for', async () => {
    // Before: TOTAL_PASSED with the notice's data; the same signature in DSCKS/CQT fails the tax-authority check.
    const report = await check(read('notice-signature-outside-dscks.xml'));
    expect(verdict(report)).toBe('TOTAL_FAILED/FORMAT_FAILURE');
    expect(codes(report)).toEqual([['EINVOICE_DATA_NOT_SIGNED_IN_LIST']]);
  });
});

describe('a notice is vouched for by a checked place in the DSCKS beside it', () => {
  it('control: a company’s certificate in the taxpayer’s place (NNT) of a notice about its own tax code passes', async () => {
    const report = await check(read('notice-taxpayer-place-own.xml'));
    expect(verdict(report)).toBe('TOTAL_PASSED/');
    expect(codes(report)).toEqual([['EINVOICE_SIGNER_IS_ROLE']]);
  });

  it('the same certificate in the taxpayer’s place of a notice about 0309888888 is not the taxpayer’s', async () => {
    // Before: TOTAL_PASSED, role "other", the notice's data reported as signed (red team rt14).
    const report = await check(read('notice-taxpayer-place-other-company.xml'));
    expect(verdict(report)).toBe('TOTAL_FAILED/FORMAT_FAILURE');
    expect(codes(report)).toEqual([['EINVOICE_SIGNER_NOT_ROLE']]);
  });

  it('a place that checks nobody (DSCKS/TCT) does not vouch for the notice', async () => {
    const report = await check(read('notice-unknown-place.xml'));
    expect(verdict(report)).toBe('TOTAL_FAILED/FORMAT_FAILURE');
    expect(codes(report)).toEqual([['EINVOICE_DATA_NOT_SIGNED_IN_LIST']]);
  });
});

describe('a batch message past the signature limit', () => {
  const batch = read('batch-65-invoices.xml');
  const last = batch.lastIndexOf('<TgTTTBSo>1100000</TgTTTBSo>');
  const lastChanged = `${batch.slice(0, last)}<TgTTTBSo>9100000</TgTTTBSo>${batch.slice(last + '<TgTTTBSo>1100000</TgTTTBSo>'.length)}`;

  it('65 seller-signed invoices pass under the default limit; the 65th changed is a hash failure', async () => {
    // Before: the 65th signature was never checked (TOTAL_PASSED when changed, FORMAT_FAILURE when genuine).
    const report = await check(batch);
    expect(verdict(report)).toBe('TOTAL_PASSED/');
    expect(report.signatures).toHaveLength(65);
    expect(verdict(await check(lastChanged))).toBe('TOTAL_FAILED/HASH_FAILURE');
  });

  it('past the limit the unchecked signatures leave the message INDETERMINATE, neither passed nor absent', async () => {
    for (const document of [batch, lastChanged]) {
      const report = await check(document, { maxXmlSignatures: 64 });
      expect(verdict(report)).toBe('INDETERMINATE/');
      expect(report.signatures).toHaveLength(64);
      expect(report.messages.map((m) => m.code)).toContain('XML_TOO_MANY_SIGNATURES');
      expect(report.messages.map((m) => m.code)).not.toContain('EINVOICE_DATA_NOT_SIGNED');
    }
  });
});

describe.skipIf(!existsSync(join(WORKPLACE_SHARED, 'real-world', 'vn')))('real tax-authority messages (../shared/real-world/vn)', () => {
  it('the tax authority’s and the seller’s certificates are confirmed in their roles', async () => {
    const bytes = new Uint8Array(readFileSync(join(WORKPLACE_SHARED, 'real-world', 'vn', 'hdon-ma-cqt.xml')));
    const report = await verify(bytes, { trust: await TrustStore.bundled(), at: AT });
    // The tax authority's by its path to the Government PKI's G2 root, not by its name alone.
    expect(codes(report)).toEqual([['EINVOICE_SIGNER_IS_ROLE'], ['VALIDATION_GOVERNMENT_SIGNER_CONFIRMED']]);
    expect(report.signatures[1]!.messages.find((m) => m.code === 'VALIDATION_GOVERNMENT_SIGNER_CONFIRMED')!.en).toContain('RootCA chuyên dùng Chính phủ G2');
  });
});
