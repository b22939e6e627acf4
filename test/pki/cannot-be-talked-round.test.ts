/**
 * Paths and revocation that cannot be talked round (issue 9), on the openssl-made PKI of
 * samples/pki-edge (samples/make-pki.sh): root → CA → {good, revoked (2024-01-01,
 * keyCompromise), OCSP responders}, and anchors whose own certificate constrains them.
 */
import { describe, expect, test } from 'vitest';
import { validateCertificatePath } from '../../src/pki/validate-path.js';
import type { RevocationData, RevocationFetcher, RevocationMode, ValidatePathInput } from '../../src/pki/types.js';
import { SAMPLES } from '../helpers.js';
import { bytes, certFile, codes, expectStatus } from './helpers.js';

const edge = (name: string): Uint8Array => (name.endsWith('.pem') ? certFile(`${SAMPLES}pki-edge/${name}`) : bytes(`${SAMPLES}pki-edge/${name}`));
const ROOT = edge('root.pem');
const CA = edge('ca.pem');
const GOOD = edge('good.pem');
const REVOKED = edge('revoked.pem');
const AT = new Date('2025-06-01T00:00:00Z');

function input(leaf: Uint8Array, supplied: RevocationData, extra: Partial<ValidatePathInput> = {}): ValidatePathInput {
  return { leaf, intermediates: [CA], trustAnchors: [ROOT], at: AT, revocation: { supplied }, revocationMode: 'require', ...extra };
}

/** A fetcher in memory: what it serves, and what it was asked. */
function fetcher(crls: Record<string, Uint8Array>): RevocationFetcher & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    fetchCrl: async (url) => {
      asked.push(url);
      const crl = crls[url];
      if (!crl) throw new Error(`404 ${url}`);
      return crl;
    },
    fetchOcsp: async (url) => {
      asked.push(url);
      throw new Error(`503 ${url}`);
    },
    fetchCertificates: async (url) => {
      asked.push(url);
      throw new Error(`404 ${url}`);
    },
  };
}

const MODES: readonly RevocationMode[] = ['require', 'if-available'];

describe('revocation evidence comes before freshness', () => {
  for (const mode of MODES) {
    test(`a stale CRL that lists the signer revokes it (${mode})`, async () => {
      const result = await validateCertificatePath(input(REVOKED, { crls: [edge('root.crl'), edge('ca-stale.crl')] }, { revocationMode: mode }));
      expectStatus(result, 'revoked', 'REVOKED');
      expect(result.revocation[0]).toMatchObject({
        status: 'revoked',
        method: 'crl',
        revocationTime: '2024-01-01T00:00:00.000Z',
        reason: 'keyCompromise',
        nextUpdate: '2024-03-03T00:00:00.000Z',
      });
    });

    test(`a stale OCSP "revoked" revokes the signer (${mode})`, async () => {
      const result = await validateCertificatePath(input(REVOKED, { crls: [edge('root.crl')], ocspResponses: [edge('revoked-stale.ocsp')] }, { revocationMode: mode }));
      expectStatus(result, 'revoked', 'REVOKED');
      expect(result.revocation[0]).toMatchObject({ status: 'revoked', method: 'ocsp', reason: 'keyCompromise' });
    });
  }

  test('a supplied CRL that is out of date and lists nothing gives TRY_LATER with its nextUpdate, even under if-available', async () => {
    const result = await validateCertificatePath(input(GOOD, { crls: [edge('root.crl'), edge('ca-stale.crl')] }, { revocationMode: 'if-available' }));
    expectStatus(result, 'revocation-stale', 'TRY_LATER');
    const stale = result.messages.find((m) => m.code === 'PKI_REVOCATION_STALE');
    expect(stale?.en).toContain('2024-03-03T00:00:00.000Z');
  });

  test('no revocation data at all under if-available stays the soft pass, reported not-checked', async () => {
    const result = await validateCertificatePath(input(GOOD, {}, { revocationMode: 'if-available' }));
    expectStatus(result, 'valid');
    expect(result.revocation[0]?.status).toBe('not-checked');
    expect(codes(result)).toContain('PKI_REVOCATION_NOT_FOUND');
  });

  test('an OCSP "good" without nextUpdate is fresh within the clock-skew allowance after thisUpdate', async () => {
    const within = await validateCertificatePath(
      input(GOOD, { crls: [edge('root.crl')], ocspResponses: [edge('good-no-next-update.ocsp')] }, { at: new Date('2024-10-01T00:01:00Z') }),
    );
    expectStatus(within, 'valid');
    expect(within.revocation[0]).toMatchObject({ status: 'good', method: 'ocsp' });
    const later = await validateCertificatePath(
      input(GOOD, { crls: [edge('root.crl')], ocspResponses: [edge('good-no-next-update.ocsp')] }, { at: new Date('2024-10-02T00:00:00Z') }),
    );
    expectStatus(later, 'revocation-stale', 'TRY_LATER');
  });
});

describe('OCSP responders are judged at the validation time', () => {
  test('a backdated "good" from a responder certificate expired at the validation time is not accepted', async () => {
    const result = await validateCertificatePath(
      input(REVOKED, { crls: [edge('root.crl')], ocspResponses: [edge('revoked-good-by-expired-responder.ocsp')] }, { intermediates: [CA, edge('responder-expired.pem')] }),
    );
    expectStatus(result, 'revocation-unknown', 'TRY_LATER');
    expect(codes(result)).toContain('PKI_OCSP_UNAUTHORISED');
  });

  test('a backdated "good" from a responder revoked for keyCompromise is not accepted', async () => {
    const result = await validateCertificatePath(
      input(
        REVOKED,
        { crls: [edge('root.crl')], ocspResponses: [edge('revoked-good-by-compromised-responder.ocsp'), edge('responder-compromised-revoked.ocsp')] },
        { intermediates: [CA, edge('responder-compromised.pem')] },
      ),
    );
    expectStatus(result, 'revocation-unknown', 'TRY_LATER');
    expect(codes(result)).toContain('PKI_OCSP_UNAUTHORISED');
  });

  test('when the held answer is refused, the fetcher is asked, and what it brings decides', async () => {
    const fetch = fetcher({ 'http://pki-edge.kyso.test/ca.crl': edge('ca.crl') });
    const result = await validateCertificatePath(
      input(REVOKED, { crls: [edge('root.crl')], ocspResponses: [edge('revoked-good-by-expired-responder.ocsp')] }, {
        intermediates: [CA, edge('responder-expired.pem')],
        revocationMode: 'if-available',
        fetcher: fetch,
      }),
    );
    expectStatus(result, 'revoked', 'REVOKED');
    expect(fetch.asked).toContain('http://pki-edge.kyso.test/ca.crl');
  });
});

describe('the anchor certificate constrains the path', () => {
  test('a CRL signed by an anchor whose keyUsage lacks cRLSign is not used', async () => {
    const result = await validateCertificatePath({
      leaf: edge('no-crl-sign-leaf.pem'),
      trustAnchors: [edge('no-crl-sign-root.pem')],
      at: AT,
      revocation: { supplied: { crls: [edge('no-crl-sign-root.crl')] } },
      revocationMode: 'require',
    });
    expectStatus(result, 'revocation-unknown', 'TRY_LATER');
    expect(codes(result)).toContain('PKI_CRL_SIGNER_INVALID');
  });

  test('an anchor whose nameConstraints exclude the leaf’s name does not validate it', async () => {
    const run = (leaf: string) =>
      validateCertificatePath({ leaf: edge(leaf), trustAnchors: [edge('nc-root.pem')], at: AT, revocationMode: 'off' });
    expectStatus(await run('nc-excluded.pem'), 'invalid', 'CHAIN_CONSTRAINTS_FAILURE');
    expectStatus(await run('nc-allowed.pem'), 'valid');
  });

  test('an anchor certificate expired at the validation time does not anchor', async () => {
    const run = (at: Date) =>
      validateCertificatePath({ leaf: edge('expired-root-leaf.pem'), trustAnchors: [edge('expired-root.pem')], at, revocationMode: 'off' });
    const result = await run(AT);
    expectStatus(result, 'invalid');
    expect(codes(result)).toContain('PKI_ANCHOR_EXPIRED');
    expectStatus(await run(new Date('2020-07-01T00:00:00Z')), 'valid');
  });

  test('an anchor certificate with an unknown critical extension does not anchor', async () => {
    const result = await validateCertificatePath({
      leaf: edge('critical-root-leaf.pem'),
      trustAnchors: [edge('critical-root.pem')],
      at: AT,
      revocationMode: 'off',
    });
    expectStatus(result, 'invalid');
    expect(codes(result)).toContain('PKI_ANCHOR_UNKNOWN_CRITICAL_EXTENSION');
  });

  test('an anchor certificate that is not a CA (no basicConstraints) does not issue', async () => {
    const result = await validateCertificatePath({ leaf: edge('not-ca-root-leaf.pem'), trustAnchors: [edge('not-ca-root.pem')], at: AT, revocationMode: 'off' });
    expectStatus(result, 'invalid');
    expect(codes(result)).toContain('PKI_ANCHOR_NOT_CA');
  });

  test('a caller who trusts the anchor as name and key only can say so, per anchor', async () => {
    const result = await validateCertificatePath({
      leaf: edge('nc-excluded.pem'),
      trustAnchors: [edge('nc-root.pem')],
      anchorConstraints: () => 'name-and-key',
      at: AT,
      revocationMode: 'off',
    });
    expectStatus(result, 'valid');
  });
});

describe('path building', () => {
  test('a second candidate issuer with the same name is tried when the first one’s signature fails', async () => {
    const result = await validateCertificatePath({
      leaf: edge('twin-leaf.pem'),
      intermediates: [edge('twin-a.pem'), edge('twin-b.pem')],
      trustAnchors: [ROOT],
      at: AT,
      revocationMode: 'off',
    });
    expectStatus(result, 'valid');
  });
});
