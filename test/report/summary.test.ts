import { beforeAll, describe, expect, it } from 'vitest';
import { describe as describeMessages, summarize } from '../../src/index.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, sample } from '../helpers.js';

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

function verifyCms(name: string): Promise<DocumentReport> {
  return verify(sample(`cms/${name}.txt.p7s`), { trust, at: AT, content: sample(`cms/${name}.txt`), revocation: { mode: 'off' } });
}

describe('summarize', () => {
  it('a passed signature: one line for the document, one for the signature, in either language', async () => {
    const report = await verifyCms('rsa-sha256');
    const en = summarize(report, { name: 'contract.txt.p7s' });
    expect(en.line).toBe('✔ contract.txt.p7s: PASSED (TOTAL_PASSED) — detached CMS signature');
    expect(en.signatures.map((s) => s.line)).toEqual(['• signer-1 (cms): PASSED (TOTAL_PASSED) — signed by Nguyễn Văn An']);
    expect(en.lines).toEqual([en.line, '  • signer-1 (cms): PASSED (TOTAL_PASSED) — signed by Nguyễn Văn An']);
    const vi = summarize(report, { lang: 'vi' });
    expect(vi.line).toBe('✔ Văn bản: HỢP LỆ (TOTAL_PASSED) — chữ ký CMS tách rời');
    expect(vi.signatures[0]!.line).toBe('• signer-1 (cms): HỢP LỆ (TOTAL_PASSED) — người ký Nguyễn Văn An');
  });

  it('a changed document: the verdict with its sub-indication and the reason under it', async () => {
    const report = await verifyCms('tampered-content');
    const summary = summarize(report, { lang: 'en', name: 'x' });
    expect(summary.line).toBe('✘ x: FAILED (TOTAL_FAILED/HASH_FAILURE) — detached CMS signature');
    const signature = summary.signatures[0]!;
    expect(signature.indication).toBe('TOTAL_FAILED');
    expect(signature.subIndication).toBe('HASH_FAILURE');
    expect(signature.reasons.some((reason) => reason.startsWith('✘ ') && reason.endsWith('[CMS_DIGEST_MISMATCH]'))).toBe(true);
    expect(summary.lines).toContain(`      ${signature.reasons[0]}`);
  });

  it('INDETERMINATE is written once in English, with the Vietnamese word in Vietnamese', async () => {
    const report = await verify(sample('cms/untrusted.txt.p7s'), { trust, at: AT, content: sample('cms/untrusted.txt') });
    expect(report.indication).toBe('INDETERMINATE');
    expect(summarize(report).line).toMatch(/^\? Document: INDETERMINATE\/[A-Z_]+ — detached CMS signature$/);
    expect(summarize(report, { lang: 'vi' }).line).toMatch(/^\? Văn bản: CHƯA XÁC ĐỊNH \(INDETERMINATE\/[A-Z_]+\) — chữ ký CMS tách rời$/);
  });

  it('a CMS file that carries its content (.p7m) is not called detached', async () => {
    const report = await verify(sample('producers/java/out/cms/attached.p7m'), { trust, at: AT, revocation: { mode: 'off' } });
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(summarize(report, { name: 'x.p7m' }).line).toBe('✔ x.p7m: PASSED (TOTAL_PASSED) — CMS signature with its content inside');
    expect(summarize(report, { lang: 'vi' }).line).toBe('✔ Văn bản: HỢP LỆ (TOTAL_PASSED) — chữ ký CMS kèm nội dung');
  });

  it('a bad language is a programmer error', async () => {
    const report = await verifyCms('rsa-sha256');
    expect(() => summarize(report, { lang: 'fr' as 'en' })).toThrow(TypeError);
  });
});

describe('describe', () => {
  it('errors and warnings by default, once each, in the language asked', async () => {
    const report = await verifyCms('tampered-content');
    const messages = [...report.signatures[0]!.messages, ...report.signatures[0]!.messages];
    const en = describeMessages(messages, 'en');
    const vi = describeMessages(messages, 'vi');
    expect(en.length).toBe(new Set(en).size);
    expect(en.length).toBe(vi.length);
    expect(en.length).toBe(messages.filter((m) => m.severity !== 'info').length / 2);
    expect(describeMessages(messages, 'en', { severities: ['info'], codes: false }).every((line) => line.startsWith('· ') && !line.endsWith(']'))).toBe(true);
  });
});
