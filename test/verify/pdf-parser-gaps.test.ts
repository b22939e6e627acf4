/**
 * Structures real signed PDFs use that the reader once got wrong (issue 8), each on a sample signed by
 * pdfsig or openssl (samples/README.md) or on an incremental update written over one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { verify } from '../../src/verify.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { AT, sample } from '../helpers.js';
import { ascii, PdfBuilder } from '../formats/pdf/builder.js';

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

function check(bytes: Uint8Array): Promise<DocumentReport> {
  return verify(bytes, { trust, at: AT });
}

function verdicts(report: DocumentReport): string[] {
  return report.signatures.map((s) => `${s.id}: ${s.subIndication ? `${s.indication}/${s.subIndication}` : s.indication}`);
}

function codes(report: DocumentReport | DocumentReport['signatures'][number]): string[] {
  return report.messages.map((m) => m.code);
}

describe('the reader on structures real files use', () => {
  it('an unknown SubFilter (PBAD.PAdES) carrying a detached CMS is verified as CMS, with a warning', async () => {
    const report = await check(sample('pdf/unknown-subfilter-cms.pdf'));
    expect(verdicts(report)).toEqual(['SigPerson: TOTAL_PASSED']);
    expect(codes(report.signatures[0]!)).toContain('PDF_UNKNOWN_SUBFILTER_CMS');
  });

  it('non-zero padding after the CMS inside /Contents (outside every signed range) is ignored with a warning', async () => {
    // openssl's DER CMS, embedded in a /Contents twice its size (pdfsig's BER would end in zeros itself).
    const bytes = sample('pdf/cades-openssl.pdf');
    const text = ascii(bytes);
    const end = text.indexOf('>', text.indexOf('/Contents <'));
    expect(text.slice(end - 16, end)).toBe('0'.repeat(16));
    const padded = Uint8Array.from(bytes);
    padded.set(Uint8Array.from('DEADBEEFDEADBEEF', (c) => c.charCodeAt(0)), end - 16);
    const report = await check(padded);
    expect(verdicts(report)).toEqual(['SigPerson: TOTAL_PASSED']);
    expect(codes(report.signatures[0]!)).toContain('PDF_CONTENTS_TRAILING_DATA');
  });

  it("a later bogus signature copying the earlier one's /ByteRange fails on its own; the earlier intact one keeps its verdict", async () => {
    const signed = sample('pdf/person-signed.pdf');
    const byteRange = /\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(ascii(signed))!;
    const builder = new PdfBuilder(signed);
    builder.object(8, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (SigOrganization) /Rect [0 0 0 0] /F 132 /P 3 0 R /V 20 0 R >>');
    builder.object(20, `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 ${byteRange[1]} ${byteRange[2]} ${byteRange[3]}] /Contents <3000> >>`);
    builder.xrefTable('/Root 1 0 R /Size 21');
    const report = await check(builder.bytes());
    expect(report.indication).toBe('TOTAL_FAILED');
    const [person, bogus] = report.signatures;
    expect(person).toMatchObject({ id: 'SigPerson', intact: 'passed', valid: 'passed' });
    expect(codes(person!)).not.toContain('PDF_BYTERANGE_OVERLAP');
    expect(bogus).toMatchObject({ id: 'SigOrganization', indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
  });
});
