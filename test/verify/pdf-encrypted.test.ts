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
import { AT, sample } from '../helpers.js';

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
