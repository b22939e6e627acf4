/**
 * A claimed signing time (CMS signingTime, /M, XAdES SigningTime) proves nothing and never
 * changes a verdict, but one the signer's certificate could not have signed at, or one after
 * the validation time, is worth an auditor's warning.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, sample } from '../helpers.js';

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

const warnings = (report: DocumentReport) =>
  report.signatures.flatMap((s) => s.messages.filter((m) => m.code.startsWith('VALIDATION_CLAIMED_TIME_') && m.code !== 'VALIDATION_CLAIMED_TIME_DIFFERS').map((m) => `${m.code}: ${m.en}`));

describe('claimed signing times', () => {
  it('within the certificate and before the validation time: no warning (samples/cms/rsa-sha256, claimed 2025-03-01)', async () => {
    const report = await verify(sample('cms/rsa-sha256.txt.p7s'), { trust, at: AT, content: sample('cms/rsa-sha256.txt') });
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(warnings(report)).toEqual([]);
  });

  it('after the validation time: warned, the verdict unchanged', async () => {
    const at = new Date('2025-02-01T00:00:00Z');
    const report = await verify(sample('cms/rsa-sha256.txt.p7s'), { trust, at, content: sample('cms/rsa-sha256.txt') });
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(warnings(report)).toEqual(['VALIDATION_CLAIMED_TIME_AFTER_VALIDATION: The claimed signing time (2025-03-01T09:00:00.000Z) is later than the validation time (2025-02-01T00:00:00.000Z).']);
  });

  it('before the certificate was issued: warned (test/fixtures/attacks/cms/c20, claimed 2024-06-01, certificate from 2025)', async () => {
    const dir = fileURLToPath(new URL('../fixtures/attacks/cms/', import.meta.url));
    const read = (name: string) => new Uint8Array(readFileSync(dir + name));
    const report = await verify(read('c20-ts-before-notbefore.txt.p7s'), { trust, at: AT, content: read('c20-ts-before-notbefore.txt') });
    expect(warnings(report)).toEqual([
      "VALIDATION_CLAIMED_TIME_OUTSIDE_CERTIFICATE: The claimed signing time (2024-06-01T09:00:00.000Z) lies outside the signer certificate's validity (2025-01-01T00:00:00.000Z to 2045-01-01T00:00:00.000Z): the claim is wrong, or the signature was not made then.",
    ]);
  });
});
