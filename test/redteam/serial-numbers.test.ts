/**
 * Red team: serial numbers longer than any certificate kyso decodes (MAX_SERIAL_OCTETS), in a
 * SignerInfo's sid, a CRL entry and an OCSP CertID (test/fixtures/attacks/serials, made by
 * samples/make-attacks-serials.sh with openssl). Such a serial names no certificate; reading
 * it once per embedded certificate took minutes for 100 KB serials. The CRL and the OCSP
 * response are still read in full: what they say about the signer counts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeCrl } from '../../src/pki/revocation/crl.js';
import { decodeOcspResponse } from '../../src/pki/revocation/ocsp.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, sample } from '../helpers.js';

const SERIALS = fileURLToPath(new URL('../fixtures/attacks/serials/', import.meta.url));
const fixture = (name: string) => new Uint8Array(readFileSync(`${SERIALS}${name}`));
let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

const verdicts = (report: DocumentReport) => report.signatures.map((s) => `${s.indication}/${s.subIndication ?? ''}`);
const codes = (report: DocumentReport) => report.signatures.flatMap((s) => s.messages.map((m) => m.code));

/** The genuine CMS sample (signer 0x3001 under the intermediate), revocation required. */
function genuine(revocation: { crls?: Uint8Array[]; ocspResponses?: Uint8Array[] }): Promise<DocumentReport> {
  return verify(sample('cms/extra/sha3-256.txt.p7s'), {
    trust,
    at: AT,
    content: sample('cms/extra/sha3-256.txt'),
    revocation: { mode: 'require', crls: [sample('ca/root.crl'), ...(revocation.crls ?? [])], ocspResponses: revocation.ocspResponses ?? [] },
  });
}

describe('serial numbers longer than any certificate', () => {
  it('a sid with a 2 KB serial names none of the embedded certificates', async () => {
    const report = await verify(fixture('long-sid.txt.p7s'), { trust, at: AT, content: fixture('long-sid.txt') });
    expect(verdicts(report)).toEqual(['INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND']);
    expect(codes(report)).toContain('CMS_SIGNER_NOT_FOUND');
  });

  it('a CRL entry with a 2 KB serial revokes nothing, and the CRL is still read', async () => {
    const crl = await decodeCrl(fixture('long-entry.crl'));
    expect(crl.unusable).toBeUndefined();
    expect([...crl.entries.keys()]).toEqual(['3009', 'over-long']);
    expect(verdicts(await genuine({ crls: [fixture('long-entry.crl')] }))).toEqual(['TOTAL_PASSED/']);
  });

  it('beside a 2 KB serial, the signer’s own entry still revokes it', async () => {
    const report = await genuine({ crls: [fixture('long-entry-signer-revoked.crl')] });
    expect(verdicts(report)).toEqual(['TOTAL_FAILED/REVOKED']);
  });

  it('an OCSP response about a 2 KB serial and the signer: the signer’s answer counts', async () => {
    const response = fixture('long-serial-and-signer.ocsp');
    const decoded = await decodeOcspResponse(response);
    expect(decoded.responses.map((r) => r.serialNumber)).toEqual([undefined, 0x3001n]);
    expect(verdicts(await genuine({ ocspResponses: [response] }))).toEqual(['TOTAL_PASSED/']);
  });
});
