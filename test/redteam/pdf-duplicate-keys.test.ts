/**
 * A dictionary that repeats a key with another value shows different things in different
 * readers (poppler keeps the last, others the first). Written by an update after a
 * signature, it lets an attacker show forged content to one reader while the other sees
 * the signed one, so it is never a harmless change. Inputs: the pdfsig-signed
 * samples/pdf/person-signed.pdf with an incremental update appended here.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import { verify } from '../../src/verify.js';
import { AT, sample } from '../helpers.js';

const SIGNED = sample('pdf/person-signed.pdf');
const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** Appends an update that rewrites page 3 0 obj with `contents` as its /Contents entries, plus a new content stream 11. */
function withPageUpdate(contents: string): Uint8Array {
  const original = new TextDecoder('latin1').decode(SIGNED);
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(original)![1]);
  const forged = 'BT /F1 24 Tf 72 700 Td (FORGED) Tj ET';
  const stream = `11 0 obj\n<< /Length ${forged.length} >>\nstream\n${forged}\nendstream\nendobj\n`;
  const page = `3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> ${contents} /Annots [7 0 R 8 0 R] >>\nendobj\n`;
  const streamAt = SIGNED.length + 1;
  const pageAt = streamAt + stream.length;
  const xrefAt = pageAt + page.length;
  const entry = (offset: number) => `${String(offset).padStart(10, '0')} 00000 n\r\n`;
  const tail =
    `\n${stream}${page}xref\n3 1\n${entry(pageAt)}11 1\n${entry(streamAt)}` +
    `trailer\n<< /Size 12 /Root 1 0 R /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  const out = new Uint8Array(SIGNED.length + tail.length);
  out.set(SIGNED);
  out.set(latin1(tail), SIGNED.length);
  return out;
}

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

describe('repeated dictionary keys written after signing', () => {
  test('the original page rewritten unchanged is no change at all (the control)', async () => {
    const report = await verify(withPageUpdate('/Contents 5 0 R'), { trust, at: AT });
    expect(report.signatures.map((s) => s.indication)).toEqual(['TOTAL_PASSED']);
  });

  test.each([
    ['forged value first, signed value last', '/Contents 11 0 R /Contents 5 0 R'],
    ['signed value first, forged value last', '/Contents 5 0 R /Contents 11 0 R'],
  ])('%s: the signature fails with the change named', async (_name, contents) => {
    const report = await verify(withPageUpdate(contents), { trust, at: AT });
    const [signature] = report.signatures;
    expect(`${signature?.indication}/${signature?.subIndication}`).toBe('TOTAL_FAILED/FORMAT_FAILURE');
    const described = JSON.stringify(signature);
    expect(described).toContain('repeats /Contents with different values');
  });

  test('a key repeated with the same value is only malformed, not ambiguous', async () => {
    const report = await verify(withPageUpdate('/Contents 5 0 R /Contents 5 0 R'), { trust, at: AT });
    expect(report.signatures.map((s) => s.indication)).toEqual(['TOTAL_PASSED']);
  });
});
