/**
 * Red team: timestamps that prove nothing about the signature they sit on
 * (test/fixtures/attacks/timestamps/, samples/make-attacks-timestamp-imprints.sh; openssl ts
 * from the trusted test TSA). A token whose imprint uses a hash kyso cannot compute (SHA-224)
 * was taken as intact, so any token of that TSA, over any bytes, dated any time, lent its time
 * to the signature: a revoked signer passed, an expired one passed, a genuine one failed as
 * "signed before its certificate". A SHA-1 imprint after SHA-1 stopped counting, and a PDF
 * bound to its signature only by SHA-1 (adbe.pkcs7.sha1), were not put before the policy.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, sample, messageCodes } from '../helpers.js';

const ATTACKS = fileURLToPath(new URL('../fixtures/attacks/timestamps/', import.meta.url));
let trust: TrustStore;
let crls: Uint8Array[];
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
  crls = [sample('ca/intermediate.crl'), sample('ca/root.crl')];
});

function file(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${ATTACKS}${name}`));
}

async function check(name: string): Promise<DocumentReport> {
  const content = name.endsWith('.p7s') ? { content: file(name.slice(0, -4)) } : {};
  return verify(file(name), { trust, at: AT, revocation: { crls }, ...content });
}

const verdict = (x: { indication: string; subIndication?: string }) => `${x.indication}/${x.subIndication ?? ''}`;

describe('a timestamp whose imprint kyso cannot compute proves no time', () => {
  it.each([
    // [file, the document, each signature, each signature's timestamps]
    ['cms-expired-ts-sha224-unrelated.txt.p7s', 'INDETERMINATE/OUT_OF_BOUNDS_NO_POE', ['INDETERMINATE/OUT_OF_BOUNDS_NO_POE'], [['INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE']]],
    ['cms-revoked-after-ts-sha224-unrelated.txt.p7s', 'TOTAL_FAILED/REVOKED', ['TOTAL_FAILED/REVOKED'], [['INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE']]],
    ['cms-genuine-ts-sha224-unrelated.txt.p7s', 'TOTAL_PASSED/', ['TOTAL_PASSED/'], [['INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE']]],
    ['pdf-revoked-after-ts-sha224-unrelated.pdf', 'TOTAL_FAILED/REVOKED', ['TOTAL_FAILED/REVOKED'], [['INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE']]],
    // The document timestamp is a signature of the PDF too: it cannot be checked, and lends no time to the first.
    ['pdf-expired-dts-sha224-unrelated.pdf', 'INDETERMINATE/OUT_OF_BOUNDS_NO_POE', ['INDETERMINATE/OUT_OF_BOUNDS_NO_POE', 'INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE'], [['INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE'], []]],
  ])('%s', async (name, document, signatures, timestamps) => {
    const report = await check(name);
    expect(verdict(report)).toBe(document);
    expect(report.signatures.map(verdict)).toEqual(signatures);
    expect(report.signatures.map((s) => (s.timestamps ?? []).map(verdict))).toEqual(timestamps);
    expect(messageCodes(report)).toContain('CMS_UNSUPPORTED_DIGEST');
    expect(report.signatures[0]!.messages.map((m) => m.code)).toContain('VALIDATION_TIMESTAMP_FAILED');
    expect(report.signatures[0]!.messages.map((m) => m.code)).not.toContain('VALIDATION_PAST_TIME_USED');
  });
});

describe('weak hashes that bind a signature are judged by the algorithm policy', () => {
  it('a SHA-1 imprint dated after SHA-1 stopped counting does not date the expired signer', async () => {
    const report = await check('cms-expired-ts-sha1.txt.p7s');
    expect(report.signatures.map(verdict)).toEqual(['INDETERMINATE/OUT_OF_BOUNDS_NO_POE']);
    expect(report.signatures[0]!.timestamps!.map(verdict)).toEqual(['INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE']);
    expect(report.signatures[0]!.timestamps![0]!.messages.map((m) => m.code)).toContain('POLICY_WEAK_ALGORITHM_EXPIRED');
  });

  it('the same token with a SHA-256 imprint dates it (control)', async () => {
    // Without revocation data (the soft pass): the signature is judged at the token's time.
    const report = await verify(file('cms-expired-ts-sha256.txt.p7s'), { trust, at: AT, content: file('cms-expired-ts-sha256.txt') });
    expect(report.signatures.map(verdict)).toEqual(['TOTAL_PASSED/']);
    expect(report.signatures[0]!.messages.map((m) => m.code)).toContain('VALIDATION_PAST_TIME_USED');
  });

  it('with CRLs issued years after the certificate expired, the token’s time cannot be settled, and the report says why', async () => {
    // The signer expired in 2021; CAs drop expired certificates from later CRLs (RFC 5280 §3.3).
    const report = await check('cms-expired-ts-sha256.txt.p7s');
    expect(report.signatures.map(verdict)).toEqual(['INDETERMINATE/OUT_OF_BOUNDS_NO_POE']);
    expect(report.signatures[0]!.timestamps!.map(verdict)).toEqual(['TOTAL_PASSED/']);
    expect(report.signatures[0]!.messages.map((m) => m.code)).toContain('PKI_REVOCATION_AFTER_EXPIRY');
  });

  it('an adbe.pkcs7.sha1 PDF signature made in 2025 is bound by SHA-1 alone', async () => {
    const report = await check('pdf-pkcs7-sha1-2025.pdf');
    expect(report.signatures.map(verdict)).toEqual(['INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE']);
    expect(report.signatures[0]!.messages.filter((m) => m.code === 'POLICY_WEAK_ALGORITHM_EXPIRED').map((m) => m.en)).toEqual([expect.stringContaining('SHA-1')]);
  });
});
