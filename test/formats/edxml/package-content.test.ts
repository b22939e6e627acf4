/**
 * An edXML package passes only on what kyso checked of what it carries. The packages are
 * made by samples/make-attacks-edxml.py (xmlsec1, the test PKI's keys; attachments are
 * samples/pdf/person-signed.pdf and the tampered samples/pdf/tampered.pdf) into
 * test/fixtures/attacks/edxml/.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../../src/pki/trust-store.js';
import type { DocumentReport } from '../../../src/report/types.js';
import { verify } from '../../../src/verify.js';
import type { VerifyOptions } from '../../../src/options.js';
import { AT, REPO, sample } from '../../helpers.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(`${REPO}test/fixtures/attacks/edxml/${name}`));
const codes = (report: DocumentReport): string[] => report.messages.map((message) => message.code);
const verdict = (report: { indication: string; subIndication?: string }): string =>
  report.subIndication ? `${report.indication}/${report.subIndication}` : report.indication;

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});
const check = (bytes: Uint8Array, policy?: VerifyOptions['policy']): Promise<DocumentReport> => verify(bytes, { trust, at: AT, ...(policy ? { policy } : {}) });

describe('edXML: attachments past the limit are never passed', () => {
  const tamperedThird = () => fixture('third-attachment-tampered.edxml');

  it('the limit reached exactly: every attachment is checked, the tampered third fails the package', async () => {
    const report = await check(tamperedThird(), { limits: { maxEdxmlAttachments: 3 } });
    expect(verdict(report)).toBe('TOTAL_FAILED/HASH_FAILURE');
    expect(report.attachments!.map(verdict)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED', 'TOTAL_FAILED/HASH_FAILURE']);
    expect(codes(report)).not.toContain('EDXML_TOO_MANY_ATTACHMENTS');
  });

  it('one over the limit: the two checked attachments pass, the unchecked third makes the package INDETERMINATE', async () => {
    const report = await check(tamperedThird(), { limits: { maxEdxmlAttachments: 2 } });
    expect(verdict(report)).toBe('INDETERMINATE');
    expect(report.attachments!.map(verdict)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
    expect(report.packageSignature).toMatchObject({ state: 'valid', indication: 'TOTAL_PASSED' });
    const message = report.messages.find((m) => m.code === 'EDXML_TOO_MANY_ATTACHMENTS')!;
    expect(message.params).toEqual({ count: 3, limit: 2, unchecked: 1 });
    // The unchecked attachment is carried: its manifest entry is not reported missing.
    expect(codes(report)).not.toContain('EDXML_MANIFEST_ATTACHMENT_MISSING');
  });

  it('the default limit is 1,000', async () => {
    const report = await check(tamperedThird());
    expect(verdict(report)).toBe('TOTAL_FAILED/HASH_FAILURE');
  });
});

describe('edXML: package signatures past the limit are never passed', () => {
  it('maxXmlSignatures 0: a signed status message (judged by its package signature) is INDETERMINATE, not NO_SIGNATURE', async () => {
    const status = await check(fixture('status-signed.edxml'), { limits: { maxXmlSignatures: 0 } });
    expect(status.signatures).toEqual([]);
    expect(codes(status)).toContain('XML_TOO_MANY_SIGNATURES');
    expect(verdict(status)).toBe('INDETERMINATE');
  });
});
