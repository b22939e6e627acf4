/**
 * CAdES counter-signatures (unsigned attribute countersignature, RFC 5652 §11.4): a
 * SignerInfo over the parent SignerInfo's signature value, reported after its parent with
 * `counterSignatureOf`. Samples: openssl cms -sign -cades for the parent; openssl digests
 * and signs the counter-signature, add-countersignature.py lays out the bytes
 * (samples/make-cms-extra.sh).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, sample } from '../helpers.js';

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

const check = (name: string): Promise<DocumentReport> => verify(sample(`cms/extra/${name}.txt.p7s`), { trust, at: AT, content: sample(`cms/extra/${name}.txt`) });
const rows = (report: DocumentReport) =>
  report.signatures.map((s) => [s.id, s.counterSignatureOf, s.subIndication ? `${s.indication}/${s.subIndication}` : s.indication]);
const codes = (report: DocumentReport): string[] => report.signatures.flatMap((s) => s.messages.map((m) => m.code));

describe('CAdES counter-signatures', () => {
  it('a counter-signature over the parent’s signature value: verified, named under its parent, its signer and time reported', async () => {
    const report = await check('countersigned');
    expect(rows(report)).toEqual([
      ['signer-1', undefined, 'TOTAL_PASSED'],
      ['signer-1-counter-1', 'signer-1', 'TOTAL_PASSED'],
    ]);
    const counter = report.signatures[1]!;
    expect(counter.signer?.subject).toContain('UBND Tỉnh Thử Nghiệm');
    expect(counter.times.claimedSigningTime).toBe('2025-03-01T09:30:00.000Z');
    expect(counter).toMatchObject({ intact: 'passed', valid: 'passed', trusted: 'passed' });
    expect(codes(report)).toContain('CMS_COUNTERSIGNATURE');
  });

  it('its messageDigest over the content instead of the parent’s signature value → the counter-signature is HASH_FAILURE, the parent still passes', async () => {
    const report = await check('countersignature-over-content');
    expect(rows(report)).toEqual([
      ['signer-1', undefined, 'TOTAL_PASSED'],
      ['signer-1-counter-1', 'signer-1', 'TOTAL_FAILED/HASH_FAILURE'],
    ]);
    expect(report.signatures[1]!.valid).toBe('passed');
  });

  it('a signed content-type in a counter-signature (RFC 5652 §11.4 forbids it) → FORMAT_FAILURE', async () => {
    const report = await check('countersignature-content-type');
    expect(rows(report)).toEqual([
      ['signer-1', undefined, 'TOTAL_PASSED'],
      ['signer-1-counter-1', 'signer-1', 'TOTAL_FAILED/FORMAT_FAILURE'],
    ]);
    expect(codes(report)).toContain('CMS_COUNTERSIGNATURE_CONTENT_TYPE');
  });

  it('the parent’s signature value changed after counter-signing: the parent SIG_CRYPTO_FAILURE, the counter-signature HASH_FAILURE', async () => {
    const p7s = new Uint8Array(sample('cms/extra/countersigned.txt.p7s'));
    const text = Buffer.from(p7s);
    // The parent's signature value: the 256-byte OCTET STRING right before unsignedAttrs [1] (a1 82 ...).
    const unsigned = text.indexOf(Buffer.from([0xa1, 0x82]), text.length - 2000);
    expect(unsigned).toBeGreaterThan(0);
    p7s[unsigned - 1]! ^= 0x01;
    const report = await verify(p7s, { trust, at: AT, content: sample('cms/extra/countersigned.txt') });
    expect(rows(report)).toEqual([
      ['signer-1', undefined, 'TOTAL_FAILED/SIG_CRYPTO_FAILURE'],
      ['signer-1-counter-1', 'signer-1', 'TOTAL_FAILED/HASH_FAILURE'],
    ]);
  });
});
