/**
 * Revocation on the openssl-made PKI of test/pki/fixtures (make.sh): root → ca →
 * {good, revoked (2024-01-01, keyCompromise), ocsp-responder}.
 */
import { describe, expect, test } from 'vitest';
import { validateCertificatePath } from '../../src/pki/validate-path.js';
import type { RevocationData, ValidatePathInput } from '../../src/pki/types.js';
import { bytes, certFile, codes, expectStatus, FIXTURES } from './helpers.js';

const pki = (name: string): Uint8Array => (name.endsWith('.pem') ? certFile(`${FIXTURES}pki/${name}`) : bytes(`${FIXTURES}pki/${name}`));
const ROOT = pki('root.pem');
const CA = pki('ca.pem');
const GOOD = pki('good.pem');
const REVOKED = pki('revoked.pem');
const AT = new Date('2025-06-01T00:00:00Z');

function input(leaf: Uint8Array, supplied: RevocationData, extra: Partial<ValidatePathInput> = {}): ValidatePathInput {
  return { leaf, intermediates: [CA], trustAnchors: [ROOT], at: AT, revocation: { supplied }, revocationMode: 'require', ...extra };
}

describe('CRLs', () => {
  test('a leaf listed on its CA’s CRL is revoked (REVOKED), with time, reason and source', async () => {
    const result = await validateCertificatePath(input(REVOKED, { crls: [pki('root.crl'), pki('ca.crl')] }));
    expectStatus(result, 'revoked', 'REVOKED');
    expect(result.revocation[0]).toMatchObject({
      status: 'revoked',
      method: 'crl',
      source: 'supplied',
      revocationTime: '2024-01-01T00:00:00.000Z',
      reason: 'keyCompromise',
      thisUpdate: '2024-06-01T00:00:00.000Z',
    });
    expect(result.rejected?.subject).toContain('Trần Thị Thu Hồi');
    expect(codes(result)).toContain('PKI_REVOKED');
  });

  test('a leaf not on a fresh CRL, with a CA not on the root’s CRL, is valid and both are reported good', async () => {
    const result = await validateCertificatePath(input(GOOD, { crls: [pki('root.crl'), pki('ca.crl')] }));
    expectStatus(result, 'valid');
    expect(result.revocation.map((r) => [r.status, r.method])).toEqual([
      ['good', 'crl'],
      ['good', 'crl'],
    ]);
  });

  test('a CA revoked by the root makes the path revoked with REVOKED_CA_NO_POE, naming the CA', async () => {
    const result = await validateCertificatePath(input(GOOD, { crls: [pki('root-revokes-ca.crl'), pki('ca.crl')] }));
    expectStatus(result, 'revoked', 'REVOKED_CA_NO_POE');
    expect(result.rejected?.subject).toContain('kyso pki-test CA');
    expect(result.revocation[1]).toMatchObject({ status: 'revoked', reason: 'cACompromise' });
  });

  test('a certificate revoked after `at` is not revoked for this validation, and the revocation is reported', async () => {
    const result = await validateCertificatePath(
      input(REVOKED, { crls: [pki('root.crl'), pki('ca.crl')] }, { at: new Date('2023-06-01T00:00:00Z'), now: AT }),
    );
    expectStatus(result, 'valid');
    expect(result.revocation[0]).toMatchObject({ status: 'good', revocationTime: '2024-01-01T00:00:00.000Z', reason: 'keyCompromise' });
    expect(codes(result)).toContain('PKI_REVOKED_AFTER_AT');
  });

  test('a CRL issued after `now` is ignored: with require, the leaf’s status is unknown', async () => {
    const result = await validateCertificatePath(
      input(REVOKED, { crls: [pki('root.crl'), pki('ca.crl')] }, { at: new Date('2023-06-01T00:00:00Z'), now: new Date('2024-03-01T00:00:00Z') }),
    );
    expectStatus(result, 'revocation-unknown', 'TRY_LATER');
    expect(codes(result)).toEqual(expect.arrayContaining(['PKI_CRL_AFTER_NOW', 'PKI_REVOCATION_MISSING']));
  });

  test('a stale CRL (nextUpdate before `at`) with require gives revocation-stale (TRY_LATER)', async () => {
    const result = await validateCertificatePath(input(GOOD, { crls: [pki('root.crl'), pki('ca-stale.crl')] }));
    expectStatus(result, 'revocation-stale', 'TRY_LATER');
    expect(result.rejected?.subject).toContain('Nguyễn Văn Tốt');
    expect(codes(result)).toContain('PKI_REVOCATION_STALE');
  });

  test('the same stale CRL supplied under if-available gives TRY_LATER: an answer was asked for and it is too old', async () => {
    const result = await validateCertificatePath(input(GOOD, { crls: [pki('root.crl'), pki('ca-stale.crl')] }, { revocationMode: 'if-available' }));
    expectStatus(result, 'revocation-stale', 'TRY_LATER');
    expect(codes(result)).toContain('PKI_REVOCATION_STALE');
  });

  test('a stale CRL only embedded in the document, under if-available, leaves the path valid with a warning', async () => {
    const result = await validateCertificatePath({
      ...input(GOOD, { crls: [pki('root.crl')] }, { revocationMode: 'if-available' }),
      revocation: { embedded: { crls: [pki('ca-stale.crl')] }, supplied: { crls: [pki('root.crl')] } },
    });
    expectStatus(result, 'valid');
    expect(result.revocation[0]?.status).toBe('unknown');
    expect(codes(result)).toContain('PKI_REVOCATION_STALE_EMBEDDED');
    expect(result.messages.find((m) => m.code === 'PKI_REVOCATION_STALE_EMBEDDED')?.en).toContain('2022-02-01T00:00:00.000Z');
  });

  test('a CRL issued after `at` but before `now` proves the status at `at`', async () => {
    // root.crl is dated 2023-01-02; the CA is validated for 2022-01-15 at a later `now`.
    const result = await validateCertificatePath(
      input(CA, { crls: [pki('root.crl')] }, { intermediates: [], at: new Date('2022-01-15T00:00:00Z'), now: AT }),
    );
    expectStatus(result, 'valid');
    expect(result.revocation[0]).toMatchObject({ status: 'good', thisUpdate: '2023-01-02T00:00:00.000Z' });
  });

  test('no revocation data with require: revocation-unknown, naming the first certificate without data', async () => {
    const result = await validateCertificatePath(input(GOOD, {}));
    expectStatus(result, 'revocation-unknown', 'TRY_LATER');
    expect(codes(result)).toContain('PKI_REVOCATION_MISSING');
  });

  test('no revocation data with if-available: valid, with a warning about the end entity', async () => {
    const result = await validateCertificatePath(input(GOOD, {}, { revocationMode: 'if-available' }));
    expectStatus(result, 'valid');
    expect(codes(result)).toContain('PKI_REVOCATION_NOT_FOUND');
  });

  test('mode off checks nothing, even with a CRL that revokes', async () => {
    const result = await validateCertificatePath(input(REVOKED, { crls: [pki('ca.crl')] }, { revocationMode: 'off' }));
    expectStatus(result, 'valid');
    expect(result.revocation.map((r) => r.status)).toEqual(['not-checked', 'not-checked']);
  });

  test('embedded CRLs are reported with source embedded', async () => {
    const result = await validateCertificatePath({
      ...input(REVOKED, {}),
      revocation: { embedded: { crls: [pki('root.crl'), pki('ca.crl')] } },
    });
    expectStatus(result, 'revoked');
    expect(result.revocation[0]?.source).toBe('embedded');
  });

  test('garbage offered as a CRL is skipped with a warning, not a crash', async () => {
    const result = await validateCertificatePath(input(GOOD, { crls: [Uint8Array.from([0x30, 0x03, 1, 2, 3]), pki('root.crl'), pki('ca.crl')] }));
    expectStatus(result, 'valid');
    expect(codes(result)).toContain('PKI_CRL_UNREADABLE');
  });
});

describe('OCSP', () => {
  test('a response from the CA’s delegated responder (id-kp-OCSPSigning) saying revoked makes the path revoked', async () => {
    const result = await validateCertificatePath(input(REVOKED, { crls: [pki('root.crl')], ocspResponses: [pki('revoked-revoked.ocsp')] }));
    expectStatus(result, 'revoked', 'REVOKED');
    expect(result.revocation[0]).toMatchObject({ status: 'revoked', method: 'ocsp', source: 'supplied', reason: 'keyCompromise' });
  });

  test('a response signed by the CA itself counts', async () => {
    const result = await validateCertificatePath(input(REVOKED, { crls: [pki('root.crl')], ocspResponses: [pki('revoked-by-ca.ocsp')] }));
    expectStatus(result, 'revoked', 'REVOKED');
  });

  test('a good response is used for the leaf; the CA still needs its own data under require', async () => {
    const good = await validateCertificatePath(input(GOOD, { crls: [pki('root.crl')], ocspResponses: [pki('good-good.ocsp')] }));
    expectStatus(good, 'valid');
    expect(good.revocation[0]).toMatchObject({ status: 'good', method: 'ocsp', thisUpdate: '2024-06-01T00:00:00.000Z' });
    const noRootCrl = await validateCertificatePath(input(GOOD, { ocspResponses: [pki('good-good.ocsp')] }));
    expectStatus(noRootCrl, 'revocation-unknown');
    expect(noRootCrl.rejected?.subject).toContain('kyso pki-test CA');
  });

  test('a response about another certificate does not count', async () => {
    const result = await validateCertificatePath(input(REVOKED, { crls: [pki('root.crl')], ocspResponses: [pki('good-good.ocsp')] }));
    expectStatus(result, 'revocation-unknown');
  });

  test('a “good” response signed by a key the CA never authorised is ignored and reported', async () => {
    const result = await validateCertificatePath(
      input(REVOKED, { crls: [pki('root.crl')], ocspResponses: [pki('revoked-unauthorised-good.ocsp')] }, { intermediates: [CA, GOOD] }),
    );
    expectStatus(result, 'revocation-unknown');
    expect(codes(result)).toContain('PKI_OCSP_UNAUTHORISED');
    expect(result.revocation[0]?.status).toBe('unknown');
  });

  test('the unauthorised “good” cannot hide a revocation on the CRL', async () => {
    const result = await validateCertificatePath(
      input(REVOKED, { crls: [pki('root.crl'), pki('ca.crl')], ocspResponses: [pki('revoked-unauthorised-good.ocsp')] }),
    );
    expectStatus(result, 'revoked');
    expect(codes(result)).toContain('PKI_OCSP_UNAUTHORISED');
  });

  test('the delegated responder is validated at the validation time, not at `at`: a responder certified after `at` still counts', async () => {
    // ocsp-responder is valid from 2024-05-01 (and at `now`); the leaf is checked for 2023-06-01.
    const result = await validateCertificatePath(
      input(GOOD, { crls: [pki('root.crl')], ocspResponses: [pki('good-good.ocsp')] }, { at: new Date('2023-06-01T00:00:00Z'), now: AT }),
    );
    expectStatus(result, 'valid');
    expect(result.revocation[0]).toMatchObject({ status: 'good', method: 'ocsp' });
  });

  test('an OCSP revocation after `at` is information only', async () => {
    const result = await validateCertificatePath(
      input(REVOKED, { crls: [pki('root.crl')], ocspResponses: [pki('revoked-revoked.ocsp')] }, { at: new Date('2023-06-01T00:00:00Z'), now: AT }),
    );
    expectStatus(result, 'valid');
    expect(result.revocation[0]).toMatchObject({ status: 'good', method: 'ocsp', revocationTime: '2024-01-01T00:00:00.000Z' });
    expect(codes(result)).toContain('PKI_REVOKED_AFTER_AT');
  });
});
