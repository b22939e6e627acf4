/**
 * Genuine PDFs signed by iText 5 (5.5.13.3 over BouncyCastle 1.72), the library inside most
 * Vietnamese PDF signers (VGCA signer, VNPT-CA / Viettel-CA tools), made by
 * samples/producers/itext5/make.sh and committed (the tests need no Java): every flow those
 * tools run, judged at the samples' time against the test root, with exact verdicts.
 * Revocation is offline (`not-checked`) except where the document carries CRLs or OCSP.
 * SHA-1 signatures without proof of existence before 2020 are INDETERMINATE by kyso's
 * documented policy (README: SHA-1 accepted only before 2020-01-01), not failed.
 * samples/producers/itext5/README.md lists how each file was made and pdfsig's verdict.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, SAMPLES, sample } from '../helpers.js';

const OUT = `${SAMPLES}producers/itext5/out/`;
const PASSED = 'TOTAL_PASSED';
const SHA1 = 'INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE';

/** File → [document verdict, each signature as id=verdict@modification level]. */
const EXPECTED: Readonly<Record<string, readonly [string, readonly string[]]>> = {
  'cms-sha256-invisible.pdf': [PASSED, [`Signature1=${PASSED}@none`]],
  'cades-sha256-visible.pdf': [PASSED, [`ChuKyCaNhan=${PASSED}@none`]],
  'cms-sha1.pdf': [SHA1, [`Signature1=${SHA1}@none`]],
  'adbe-pkcs7-sha1.pdf': [SHA1, [`Signature1=${SHA1}@none`]],
  'cms-ecdsa-p256.pdf': [PASSED, [`ChuKyEcdsa=${PASSED}@none`]],
  'cms-revocation-embedded.pdf': [PASSED, [`Signature1=${PASSED}@none`]],
  'deferred-signed.pdf': [PASSED, [`ChuKySo=${PASSED}@none`]],
  'two-signatures.pdf': [PASSED, [`ChuKyCaNhan=${PASSED}@form-filling`, `ChuKyToChuc=${PASSED}@none`]],
  'certified-p2-filled-then-approved.pdf': [PASSED, [`ChuKyToChuc=${PASSED}@form-filling`, `ChuKyCaNhan=${PASSED}@none`]],
  'approved-filled-then-approved.pdf': [PASSED, [`ChuKyToChuc=${PASSED}@form-filling`, `ChuKyCaNhan=${PASSED}@none`]],
  'locked-then-approved.pdf': [PASSED, [`ChuKyKhoa=${PASSED}@form-filling`, `ChuKyCaNhan=${PASSED}@none`]],
  'objstm-base-signed.pdf': [PASSED, [`ChuKyCaNhan=${PASSED}@none`]],
  'rewritten-signed.pdf': [PASSED, [`Signature1=${PASSED}@none`]],
  'inherited-attributes-two-pages.pdf': [PASSED, [`ChuKyCaNhan=${PASSED}@form-filling`, `ChuKyToChuc=${PASSED}@none`]],
  'encrypted-aes128-signed.pdf': [PASSED, [`ChuKyCaNhan=${PASSED}@none`]],
  'after-pdfsig-signed.pdf': [PASSED, [`SigPerson=${PASSED}@form-filling`, `SigOrganization=${PASSED}@none`]],
  'cades-t-ltv-lta.pdf': [PASSED, [`Signature1=${PASSED}@ltv`, `DauThoiGian=${PASSED}@none`]],
  'certified-p1-timestamp-dss.pdf': [PASSED, [`ChuKyToChuc=${PASSED}@ltv`, `DauThoiGian=${PASSED}@ltv`]],
};

const verdict = (x: { indication: string; subIndication?: string | undefined }) => `${x.indication}${x.subIndication ? `/${x.subIndication}` : ''}`;

let trust: TrustStore;
const reports = new Map<string, DocumentReport>();
beforeAll(async () => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});
async function report(name: string): Promise<DocumentReport> {
  let found = reports.get(name);
  if (!found) {
    found = await verify(new Uint8Array(readFileSync(OUT + name)), { trust, at: AT });
    reports.set(name, found);
  }
  return found;
}

describe('iText 5 signed PDFs (samples/producers/itext5)', () => {
  for (const [name, [documentVerdict, signatures]] of Object.entries(EXPECTED)) {
    it(`${name}: ${documentVerdict}`, async () => {
      const result = await report(name);
      expect(verdict(result)).toBe(documentVerdict);
      expect(result.signatures.map((s) => `${s.id}=${verdict(s)}@${s.modifications?.level}`)).toEqual(signatures);
    });
  }

  it('the signature timestamp fetched by iText and the DSS from LtvVerification are used', async () => {
    const signature = (await report('cades-t-ltv-lta.pdf')).signatures[0]!;
    expect(signature.timestamps.map((t) => `${t.kind}:${t.indication}`)).toEqual(['signature:TOTAL_PASSED', 'document:TOTAL_PASSED']);
    expect(signature.times.bestSignatureTime).toBe('2025-03-01T09:00:05.000Z');
    expect(signature.revocation.map((r) => `${r.status}:${r.source}`)).toEqual(['good:embedded', 'good:embedded']);
  });

  it('the CRL and OCSP response in the CMS (adbe-revocationInfoArchival) answer for the signer', async () => {
    const signature = (await report('cms-revocation-embedded.pdf')).signatures[0]!;
    expect(signature.revocation[0]).toMatchObject({ status: 'good', source: 'embedded' });
  });

  it('the page iText rewrote with its inherited /MediaBox and /Resources is no change for the first signature', async () => {
    const first = (await report('inherited-attributes-two-pages.pdf')).signatures[0]!;
    const rules = first.modifications!.changes.filter((c) => c.object === '4 0 R' && c.description.startsWith('/'));
    expect(rules.map((c) => `${c.kind}:${c.rule}:${c.description}`)).toEqual([
      'none:inherited-attribute:/MediaBox of page 2 written on the page with the value it inherited',
      'none:inherited-attribute:/Resources of page 2 written on the page with the value it inherited',
    ]);
  });

  it('the /FRM XObject iText merges into /DR under a field lock is no restyling of the locked fields', async () => {
    const locker = (await report('locked-then-approved.pdf')).signatures[0]!;
    expect(locker.messages.map((m) => m.code)).not.toContain('PDF_FORM_DEFAULTS_LOCKED');
    expect(locker.modifications!.changes.filter((c) => c.rule === 'default-resources').map((c) => c.kind)).toEqual(['form-filling']);
  });

  it('every committed output is listed', () => {
    const files = readdirSync(OUT).filter((f) => f.endsWith('.pdf')).sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });
});

