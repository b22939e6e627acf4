/**
 * The shared test PKI of samples/ (made by samples/make.sh with openssl; see
 * samples/README.md), at its reference time 2026-06-01 with samples/pki/kyso-test-root.pem
 * as the only anchor.
 */
import { describe, expect, test } from 'vitest';
import { validateCertificatePath } from '../../src/pki/validate-path.js';
import type { CertificateUsage, RevocationData, RevocationMode } from '../../src/pki/types.js';
import { AT, sample } from '../helpers.js';
import { codes, expectStatus, sampleCert } from './helpers.js';

const ROOT = sampleCert('pki/kyso-test-root.pem');
const INTERMEDIATE = sampleCert('ca/intermediate.pem');

function validate(name: string, supplied: RevocationData = {}, options: { mode?: RevocationMode; usage?: CertificateUsage; at?: Date; now?: Date } = {}) {
  return validateCertificatePath({
    leaf: sampleCert(`ca/${name}.pem`),
    intermediates: [INTERMEDIATE],
    trustAnchors: [ROOT],
    at: options.at ?? AT,
    ...(options.now ? { now: options.now } : {}),
    revocation: { supplied },
    revocationMode: options.mode ?? 'require',
    usage: options.usage ?? 'document-signing',
  });
}

const CRLS = { crls: [sample('ca/root.crl'), sample('ca/intermediate.crl')] };

describe('samples/ test PKI', () => {
  test.each(['person', 'organization', 'ecdsa-p256', 'ecdsa-p384', 'ecdsa-p521', 'rsa-pss'])('%s is valid with both CRLs', async (name) => {
    const result = await validate(name, CRLS);
    expectStatus(result, 'valid');
    expect(result.revocation.map((r) => r.status)).toEqual(['good', 'good']);
  });

  test('revoked is revoked by the intermediate CRL and by the OCSP response', async () => {
    expectStatus(await validate('revoked', CRLS), 'revoked', 'REVOKED');
    const ocsp = await validate('revoked', { crls: [sample('ca/root.crl')], ocspResponses: [sample('ca/ocsp-revoked-revoked.ocsp')] });
    expectStatus(ocsp, 'revoked', 'REVOKED');
    expect(ocsp.revocation[0]).toMatchObject({ method: 'ocsp', revocationTime: '2026-01-01T00:00:00.000Z', reason: 'keyCompromise' });
  });

  test('revoked on 2026-01-01 is not revoked for a signature proven at 2025-06-01', async () => {
    const result = await validate('revoked', CRLS, { at: new Date('2025-06-01T00:00:00Z'), now: AT });
    expectStatus(result, 'valid');
    expect(codes(result)).toContain('PKI_REVOKED_AFTER_AT');
  });

  test('person with the delegated responder’s good answer (ocsp-nocheck) is valid', async () => {
    const result = await validate('person', { crls: [sample('ca/root.crl')], ocspResponses: [sample('ca/ocsp-person-good.ocsp')] });
    expectStatus(result, 'valid');
    expect(result.revocation[0]).toMatchObject({ status: 'good', method: 'ocsp' });
  });

  test('person with an answer signed by person itself: ignored, reported, status unknown', async () => {
    const result = await validate('person', { crls: [sample('ca/root.crl')], ocspResponses: [sample('ca/ocsp-person-unauthorised.ocsp')] });
    expectStatus(result, 'revocation-unknown', 'TRY_LATER');
    expect(codes(result)).toContain('PKI_OCSP_UNAUTHORISED');
  });

  test('person with only the stale intermediate CRL: revocation-stale', async () => {
    const result = await validate('person', { crls: [sample('ca/root.crl'), sample('ca/intermediate-stale.crl')] });
    expectStatus(result, 'revocation-stale', 'TRY_LATER');
  });

  test('expired (2020–2021) is OUT_OF_BOUNDS_NO_POE now, and valid at 2020-06-15 with the 2020 CRL', async () => {
    expectStatus(await validate('expired', CRLS), 'invalid', 'OUT_OF_BOUNDS_NO_POE');
    const then = await validate('expired', { crls: [sample('ca/root.crl'), sample('ca/intermediate-2020.crl')] }, { at: new Date('2020-06-15T00:00:00Z'), now: AT });
    expectStatus(then, 'valid');
  });

  test('wrong-key-usage (keyEncipherment only) cannot sign documents', async () => {
    const result = await validate('wrong-key-usage', CRLS);
    expectStatus(result, 'invalid', 'CHAIN_CONSTRAINTS_FAILURE');
    expect(codes(result)).toContain('PKI_LEAF_KEY_USAGE');
  });

  test('the TSA certificate is good for timestamping, a person’s is not', async () => {
    expectStatus(await validate('tsa', {}, { usage: 'timestamping', mode: 'off' }), 'valid');
    expectStatus(await validate('person', {}, { usage: 'timestamping', mode: 'off' }), 'invalid', 'CHAIN_CONSTRAINTS_FAILURE');
  });

  test('other-signer chains to a root that is not trusted: NO_CERTIFICATE_CHAIN_FOUND', async () => {
    const result = await validate('other-signer', {}, { mode: 'off' });
    expectStatus(result, 'invalid', 'NO_CERTIFICATE_CHAIN_FOUND');
  });
});
