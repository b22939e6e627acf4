/**
 * Every later revision's changes concern every signature before it: reports that copied
 * them all grew as signatures × changes (800 pdfsig signatures: a 321 MB JSON report; one
 * update of 80,000 unused objects after 50 signatures: a report no JavaScript string could
 * hold, and the CLI died). A signature now lists at most 100 of its changes after signing,
 * those of the highest level first and in revision order, with their total and a message;
 * its level and verdict are judged on all of them, as before.
 *
 * Fixtures (samples/make-attacks-pdf-many-signatures.sh): twelve pdfsig signatures, each in
 * its own revision (three form-filling changes for each earlier signature), then one update
 * of 2,000 new objects nothing uses, then (second file) one that turns the page; and (third
 * file) the signatures followed by a DSS of 1,200 entries that are no certificates, each a
 * candidate in every signature's path validation: at most 1,000 DSS entries of a kind are
 * read, and a validation names at most 16 unreadable candidates and counts the rest.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport, SignatureReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, REPO, sample } from '../helpers.js';

const check = (bytes: Uint8Array) => verify(bytes, { trust: TrustStore.from(sample('pki/kyso-test-root.pem')), at: AT });
const fixture = (name: string) => new Uint8Array(readFileSync(`${REPO}test/fixtures/attacks/pdf/${name}`));
const verdicts = (report: DocumentReport) => report.signatures.map((s) => `${s.id}:${s.indication}${s.subIndication ? `/${s.subIndication}` : ''}`);
const codes = (s: SignatureReport) => s.messages.map((m) => m.code);
const SIGS = Array.from({ length: 12 }, (_, i) => `Sig${i + 1}`);
const kinds = (s: SignatureReport) => {
  const count: Record<string, number> = {};
  for (const change of s.modifications!.changes) count[change.kind] = (count[change.kind] ?? 0) + 1;
  return count;
};
const inRevisionOrder = (s: SignatureReport) => s.modifications!.changes.every((c, i, all) => i === 0 || all[i - 1]!.revision <= c.revision);

describe('a signature lists a bounded number of the changes after it', () => {
  it('twelve pdfsig signatures alone: every change is listed, no total, no message (the control)', async () => {
    const whole = fixture('signatures-12-unused-2000.pdf');
    const first = await check(whole);
    // The file as pdfsig left it: up to the end of the twelfth signature's revision.
    const revisions = (first.details as unknown as { revisions: { end: number }[] }).revisions;
    expect(revisions).toHaveLength(14);
    const report = await check(whole.subarray(0, revisions[12]!.end));
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(verdicts(report)).toEqual(SIGS.map((id) => `${id}:TOTAL_PASSED`));
    report.signatures.forEach((s, i) => {
      const later = 3 * (11 - i);
      expect(s.modifications).toEqual({ level: later > 0 ? 'form-filling' : 'none', changes: expect.any(Array) });
      expect(s.modifications!.changes).toHaveLength(later);
      expect(codes(s)).not.toContain('PDF_CHANGES_NOT_LISTED');
    });
  });

  it('2,000 unused objects after them: each lists 100 changes, all the form-filling ones first, with the total and a message; all pass', async () => {
    const report = await check(fixture('signatures-12-unused-2000.pdf'));
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(verdicts(report)).toEqual(SIGS.map((id) => `${id}:TOTAL_PASSED`));
    report.signatures.forEach((s, i) => {
      const signing = 3 * (11 - i);
      const total = 2000 + signing;
      expect(s.modifications!.level).toBe(signing > 0 ? 'form-filling' : 'none');
      expect(s.modifications!.total).toBe(total);
      expect(s.modifications!.changes).toHaveLength(100);
      expect(kinds(s)).toEqual(signing > 0 ? { 'form-filling': signing, none: 100 - signing } : { none: 100 });
      expect(inRevisionOrder(s)).toBe(true);
      // The unused objects listed are the first ones, by object number.
      const unused = s.modifications!.changes.filter((c) => c.kind === 'none');
      expect(unused.every((c) => c.revision === 14 && c.rule === 'unused-object')).toBe(true);
      const cut = s.messages.find((m) => m.code === 'PDF_CHANGES_NOT_LISTED')!;
      expect(cut.params).toEqual({ field: s.id, listed: 100, total });
      expect(cut.en).toBe(`The report lists 100 of the ${total} changes after signature ${s.id} (those of the highest level first); the change level and the verdict are judged on all of them.`);
      expect(cut.vi).toBe(`Báo cáo chỉ liệt kê 100 trong tổng số ${total} thay đổi sau chữ ký ${s.id} (các thay đổi ở mức cao nhất trước); mức thay đổi và kết quả được xét trên tất cả các thay đổi.`);
      expect(codes(s)).toEqual([
        ...(signing > 0 ? ['PDF_ALLOWED_CHANGES_AFTER_SIGNING'] : []),
        'PDF_CHANGES_NOT_LISTED',
        'PDF_COVERAGE',
        'VALIDATION_NO_TIMESTAMP',
        'PKI_PATH_VALID',
        'PKI_REVOCATION_NOT_FOUND',
        'VALIDATION_PASSED',
      ]);
    });
    // 12 × 100 changes, where copying each later revision's list gave 12 × 2,000 and more.
    expect(report.signatures.reduce((n, s) => n + s.modifications!.changes.length, 0)).toBe(1200);
  });

  it('then the page turned: the change no rule allows is listed for every signature, however many came before it, and all fail', async () => {
    const report = await check(fixture('signatures-12-unused-2000-page-changed.pdf'));
    expect(report.indication).toBe('TOTAL_FAILED');
    expect(verdicts(report)).toEqual(SIGS.map((id) => `${id}:TOTAL_FAILED/FORMAT_FAILURE`));
    report.signatures.forEach((s, i) => {
      const signing = 3 * (11 - i);
      expect(s.modifications!.level).toBe('other');
      expect(s.modifications!.total).toBe(2001 + signing);
      expect(s.modifications!.changes).toHaveLength(100);
      expect(kinds(s)).toEqual({ ...(signing > 0 ? { 'form-filling': signing } : {}), none: 99 - signing, other: 1 });
      expect(inRevisionOrder(s)).toBe(true);
      const other = s.modifications!.changes.at(-1)!;
      expect(other).toMatchObject({ revision: 15, object: '3 0 R', kind: 'other' });
      expect(codes(s)[0]).toBe('PDF_MODIFIED_AFTER_SIGNING');
      expect(s.messages[0]!.en).toContain('3 0 R');
      expect(codes(s)).toContain('PDF_CHANGES_NOT_LISTED');
    });
  });
});

describe('a DSS of junk entries', () => {
  it('1,200 entries that are no certificates: the first 1,000 are read, each validation names 16 and counts the rest; all pass', async () => {
    const report = await check(fixture('signatures-12-dss-junk-1200.pdf'));
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(verdicts(report)).toEqual(SIGS.map((id) => `${id}:TOTAL_PASSED`));
    const limit = report.messages.find((m) => m.code === 'PDF_DSS_ENTRIES_LIMIT')!;
    expect(limit.params).toEqual({ entry: '/Certs', limit: 1000 });
    expect(limit.en).toBe('The document security store (DSS) holds more than 1000 /Certs entries (/VRI included); only the first 1000 are used, the rest are left out.');
    expect(report.messages.find((m) => m.code === 'PDF_DSS_FOUND')!.params).toEqual({ certificates: 1000, crls: 0, ocsps: 0 });
    for (const s of report.signatures) {
      // The sixteen named are one message: every junk entry fails the same way.
      expect(codes(s).filter((c) => c === 'PKI_CANDIDATE_UNREADABLE')).toHaveLength(1);
      const more = s.messages.find((m) => m.code === 'PKI_CANDIDATES_UNREADABLE_MORE')!;
      expect(more.params).toEqual({ count: 984 });
      expect(more.vi).toBe('Bỏ qua thêm 984 chứng thư số trung gian không đọc được (không nêu từng chứng thư).');
      expect(codes(s)).toContain('PKI_PATH_VALID');
    }
  });
});
