/**
 * Genuine signed PDFs from the legacy Java stacks much Vietnamese signing software of the 2010s
 * was built on (iText 2.1.7, PDFBox 1.8 + BouncyCastle), made by
 * samples/producers/legacy-java/make.sh with the test PKI and committed under
 * samples/producers/legacy-java/out: each file gets exactly the verdict
 * samples/producers/legacy-java/README.md states (no Java needed here). Every genuine one with
 * today's algorithms passes. The others are named: SHA-1 (iText's adbe.pkcs7.sha1 and its
 * tutorial's SHA-1 recipe) and MD5 (VERISIGN_SIGNED) are INDETERMINATE by the algorithm policy,
 * adbe.x509.rsa_sha1 INDETERMINATE as unverified; a fill after a DocMDP P=1 certification and
 * a second signature written as a full rewrite break the first signature, as they should; and
 * Debian's iText as shipped (BouncyCastle 1.72) writes a SignerInfo that names no certificate.
 */
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, sample } from '../helpers.js';
import { PASSED, producerOutputs, SHA1, verdicts } from './producers.js';

const { dir: OUT, read: out } = producerOutputs('legacy-java/out/pdf');

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

async function report(name: string): Promise<DocumentReport> {
  return verify(out(name), { trust, at: AT });
}

const codes = (document: DocumentReport, index = 0) => document.signatures[index]?.messages.map((m) => m.code) ?? [];

/** Every committed output and its verdict at 2026-06-01, offline, trusting the test root. */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'itext-detached-sha256.pdf': [PASSED, PASSED],
  'itext-detached-sha1.pdf': [SHA1, SHA1],
  'itext-pkcs7-sha1.pdf': [SHA1, SHA1],
  'itext-verisign-md5.pdf': ['INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE', 'INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE'],
  'itext-x509-rsa-sha1.pdf': ['INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND', 'INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND'],
  'itext-person-then-seal.pdf': [PASSED, PASSED, PASSED],
  'itext-visible-page1.pdf': [PASSED, PASSED],
  'itext-certified-p2-filled-signed.pdf': [PASSED, PASSED, PASSED],
  'itext-certified-p1-filled.pdf': ['TOTAL_FAILED/FORMAT_FAILURE', 'TOTAL_FAILED/FORMAT_FAILURE'],
  'itext-objstm.pdf': [PASSED, PASSED],
  'itext-full-rewrite.pdf': ['TOTAL_FAILED/FORMAT_FAILURE', PASSED, 'TOTAL_FAILED/FORMAT_FAILURE'],
  'itext-after-pdfsig.pdf': [PASSED, PASSED, PASSED],
  'itext-debian-unpatched.pdf': ['INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND', 'INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND'],
  'pdfbox18-detached.pdf': [PASSED, PASSED],
  'pdfbox18-two-signers-visible.pdf': [PASSED, PASSED, PASSED],
  'pdfbox18-after-pdfsig.pdf': [PASSED, PASSED, PASSED],
  'pdfbox18-objstm.pdf': [PASSED, PASSED],
  'pdfbox18-then-itext-seal.pdf': [PASSED, PASSED, PASSED],
};

describe('genuine documents from the legacy Java stacks (samples/producers/legacy-java)', () => {
  it('has a verdict for every committed output', () => {
    expect(readdirSync(OUT).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', async (name, expected) => {
    expect(verdicts(await report(name))).toEqual(expected);
  });

  it('iText’s adbe.pkcs7.sha1 holds, and is held back by the SHA-1 policy alone, with that reason', async () => {
    const document = await report('itext-pkcs7-sha1.pdf');
    const [signature] = document.signatures;
    expect([signature?.intact, signature?.valid, signature?.trusted]).toEqual(['passed', 'passed', 'passed']);
    expect(codes(document)).toContain('POLICY_WEAK_ALGORITHM_EXPIRED');
    expect(signature?.messages.find((m) => m.code === 'POLICY_WEAK_ALGORITHM_EXPIRED')?.params).toMatchObject({ algorithm: 'SHA-1', until: '2020-01-01' });
  });

  it('adbe.x509.rsa_sha1 is unverified with its reason, never failed', async () => {
    const document = await report('itext-x509-rsa-sha1.pdf');
    const [signature] = document.signatures;
    expect([signature?.intact, signature?.valid]).toEqual(['unknown', 'unknown']);
    expect(codes(document)).toEqual(expect.arrayContaining(['PDF_SUBFILTER_NOT_VERIFIED']));
  });

  it('VERISIGN_SIGNED’s MD5 is an unsupported digest, not a broken signature, named as such', async () => {
    const document = await report('itext-verisign-md5.pdf');
    expect(codes(document)).toContain('CMS_UNSUPPORTED_DIGEST');
    const message = document.signatures[0]!.messages.find((m) => m.code === 'CMS_UNSUPPORTED_DIGEST');
    expect([message?.en, message?.vi, message?.params]).toEqual([
      'Digest algorithm MD5 (1.2.840.113549.2.5) is not supported.',
      'Thuật toán băm MD5 (1.2.840.113549.2.5) không được hỗ trợ.',
      { algorithm: 'MD5 (1.2.840.113549.2.5)', oid: '1.2.840.113549.2.5' },
    ]);
  });

  it('a second signature written as a full rewrite breaks the first: its bytes are no longer the ones it signed', async () => {
    const document = await report('itext-full-rewrite.pdf');
    const first = document.signatures.find((s) => s.id === 'Signature1');
    expect(first?.intact).toBe('failed');
    expect(first?.messages.map((m) => m.code)).toEqual(expect.arrayContaining(['PDF_BYTERANGE_GAP_MISMATCH', 'CMS_DIGEST_MISMATCH']));
  });

  it('a fill after a DocMDP P=1 certification is refused by the certification', async () => {
    expect(codes(await report('itext-certified-p1-filled.pdf'))).toContain('PDF_DOCMDP_VIOLATION');
  });

  it('PDFBox 1.8’s visible signature replaces the form’s /DR with its template’s: the earlier signature stays form filling', async () => {
    const [first] = (await report('pdfbox18-two-signers-visible.pdf')).signatures;
    expect(first?.modifications?.level).toBe('form-filling');
    expect(first?.modifications?.changes).toContainEqual({
      revision: 3,
      object: '13 0 R /AcroForm /DR',
      kind: 'form-filling',
      rule: 'default-resources',
      description: 'default resources changed (/ZaDb /Helv removed)',
    });
  });

  it('Debian’s unpatched iText names no certificate in its SignerInfo: the digest holds, the signer is not found', async () => {
    const document = await report('itext-debian-unpatched.pdf');
    const [signature] = document.signatures;
    expect([signature?.intact, signature?.valid]).toEqual(['passed', 'unknown']);
    expect(codes(document)).toContain('CMS_SIGNER_NOT_FOUND');
  });
});
