/**
 * Red team: revocation evidence that proves less, or more, than it seems to
 * (test/fixtures/attacks/revocation/, samples/make-attacks-revocation.sh: openssl ca -gencrl
 * and openssl ocsp under faketime for a CA of the test root, detached CMS by openssl cms).
 * Every signature is checked with `require`, so that what the evidence proves, not the soft
 * pass of "no data", decides; the test root's CRL covers the CA.
 *
 * Found: an OCSP response with an unknown critical extension (responseExtensions or
 * singleExtensions) was used, where RFC 6960 §4.4 says it must not be: a "good" answer about
 * the revoked leaf, from the CA, was TOTAL_PASSED. And an answer whose CertID kyso cannot hash
 * (SHA-224, MD5) was taken as "no data" without a word, though it names the serial.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { validateCertificatePath } from '../../src/pki/validate-path.js';
import { verify } from '../../src/verify.js';
import { AT, sample, messageCodes } from '../helpers.js';

const ATTACKS = fileURLToPath(new URL('../fixtures/attacks/revocation/', import.meta.url));
let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

/** The DER of a PEM certificate file. */
function pem(data: Uint8Array): Uint8Array {
  const text = new TextDecoder().decode(data);
  return new Uint8Array(Buffer.from(text.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
}

function file(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${ATTACKS}${name}`));
}

async function check(signature: string, evidence: readonly string[], mode: 'require' | 'if-available' = 'require'): Promise<DocumentReport> {
  const crls = [sample('ca/root.crl'), ...evidence.filter((n) => n.endsWith('.crl')).map(file)];
  const ocspResponses = evidence.filter((n) => n.endsWith('.ocsp')).map(file);
  return verify(file(signature), { trust, at: AT, content: file('content.txt'), revocation: { mode, crls, ocspResponses } });
}

const verdict = (x: { indication: string; subIndication?: string }) => `${x.indication}/${x.subIndication ?? ''}`;

describe('controls: the CA’s own CRL and responder decide', () => {
  it.each([
    ['good.txt.p7s', ['ca.crl'], 'TOTAL_PASSED/'],
    ['revoked.txt.p7s', ['ca.crl'], 'TOTAL_FAILED/REVOKED'],
    ['good.txt.p7s', ['good-good.ocsp'], 'TOTAL_PASSED/'],
    ['revoked.txt.p7s', ['revoked-revoked.ocsp'], 'TOTAL_FAILED/REVOKED'],
    // one response, two answers: each certificate takes its own
    ['good.txt.p7s', ['two-singles.ocsp'], 'TOTAL_PASSED/'],
    ['revoked.txt.p7s', ['two-singles.ocsp'], 'TOTAL_FAILED/REVOKED'],
    // a revocation on an older CRL stands beside a newer CRL that no longer lists it, in either order
    ['revoked.txt.p7s', ['old-revoked.crl', 'all-good.crl'], 'TOTAL_FAILED/REVOKED'],
    ['revoked.txt.p7s', ['all-good.crl', 'old-revoked.crl'], 'TOTAL_FAILED/REVOKED'],
    // certificateHold on the CRL of 2026-03, released by the CRL of 2026-05
    ['held.txt.p7s', ['held.crl'], 'TOTAL_FAILED/REVOKED'],
    ['held.txt.p7s', ['held.crl', 'all-good.crl'], 'TOTAL_PASSED/'],
    // the CA itself answering "good" is the CA's word; its CRL still revokes
    ['revoked.txt.p7s', ['revoked-good-by-ca.ocsp', 'ca.crl'], 'TOTAL_FAILED/REVOKED'],
  ])('%s with %j: %s', async (signature, evidence, expected) => {
    expect(verdict(await check(signature, evidence))).toBe(expected);
  });
});

describe('CRLs that do not speak for the leaf prove nothing about it', () => {
  it.each([
    ['idp-only-ca.crl', []],
    ['idp-only-attribute.crl', []],
    // a partial CRL (keyCompromise only) is not a complete one
    ['idp-only-key-compromise.crl', []],
    ['idp-other-dp.crl', []],
    ['critical-ext-all-good.crl', ['PKI_CRL_UNUSABLE']],
    ['delta-all-good.crl', ['PKI_DELTA_CRL_UNMATCHED']],
    // MD5: the signature is not accepted at all
    ['md5-all-good.crl', ['PKI_CRL_SIGNER_INVALID']],
  ])('the revoked leaf with only %s: INDETERMINATE/TRY_LATER', async (crl, expectedCodes) => {
    const report = await check('revoked.txt.p7s', [crl]);
    expect(verdict(report)).toBe('INDETERMINATE/TRY_LATER');
    expect(messageCodes(report)).toEqual(expect.arrayContaining(['PKI_REVOCATION_MISSING', ...expectedCodes]));
  });
});

describe('OCSP answers from signers the CA did not authorise are ignored', () => {
  it.each([
    ['revoked.txt.p7s', 'revoked-good-no-eku.ocsp'],
    ['revoked.txt.p7s', 'revoked-good-twin-responder.ocsp'],
    // id-kp-OCSPSigning, the CA's name, but issued by the root
    ['revoked.txt.p7s', 'revoked-good-by-root-responder.ocsp'],
    // a CA of the same name and another key, carried in the signature
    ['revoked-with-twin.txt.p7s', 'revoked-good-by-twin.ocsp'],
  ])('%s with %s: INDETERMINATE, PKI_OCSP_UNAUTHORISED', async (signature, response) => {
    const report = await check(signature, [response]);
    expect(verdict(report)).toBe('INDETERMINATE/TRY_LATER');
    expect(messageCodes(report)).toContain('PKI_OCSP_UNAUTHORISED');
  });

  it('an "unknown" answer is no answer', async () => {
    const report = await check('good.txt.p7s', ['good-unknown.ocsp']);
    expect(verdict(report)).toBe('INDETERMINATE/TRY_LATER');
    expect(messageCodes(report)).toContain('PKI_OCSP_STATUS_UNKNOWN');
  });
});

describe('RFC 6960 §4.4: an OCSP response with an unknown critical extension is not used', () => {
  it.each([
    // a "good" answer from the CA about the revoked leaf, under an unknown critical responseExtension
    ['revoked.txt.p7s', 'revoked-good-critical-response-ext.ocsp'],
    // the responder's genuine answers, made unusable the same way
    ['good.txt.p7s', 'good-good-critical-response-ext.ocsp'],
    ['good.txt.p7s', 'good-good-critical-single-ext.ocsp'],
  ])('%s with %s: INDETERMINATE/TRY_LATER, PKI_OCSP_UNUSABLE', async (signature, response) => {
    const report = await check(signature, [response]);
    expect(verdict(report)).toBe('INDETERMINATE/TRY_LATER');
    expect(messageCodes(report)).toContain('PKI_OCSP_UNUSABLE');
    expect(report.signatures[0]?.revocation[0]?.status).toBe('unknown');
  });

  it('the CRL that lists the leaf still revokes it', async () => {
    expect(verdict(await check('revoked.txt.p7s', ['revoked-good-critical-response-ext.ocsp', 'ca.crl']))).toBe('TOTAL_FAILED/REVOKED');
  });
});

describe('an OCSP CertID hashed with an algorithm kyso cannot compute', () => {
  it.each([['revoked-revoked-sha224.ocsp'], ['revoked-good-sha224.ocsp'], ['revoked-good-md5.ocsp']])(
    '%s: cannot be matched, reported, INDETERMINATE with require',
    async (response) => {
      const report = await check('revoked.txt.p7s', [response]);
      expect(verdict(report)).toBe('INDETERMINATE/TRY_LATER');
      expect(messageCodes(report)).toContain('PKI_OCSP_CERTID_HASH_UNSUPPORTED');
    },
  );

  it('with if-available, supplied: the question was asked and not answered, INDETERMINATE; the entry unknown (not "not checked")', async () => {
    const report = await check('revoked.txt.p7s', ['revoked-revoked-sha224.ocsp'], 'if-available');
    expect(verdict(report)).toBe('INDETERMINATE/TRY_LATER');
    expect(messageCodes(report)).toContain('PKI_OCSP_CERTID_HASH_UNSUPPORTED');
    expect(report.signatures[0]?.revocation[0]?.status).toBe('unknown');
  });
});

describe('certificateHold is temporary in OCSP too (RFC 5280 §5.3.1), as kyso already read CRLs', () => {
  it.each([
    // an out-of-date hold answer proves nothing current: it was taken as a permanent revocation
    [['held-hold-stale.ocsp'], 'INDETERMINATE/TRY_LATER'],
    // released: a newer "good" from the responder, or a newer CRL without the entry
    [['held-hold-stale.ocsp', 'held-good.ocsp'], 'TOTAL_PASSED/'],
    [['held-hold-stale.ocsp', 'all-good.crl'], 'TOTAL_PASSED/'],
    // the CRL of 2026-03 holds, the responder's "good" of 2026-05-20 releases
    [['held.crl', 'held-good.ocsp'], 'TOTAL_PASSED/'],
    // controls: a current hold stands, also beside an older CRL without it or with it
    [['held-hold.ocsp'], 'TOTAL_FAILED/REVOKED'],
    [['held-hold.ocsp', 'all-good.crl'], 'TOTAL_FAILED/REVOKED'],
    [['held-hold.ocsp', 'held.crl'], 'TOTAL_FAILED/REVOKED'],
    [['held.crl'], 'TOTAL_FAILED/REVOKED'],
  ])('the held leaf with %j: %s', async (evidence, expected) => {
    expect(verdict(await check('held.txt.p7s', evidence))).toBe(expected);
  });
});

describe('evidence inside the signature (SignedData RevocationInfoChoices), no revocation option', () => {
  async function embedded(name: string): Promise<DocumentReport> {
    return verify(file(name), { trust, at: AT, content: file('content.txt') });
  }
  it.each([
    // an OCSP response as [1] other (id-ri-ocsp-response), a CRL as a CertificateList
    ['revoked-embedded-revoked-ocsp.txt.p7s', 'TOTAL_FAILED/REVOKED', 'revoked'],
    ['revoked-embedded-ca-crl.txt.p7s', 'TOTAL_FAILED/REVOKED', 'revoked'],
    // the good leaf's "good" says nothing about the revoked leaf: nothing checked (the soft pass)
    ['revoked-embedded-good-ocsp-of-other.txt.p7s', 'TOTAL_PASSED/', 'not-checked'],
    // the CA's "good" under an unknown critical extension: unusable, so the leaf is unknown, not good
    ['revoked-embedded-good-critical-ocsp.txt.p7s', 'TOTAL_PASSED/', 'unknown'],
    // the revoked leaf's revocation carried by the good leaf's signature revokes nobody else
    ['good-embedded-revoked-ocsp-of-other.txt.p7s', 'TOTAL_PASSED/', 'good'],
  ])('%s: %s, the leaf %s', async (name, expected, status) => {
    const report = await embedded(name);
    expect(verdict(report)).toBe(expected);
    expect(report.signatures[0]?.revocation[0]?.status).toBe(status);
  });
});

describe('revocations that were read as something else', () => {
  it('OCSP "revoked" with reason removeFromCRL (a delta-CRL-only reason) is revoked, not good', async () => {
    // openssl ocsp: "revoked.pem: revoked … Reason: removeFromCRL"
    const report = await check('revoked.txt.p7s', ['revoked-revoked-remove-from-crl.ocsp']);
    expect(verdict(report)).toBe('TOTAL_FAILED/REVOKED');
    expect(report.signatures[0]?.revocation[0]).toMatchObject({ status: 'revoked', method: 'ocsp' });
  });

  it('a delta CRL without its base that lists the leaf (keyCompromise) revokes it; one that does not proves nothing', async () => {
    expect(verdict(await check('revoked.txt.p7s', ['delta-revoked.crl']))).toBe('TOTAL_FAILED/REVOKED');
    expect(verdict(await check('revoked.txt.p7s', ['delta-revoked.crl'], 'if-available'))).toBe('TOTAL_FAILED/REVOKED');
    expect(verdict(await check('revoked.txt.p7s', ['delta-all-good.crl']))).toBe('INDETERMINATE/TRY_LATER');
  });

  it.each([['try-later.ocsp'], ['unauthorized.ocsp']])('responseStatus %s: no answer (unreadable), INDETERMINATE with require', async (response) => {
    const report = await check('good.txt.p7s', [response]);
    expect(verdict(report)).toBe('INDETERMINATE/TRY_LATER');
    expect(messageCodes(report)).toContain('PKI_OCSP_UNREADABLE');
  });
});

describe('the same evidence in a PDF’s DSS (pdf-incremental.py, openssl cms), no revocation option', () => {
  it.each([
    ['pdf-revoked-dss-ca-crl.pdf', 'TOTAL_FAILED/REVOKED', 'revoked'],
    // was TOTAL_PASSED, the leaf "good"
    ['pdf-revoked-dss-remove-from-crl.pdf', 'TOTAL_FAILED/REVOKED', 'revoked'],
    // was TOTAL_PASSED, the delta ignored
    ['pdf-revoked-dss-delta-only.pdf', 'TOTAL_FAILED/REVOKED', 'revoked'],
    // was TOTAL_PASSED with the leaf "good"; now the soft pass of unusable data, the leaf unknown
    ['pdf-revoked-dss-critical-good.pdf', 'TOTAL_PASSED/', 'unknown'],
    // was TOTAL_FAILED/REVOKED: the hold of 2026-02 outlived its release of 2026-05
    ['pdf-held-dss-old-hold-new-good.pdf', 'TOTAL_PASSED/', 'good'],
  ])('%s: %s, the leaf %s', async (name, expected, status) => {
    const report = await verify(file(name), { trust, at: AT });
    expect(verdict(report)).toBe(expected);
    expect(report.signatures[0]?.revocation[0]?.status).toBe(status);
  });
});

it('an OCSP response whose ResponseData is BER (a long-form length) signed over those bytes is unreadable, not good (openssl: bad signature, it verifies the DER re-encoding)', async () => {
  const report = await check('good.txt.p7s', ['good-good-non-der.ocsp']);
  expect(verdict(report)).toBe('INDETERMINATE/TRY_LATER');
  expect(messageCodes(report)).toEqual(expect.arrayContaining(['PKI_OCSP_UNREADABLE', 'PKI_DER_LENGTH_ENCODING']));
});
describe('if-available: data the caller supplied that cannot be used answers nothing, like out-of-date data', () => {
  // Was TOTAL_PASSED (the soft pass of "no data"): the caller asked for an answer and got none.
  it.each([
    ['revoked.txt.p7s', 'critical-ext-revoked.crl', 'PKI_CRL_UNUSABLE'],
    ['revoked.txt.p7s', 'revoked-good-no-eku.ocsp', 'PKI_OCSP_UNAUTHORISED'],
    ['revoked.txt.p7s', 'revoked-good-critical-response-ext.ocsp', 'PKI_OCSP_UNUSABLE'],
    ['good.txt.p7s', 'good-unknown.ocsp', 'PKI_OCSP_STATUS_UNKNOWN'],
    ['revoked.txt.p7s', 'delta-all-good.crl', 'PKI_DELTA_CRL_UNMATCHED'],
  ])('%s with %s: INDETERMINATE/TRY_LATER, %s', async (signature, evidence, code) => {
    const report = await check(signature, [evidence], 'if-available');
    expect(verdict(report)).toBe('INDETERMINATE/TRY_LATER');
    expect(messageCodes(report)).toEqual(expect.arrayContaining([code, 'PKI_REVOCATION_MISSING']));
  });

  it('out-of-scope data is no data: the soft pass stands', async () => {
    expect(verdict(await check('revoked.txt.p7s', ['idp-only-ca.crl'], 'if-available'))).toBe('TOTAL_PASSED/');
  });
});

describe('evidence issued after the certificate expired proves a revocation, never its absence', () => {
  // The leaf expired on 2026-04-01 and was revoked (keyCompromise) on 2026-01-01; its key signed
  // on 2026-02-01 and the test TSA stamped it. At 2026-06-01 the signature is judged at the
  // timestamp's time, with the evidence at hand: CAs drop expired certificates (RFC 5280 §3.3).
  it.each([
    // was TOTAL_PASSED, the leaf "good" by a CRL of 2026-05 that no longer lists it
    ['short-dropped-after-expiry.crl', 'INDETERMINATE/OUT_OF_BOUNDS_NO_POE', true],
    // was TOTAL_PASSED, the leaf "good" by the responder's answer of 2026-05
    ['short-good-after-expiry.ocsp', 'INDETERMINATE/OUT_OF_BOUNDS_NO_POE', true],
    // the CRL that lists it
    // the CRL that lists it: revoked at the timestamp's time is an answer (was OUT_OF_BOUNDS_NO_POE, the answer dropped)
    ['short-listed.crl', 'TOTAL_FAILED/REVOKED', false],
    // controls: the CA says it keeps expired certificates (ExpiredCertsOnCRL 2025-01-01; archiveCutoff 2025-01-01)
    ['short-good-expired-certs-on-crl.crl', 'TOTAL_PASSED/', false],
    ['short-good-archive-cutoff.ocsp', 'TOTAL_PASSED/', false],
  ])('%s: %s', async (evidence, expected, warned) => {
    const report = await check('short-timestamped.txt.p7s', [evidence], 'if-available');
    expect(verdict(report)).toBe(expected);
    // The report says why the timestamp's time could not settle it.
    expect(report.signatures[0]!.messages.map((m) => m.code).includes('PKI_REVOCATION_AFTER_EXPIRY')).toBe(warned);
    // The path at the timestamp's time (2026-02-01), with the data available on 2026-06-01:
    const path = await validateCertificatePath({
      leaf: pem(file('short.pem')),
      intermediates: [pem(file('ca.pem'))],
      trustAnchors: [pem(sample('pki/kyso-test-root.pem'))],
      at: new Date('2026-02-01T09:00:05Z'),
      now: AT,
      revocation: { supplied: evidence.endsWith('.crl') ? { crls: [file(evidence)] } : { ocspResponses: [file(evidence)] } },
    });
    expect(path.status).toBe(warned ? 'revocation-stale' : evidence === 'short-listed.crl' ? 'revoked' : 'valid');
    expect(path.messages.map((m) => m.code).includes('PKI_REVOCATION_AFTER_EXPIRY')).toBe(warned);
  });
});
