/**
 * Encrypted signed PDFs made by qpdf (`--encrypt "" owner …`: an owner password only, the user password
 * empty) and signed afterwards by poppler's pdfsig (samples/make-pdf-encrypted.sh). kyso opens them with
 * the empty user password (standard security handler R2–R6), reads field names and strings decrypted, and
 * checks the signatures as on any other PDF; a user password it does not have leaves them unchecked.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { verify } from '../../src/verify.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { createVerifyPool, verifyFiles } from '../../src/node.js';
import { AT, SAMPLES, sample } from '../helpers.js';

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

async function verifyPdf(name: string): Promise<DocumentReport> {
  return verify(sample(`pdf/${name}.pdf`), { trust, at: AT });
}

describe('encrypted PDFs opened with the empty user password', () => {
  it.each([
    ['encrypted-rc4-40-signed', 'RC4 40-bit'],
    ['encrypted-rc4-128-signed', 'RC4 128-bit'],
    ['encrypted-aes-128-signed', 'AES-128'],
    ['encrypted-aes-256-signed', 'AES-256'],
  ])('%s (%s, object streams) signed by pdfsig → TOTAL_PASSED, field name and reason decrypted', async (name, method) => {
    const report = await verifyPdf(name);
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.signatures.map((s) => [s.id, s.indication, s.intact, s.valid, s.modifications?.level])).toEqual([
      ['SigPerson', 'TOTAL_PASSED', 'passed', 'passed', 'none'],
    ]);
    expect(report.signatures[0]!.details).toMatchObject({ reason: 'Ky duyet' });
    const opened = report.messages.find((m) => m.code === 'PDF_ENCRYPTED_OPENED');
    expect(opened?.params).toMatchObject({ method });
  });

  it('an encrypted document without a signature → NO_SIGNATURE (not a failure)', async () => {
    const report = await verifyPdf('encrypted-aes-256-unsigned');
    expect(report.indication).toBe('NO_SIGNATURE');
    expect(report.messages.map((m) => m.code)).toContain('PDF_ENCRYPTED_OPENED');
  });

  it('a user password kyso does not have → INDETERMINATE/SIGNED_DATA_NOT_FOUND with a message saying why', async () => {
    const report = await verifyPdf('encrypted-user-password-signed');
    expect(report).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
    const message = report.messages.find((m) => m.code === 'PDF_ENCRYPTED_PASSWORD');
    expect(message?.severity).toBe('error');
  });
});

/**
 * Passwords the caller gives (`passwords`, CLI --password): documents qpdf encrypted with a user
 * password, one for each revision of the standard security handler, and signed by MuPDF's `mutool
 * sign` (SHA-1, so these tests accept SHA-1 until 2030, and the signer's CMS holds no intermediate,
 * so the trust gets it); the AES-256 one signed by pdfsig (samples/make-pdf-encrypted.sh).
 */
describe('encrypted PDFs opened with a password the caller gives', () => {
  let withIntermediate: TrustStore;
  beforeAll(() => {
    withIntermediate = trust.withIntermediates(sample('ca/intermediate.pem'));
  });
  const sha1Allowed = { algorithms: { sha1Until: new Date('2030-01-01T00:00:00Z') } };
  const open = (name: string, passwords?: readonly string[]) =>
    verify(sample(`pdf/${name}.pdf`), { trust: withIntermediate, at: AT, policy: sha1Allowed, ...(passwords ? { passwords } : {}) });
  const opening = (report: DocumentReport) => report.messages.filter((m) => m.code.startsWith('PDF_ENCRYPTED')).map((m) => [m.code, m.params]);
  const verdicts = (report: DocumentReport) => [report, ...report.signatures].map((r) => `${r.indication}/${r.subIndication ?? ''}`);

  const MUTOOL: readonly (readonly [string, string, string])[] = [
    ['encrypted-rc4-40-user-password-mutool', 'RC4 40-bit', 'user-kyso'],
    ['encrypted-rc4-128-user-password-mutool', 'RC4 128-bit', 'user-kyso'],
    ['encrypted-aes-128-user-password-mutool', 'AES-128', 'café-kyso'],
    ['encrypted-aes-256-vietnamese-passwords-mutool', 'AES-256', 'mật khẩu'],
  ];

  it.each(MUTOOL)('%s (%s): no password → INDETERMINATE/SIGNED_DATA_NOT_FOUND, asked for', async (name) => {
    const report = await open(name);
    expect(verdicts(report)).toEqual(['INDETERMINATE/SIGNED_DATA_NOT_FOUND']);
    expect(opening(report)).toEqual([['PDF_ENCRYPTED_PASSWORD', undefined]]);
  });

  it.each(MUTOOL)('%s (%s): the user password after a wrong one → TOTAL_PASSED, opened by the second', async (name, method, password) => {
    const report = await open(name, ['wrong', password]);
    expect(verdicts(report)).toEqual(['TOTAL_PASSED/', 'TOTAL_PASSED/']);
    expect(report.signatures.map((s) => [s.id, s.intact, s.modifications?.level])).toEqual([['SigPerson', 'passed', 'none']]);
    expect(opening(report)).toEqual([['PDF_ENCRYPTED_OPENED_USER_PASSWORD', { method, number: 2 }]]);
  });

  it.each(MUTOOL.slice(0, 3))('%s (%s): the owner password opens it too (Algorithm 7)', async (name, method) => {
    const report = await open(name, ['owner-kyso']);
    expect(verdicts(report)).toEqual(['TOTAL_PASSED/', 'TOTAL_PASSED/']);
    expect(opening(report)).toEqual([['PDF_ENCRYPTED_OPENED_OWNER_PASSWORD', { method, number: 1 }]]);
  });

  it('AES-256: the Vietnamese owner password opens it (Algorithm 12), also typed decomposed (SASLprep NFKC)', async () => {
    for (const password of ['chủ sở hữu', 'chủ sở hữu'.normalize('NFD')]) {
      const report = await open('encrypted-aes-256-vietnamese-passwords-mutool', [password]);
      expect(verdicts(report)).toEqual(['TOTAL_PASSED/', 'TOTAL_PASSED/']);
      expect(opening(report)).toEqual([['PDF_ENCRYPTED_OPENED_OWNER_PASSWORD', { method: 'AES-256', number: 1 }]]);
    }
  });

  it('AES-128: the password with "é" written decomposed still opens it (PDFDocEncoding of its composed form)', async () => {
    const report = await open('encrypted-aes-128-user-password-mutool', ['café-kyso'.normalize('NFD')]);
    expect(verdicts(report)).toEqual(['TOTAL_PASSED/', 'TOTAL_PASSED/']);
  });

  it('AES-128 with a Vietnamese password (stored as UTF-8: PDFDocEncoding has no "ậ"): composed and decomposed both open it', async () => {
    for (const password of ['mật khẩu', 'mật khẩu'.normalize('NFD')]) {
      const report = await open('encrypted-aes-128-vietnamese-password-mutool', [password]);
      expect(verdicts(report)).toEqual(['TOTAL_PASSED/', 'TOTAL_PASSED/']);
      expect(opening(report)).toEqual([['PDF_ENCRYPTED_OPENED_USER_PASSWORD', { method: 'AES-128', number: 1 }]]);
    }
  });

  it('revision 5 (AES-256 without Algorithm 2.B): user and owner password', async () => {
    for (const [password, code] of [
      ['user-kyso', 'PDF_ENCRYPTED_OPENED_USER_PASSWORD'],
      ['owner-kyso', 'PDF_ENCRYPTED_OPENED_OWNER_PASSWORD'],
    ] as const) {
      const report = await open('encrypted-aes-256-r5-user-password-mutool', ['wrong', password]);
      expect(verdicts(report)).toEqual(['TOTAL_PASSED/', 'TOTAL_PASSED/']);
      expect(opening(report)).toEqual([[code, { method: 'AES-256', number: 2 }]]);
    }
    expect(verdicts(await open('encrypted-aes-256-r5-user-password-mutool', ['wrong']))).toEqual(['INDETERMINATE/SIGNED_DATA_NOT_FOUND']);
  });

  it('each password is tried as the user password before any is tried as the owner password', async () => {
    const report = await verify(sample('pdf/encrypted-user-password-signed.pdf'), { trust, at: AT, passwords: ['owner-kyso', 'user-kyso'] });
    expect(opening(report)).toEqual([['PDF_ENCRYPTED_OPENED_USER_PASSWORD', { method: 'AES-256', number: 2 }]]);
  });

  it('inside a ZIP: two copies of one encrypted document are opened with the password given, at the cost of one', async () => {
    const zip = sample('pdf/encrypted-user-password-two-copies.zip');
    const withPassword = await verify(zip, { trust, at: AT, passwords: ['wrong', 'user-kyso'] });
    expect(verdicts(withPassword)).toEqual(['TOTAL_PASSED/']);
    expect((withPassword.attachments ?? []).map((a) => [a.name, a.indication, opening(a)])).toEqual([
      ['copy-1.pdf', 'TOTAL_PASSED', [['PDF_ENCRYPTED_OPENED_USER_PASSWORD', { method: 'AES-256', number: 2 }]]],
      ['copy-2.pdf', 'TOTAL_PASSED', [['PDF_ENCRYPTED_OPENED_USER_PASSWORD', { method: 'AES-256', number: 2 }]]],
    ]);
    // The empty password, "wrong" and "user-kyso" as user passwords: 3 checks of /U, then the key
    // from /UE: 4 AES-256 password hashes. With room for those 4 only, the second copy is still
    // opened: its outcome is remembered, not computed again.
    const justEnough = await verify(zip, { trust, at: AT, passwords: ['wrong', 'user-kyso'], policy: { limits: { maxPasswordHashes: 4 } } });
    expect((justEnough.attachments ?? []).map((a) => a.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
  });

  it('AES-256 password checks are bounded for a document and all it carries: past the bound INDETERMINATE, said why', async () => {
    const report = await verify(sample('pdf/encrypted-user-password-signed.pdf'), {
      trust,
      at: AT,
      passwords: ['a', 'b', 'c', 'user-kyso'],
      policy: { limits: { maxPasswordHashes: 3 } },
    });
    expect(verdicts(report)).toEqual(['INDETERMINATE/SIGNED_DATA_NOT_FOUND']);
    expect(opening(report)).toEqual([['PDF_ENCRYPTED_PASSWORD_LIMIT', { limit: 3 }]]);
  });

  it('createVerifyPool and verifyFiles take the passwords to their worker threads', async () => {
    const pool = createVerifyPool({ trust, at: AT, threads: 1, passwords: ['user-kyso'] });
    try {
      const report = await pool.verify(sample('pdf/encrypted-user-password-signed.pdf'));
      expect(verdicts(report)).toEqual(['TOTAL_PASSED/', 'TOTAL_PASSED/']);
    } finally {
      await pool.close();
    }
    const results = [];
    for await (const result of verifyFiles([`${SAMPLES}pdf/encrypted-user-password-signed.pdf`], { trust, at: AT, jobs: 2, passwords: ['user-kyso'] })) results.push(result);
    expect(results.map((r) => ('report' in r ? r.report.indication : 'error'))).toEqual(['TOTAL_PASSED']);
  });

  it('pdfsig-signed AES-256 (SHA-256): user and owner password each open it; the default SHA-1 policy is not needed', async () => {
    for (const [password, code] of [
      ['user-kyso', 'PDF_ENCRYPTED_OPENED_USER_PASSWORD'],
      ['owner-kyso', 'PDF_ENCRYPTED_OPENED_OWNER_PASSWORD'],
    ] as const) {
      const report = await verify(sample('pdf/encrypted-user-password-signed.pdf'), { trust, at: AT, passwords: [password] });
      expect(verdicts(report)).toEqual(['TOTAL_PASSED/', 'TOTAL_PASSED/']);
      expect(opening(report)).toEqual([[code, { method: 'AES-256', number: 1 }]]);
    }
  });

  it('wrong passwords only → INDETERMINATE/SIGNED_DATA_NOT_FOUND, counted, and no password text in the report', async () => {
    const passwords = ['user-kyso ', 'Owner-kyso', 'mat khau'];
    const report = await open('encrypted-aes-256-vietnamese-passwords-mutool', passwords);
    expect(verdicts(report)).toEqual(['INDETERMINATE/SIGNED_DATA_NOT_FOUND']);
    expect(opening(report)).toEqual([['PDF_ENCRYPTED_WRONG_PASSWORD', { count: 3 }]]);
    const text = JSON.stringify(report);
    for (const password of passwords) expect(text).not.toContain(password);
  });

  it('an unsigned document under a user password: INDETERMINATE without it, NO_SIGNATURE with it', async () => {
    expect(verdicts(await open('encrypted-rc4-128-user-password-unsigned'))).toEqual(['INDETERMINATE/SIGNED_DATA_NOT_FOUND']);
    const report = await open('encrypted-rc4-128-user-password-unsigned', ['user-kyso']);
    expect(verdicts(report)).toEqual(['NO_SIGNATURE/']);
    expect(opening(report)).toEqual([['PDF_ENCRYPTED_OPENED_USER_PASSWORD', { method: 'RC4 128-bit', number: 1 }]]);
  });

  it('documents without a user password still open with the empty one when passwords are given', async () => {
    const report = await verify(sample('pdf/encrypted-aes-128-signed.pdf'), { trust, at: AT, passwords: ['user-kyso'] });
    expect(verdicts(report)).toEqual(['TOTAL_PASSED/', 'TOTAL_PASSED/']);
    expect(opening(report)).toEqual([['PDF_ENCRYPTED_OPENED', { method: 'AES-128' }]]);
  });

  it('passwords must be at most 1,000 strings', async () => {
    await expect(verify(sample('pdf/encrypted-aes-128-signed.pdf'), { trust, at: AT, passwords: 'user-kyso' as unknown as string[] })).rejects.toThrow(/options\.passwords/);
    await expect(verify(sample('pdf/encrypted-aes-128-signed.pdf'), { trust, at: AT, passwords: Array.from({ length: 1001 }, () => 'x') })).rejects.toThrow(/at most 1000/);
  });
});
