/**
 * /Type, /Filter and /SubFilter of a signature dictionary may be indirect (ISO 32000-1 §7.3.10;
 * Table 252 does not ask for direct values; poppler and pyHanko resolve them): they are read in
 * the revision the signature covers. A reference that reaches no name is read as absent (the
 * strictest reading: no SubFilter is a broken signature), and a later update that redefines the
 * object is a change after signing. /ByteRange and /Contents stay direct (coverage.ts).
 * Fixtures: samples/make-attacks-pdf-indirect.sh (pdf-incremental.py writes the dictionary,
 * openssl cms and ts sign; pdfsig validates the signature as adbe.pkcs7.detached).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TrustStore } from '../../../src/pki/trust-store.js';
import type { DocumentReport } from '../../../src/report/types.js';
import { verify } from '../../../src/verify.js';
import { AT, detail, REPO, sample } from '../../helpers.js';
import { expectCoverage, only, parse, signedBase, updates } from './helpers.js';

const fixture = (name: string) => new Uint8Array(readFileSync(`${REPO}test/fixtures/attacks/pdf/${name}.pdf`));
const check = (bytes: Uint8Array) => verify(bytes, { trust: TrustStore.from(sample('pki/kyso-test-root.pem')), at: AT });
const codes = (report: DocumentReport) => report.signatures.flatMap((s) => s.messages.map((m) => m.code));
const latin1 = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);

/** The same bytes with `from` replaced by `to` (of equal length) once. */
function edit(bytes: Uint8Array, from: string, to: string): Uint8Array {
  expect(to).toHaveLength(from.length);
  const text = latin1(bytes);
  const at = text.indexOf(from);
  expect(at).toBeGreaterThan(0);
  expect(text.indexOf(from, at + 1)).toBe(-1);
  const out = bytes.slice();
  out.set(new TextEncoder().encode(to), at);
  return out;
}

describe('signature dictionary names given by reference', () => {
  it('an adbe.pkcs7.detached signature whose /Type, /Filter and /SubFilter are indirect passes, with the names reported', async () => {
    const report = await check(fixture('indirect-names-signed'));
    expect(report.indication).toBe('TOTAL_PASSED');
    const signature = report.signatures[0]!;
    expect(signature.format).toBe('pdf-pkcs7');
    expect(detail(signature, 'subFilter')).toBe('adbe.pkcs7.detached');
    expect(detail(signature, 'filter')).toBe('Adobe.PPKLite');
    expect(detail(signature, 'type')).toBe('Sig');
    expect(codes(report)).not.toContain('PDF_SIGNATURE_ENTRY_UNREADABLE');
  });

  it('a document timestamp whose /Type /DocTimeStamp and /SubFilter /ETSI.RFC3161 are indirect is a document timestamp', async () => {
    const report = await check(fixture('indirect-names-doctimestamp'));
    expect(report.indication).toBe('TOTAL_PASSED');
    const timestamp = report.signatures.find((s) => s.id === 'DocTimeStamp1')!;
    expect(timestamp).toMatchObject({ format: 'document-timestamp', indication: 'TOTAL_PASSED' });
    expect(detail(timestamp, 'type')).toBe('DocTimeStamp');
    const person = report.signatures.find((s) => s.id === 'SigPerson')!;
    expect(person.timestamps).toMatchObject([{ kind: 'document', indication: 'TOTAL_PASSED' }]);
    expect(person.modifications?.level).toBe('ltv');
  });

  it('a reference to nothing is read as no SubFilter: the signature is broken, as one without a SubFilter', async () => {
    const report = await check(edit(fixture('indirect-names-signed'), '/SubFilter 12 0 R', '/SubFilter 99 0 R'));
    expect(report).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(codes(report)).toEqual(expect.arrayContaining(['PDF_SIGNATURE_ENTRY_UNREADABLE', 'PDF_UNKNOWN_SUBFILTER']));
  });

  it('a later update that redefines the referred name (the signature turned into a document timestamp) is a change after signing', async () => {
    const base = fixture('indirect-names-signed');
    const size = Number(/\/Size (\d+)/.exec(latin1(base).slice(latin1(base).lastIndexOf('trailer')))![1]);
    const report = await check(updates(base, size, (b) => b.object(12, '/ETSI.RFC3161')));
    expect(report).toMatchObject({ indication: 'TOTAL_FAILED' });
    const signature = report.signatures[0]!;
    // Still read as signed: the signature's own revision says adbe.pkcs7.detached.
    expect(detail(signature, 'subFilter')).toBe('adbe.pkcs7.detached');
    expect(signature.modifications?.level).toBe('other');
  });

  it('/ByteRange and /Contents stay direct: given by reference, what the gap leaves out cannot be the signature value in the dictionary', async () => {
    const head = '<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached';
    const byteRange = signedBase({ signature: (b) => b.object(7, `${head} /ByteRange 9 0 R /Contents <3000> >>`), extra: (b) => b.object(9, '[0 10 20 30]') });
    expectCoverage(only(await parse(byteRange.bytes())), 'unclear', true, ['PDF_BYTERANGE_MALFORMED']);
    const contents = signedBase({ signature: (b) => b.object(7, `${head} /ByteRange [0 10 20 30] /Contents 9 0 R >>`), extra: (b) => b.object(9, '<3000>') });
    expectCoverage(only(await parse(contents.bytes())), 'unclear', true, ['PDF_CONTENTS_MISSING']);
  });
});
