/**
 * /ByteRange and /Contents variants on a generated document whose signature is a
 * fake (non-CMS) /Contents: whatever the maths, each variant must be a format
 * failure with the exact coverage level and reason, and never a crash.
 */
import { describe, expect, test } from 'vitest';
import { ascii, fakeCmsHex, PdfBuilder } from './builder.js';
import { codes, expectCoverage, only, parse, signedBase } from './helpers.js';
import { detail } from '../../helpers.js';

/** Replaces the filled /ByteRange array body with `text`, padded to the same width. */
function withByteRange(bytes: Uint8Array, text: string): Uint8Array {
  const source = ascii(bytes);
  const start = source.indexOf('/ByteRange [') + '/ByteRange ['.length;
  const end = source.indexOf(']', start);
  const body = text.padEnd(end - start, ' ');
  if (body.length !== end - start) throw new Error('variant too long');
  const out = bytes.slice();
  for (let i = 0; i < body.length; i++) out[start + i] = body.charCodeAt(i);
  return out;
}

function filled(bytes: Uint8Array): number[] {
  const source = ascii(bytes);
  const match = /\/ByteRange \[([^\]]*)\]/.exec(source)!;
  return match[1]!.trim().split(/\s+/).map(Number);
}

describe('ByteRange and Contents variants', () => {
  test('a well-formed /ByteRange over the whole file is entire-file; the fake CMS alone makes it broken', async () => {
    const signature = only(await parse(signedBase().bytes()));
    expectCoverage(signature, 'entire-file', true, ['PDF_CONTENTS_NOT_CMS']);
    expect(codes(signature.messages).filter((c) => c.startsWith('PDF_BYTERANGE'))).toEqual([]);
    expect(signature.integrity.wellFormed).toBe(false);
    expect(signature.details).toMatchObject({ name: 'Tester', reason: 'Ky duyet', location: 'Ha Noi', pageIndex: 0, rect: [10, 20, 110, 60] });
    // /M (D:20250301160000+07'00') is 09:00 UTC.
    expect(signature.claimedSigningTime?.toISOString()).toBe('2025-03-01T09:00:00.000Z');
  });

  const cases: readonly [string, (bytes: Uint8Array) => Uint8Array, string][] = [
    ['missing', (b) => removeByteRange(b), 'PDF_BYTERANGE_MISSING'],
    ['null', (b) => replaceByteRangeValue(b, 'null'), 'PDF_BYTERANGE_MISSING'],
    ['[0 0 0 0]', (b) => withByteRange(b, '0 0 0 0'), 'PDF_BYTERANGE_MALFORMED'],
    ['a negative length', (b) => withByteRange(b, `0 ${filled(b)[1]} ${filled(b)[2]} -5`), 'PDF_BYTERANGE_MALFORMED'],
    ['a negative offset', (b) => withByteRange(b, `0 -1 ${filled(b)[2]} ${filled(b)[3]}`), 'PDF_BYTERANGE_MALFORMED'],
    ['not starting at 0', (b) => withByteRange(b, `1 ${filled(b)[1]} ${filled(b)[2]} ${filled(b)[3]}`), 'PDF_BYTERANGE_MALFORMED'],
    ['real numbers', (b) => withByteRange(b, `0 ${filled(b)[1]}.0 ${filled(b)[2]} ${filled(b)[3]}`), 'PDF_BYTERANGE_MALFORMED'],
    ['five numbers', (b) => withByteRange(b, `0 ${filled(b)[1]} ${filled(b)[2]} ${filled(b)[3]} 0`), 'PDF_BYTERANGE_MALFORMED'],
    ['an indirect reference', (b) => replaceByteRangeValue(b, '9 0 R'), 'PDF_BYTERANGE_MALFORMED'],
    ['beyond the end of the file', (b) => withByteRange(b, `0 ${filled(b)[1]} ${filled(b)[2]} ${filled(b)[3]! + 1}`), 'PDF_BYTERANGE_BEYOND_FILE'],
    [
      'a gap larger than /Contents',
      (b) => withByteRange(b, `0 ${filled(b)[1]! - 10} ${filled(b)[2]} ${filled(b)[3]}`),
      'PDF_BYTERANGE_GAP_MISMATCH',
    ],
    [
      'a gap smaller than /Contents',
      (b) => withByteRange(b, `0 ${filled(b)[1]! + 2} ${filled(b)[2]! - 2} ${filled(b)[3]! + 2}`),
      'PDF_BYTERANGE_GAP_MISMATCH',
    ],
    ['a gap elsewhere in the file', (b) => withByteRange(b, `0 10 20 ${b.length - 20}`), 'PDF_BYTERANGE_GAP_MISMATCH'],
  ];
  test.each(cases)('a /ByteRange that is %s is unclear coverage', async (_name, mutate, code) => {
    const document = await parse(mutate(signedBase().bytes()));
    expect(document.readable).toBe(true);
    const signature = only(document);
    expectCoverage(signature, 'unclear', true, [code]);
  });

  test('a literal-string /Contents is not a signature value', async () => {
    const builder = signedBase({
      signature: (b) => b.object(7, '<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 10 20 30] /Contents (0\\003\\002\\001\\001) >>'),
    });
    expectCoverage(only(await parse(builder.bytes())), 'unclear', true, ['PDF_CONTENTS_MISSING']);
  });

  test('a /Contents of zeros is a broken signature with a clear coverage', async () => {
    const builder = signedBase({ signature: (b) => b.signature(7, { contentsHex: '00'.repeat(512) }) });
    const signature = only(await parse(builder.bytes()));
    expectCoverage(signature, 'entire-file', true, ['PDF_CONTENTS_NOT_CMS']);
  });

  test('an empty /Contents <> is a broken signature', async () => {
    const builder = signedBase({ signature: (b) => b.signature(7, { contentsHex: '' }) });
    expectCoverage(only(await parse(builder.bytes())), 'entire-file', true, ['PDF_CONTENTS_NOT_CMS']);
  });

  test('a signature dictionary without /SubFilter is a broken signature', async () => {
    const builder = signedBase({
      signature: (b) => b.object(7, `<< /Type /Sig /Filter /Adobe.PPKLite /ByteRange [0 10 20 30] /Contents <${fakeCmsHex()}> >>`),
    });
    const signature = only(await parse(builder.bytes()));
    expect(signature.formatFailure).toBe(true);
    expect(signature.messages.find((m) => m.code === 'PDF_UNKNOWN_SUBFILTER')?.params).toEqual({ field: 'Sig1', subFilter: '(none)' });
  });

  test('an unknown SubFilter is reported as a broken signature, never dropped', async () => {
    const builder = signedBase({ signature: (b) => b.signature(7, { subFilter: 'x.custom.sig' }) });
    const signature = only(await parse(builder.bytes()));
    expect(signature.formatFailure).toBe(true);
    expect(codes(signature.messages)).toContain('PDF_UNKNOWN_SUBFILTER');
    expect(detail(signature, 'subFilter')).toBe('x.custom.sig');
  });

  test('adbe.x509.rsa_sha1, a standard SubFilter kyso does not verify, is unknown with its reason, not broken', async () => {
    // /Contents as ISO 32000-1 §12.8.3.2 has it: a DER OCTET STRING holding the PKCS#1 value.
    const builder = signedBase({ signature: (b) => b.signature(7, { subFilter: 'adbe.x509.rsa_sha1', contentsHex: `0410${'ab'.repeat(16)}`, extra: ' /Cert <3003020101>' }) });
    const signature = only(await parse(builder.bytes()));
    expect(signature.formatFailure).toBe(false);
    expect([signature.integrity.wellFormed, signature.integrity.intact, signature.integrity.valid, signature.integrity.unknownReason]).toEqual([true, 'unknown', 'unknown', 'unsupported-algorithm']);
    expect(signature.messages.find((m) => m.code === 'PDF_SUBFILTER_NOT_VERIFIED')?.params).toEqual({ field: 'Sig1', subFilter: 'adbe.x509.rsa_sha1' });
  });

  test('under the adbe.x509.rsa_sha1 name, a /Contents that is no OCTET STRING, or no /Cert, is a broken signature as before', async () => {
    for (const options of [{ contentsHex: '00'.repeat(18), extra: ' /Cert <3003020101>' }, { contentsHex: `0410${'ab'.repeat(16)}` }]) {
      const builder = signedBase({ signature: (b) => b.signature(7, { subFilter: 'adbe.x509.rsa_sha1', ...options }) });
      const signature = only(await parse(builder.bytes()));
      expect(signature.formatFailure).toBe(true);
      expect(codes(signature.messages)).toContain('PDF_UNKNOWN_SUBFILTER');
    }
  });

  test('a CMS under the adbe.x509.rsa_sha1 name is still checked as a CMS (a renamed SubFilter dodges nothing)', async () => {
    const builder = signedBase({ signature: (b) => b.signature(7, { subFilter: 'adbe.x509.rsa_sha1' }) });
    const signature = only(await parse(builder.bytes()));
    expect(codes(signature.messages)).not.toContain('PDF_SUBFILTER_NOT_VERIFIED');
    expect(signature.integrity.unknownReason).toBeUndefined();
  });

  test('a signature dictionary inside an object stream has no signed bytes to point at', async () => {
    const builder = new PdfBuilder();
    builder.object(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] >> >>');
    builder.object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
    builder.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Annots [5 0 R] >>');
    builder.object(5, '<< /Subtype /Widget /FT /Sig /T (Hidden) /Rect [0 0 0 0] /V 7 0 R >>');
    builder.objectStream(9, [[7, `<< /Type /Sig /SubFilter /adbe.pkcs7.detached /ByteRange [0 10 20 30] /Contents <${fakeCmsHex()}> >>`]]);
    builder.xrefStream(10, '/Root 1 0 R');
    const signature = only(await parse(builder.bytes()));
    expectCoverage(signature, 'unclear', true, ['PDF_SIGNATURE_IN_OBJECT_STREAM']);
  });

  test('a /ByteRange ending at %%EOF without its EOL still ends the revision', async () => {
    const builder = signedBase();
    const bytes = builder.bytes();
    const [, a, b, c] = filled(bytes) as [number, number, number, number];
    const signature = only(await parse(withByteRange(bytes, `0 ${a} ${b} ${c - 1}`)));
    expectCoverage(signature, 'entire-revision', true, ['PDF_CONTENTS_NOT_CMS']);
    expect(codes(signature.messages).filter((code) => code.startsWith('PDF_COVERAGE_'))).toEqual([]);
  });
});

function removeByteRange(bytes: Uint8Array): Uint8Array {
  return replaceByteRangeValue(bytes, '', '/Dummy     ');
}

/** Replaces `/ByteRange [...]` with `/ByteRange <value>` (or another key), keeping the length. */
function replaceByteRangeValue(bytes: Uint8Array, value: string, key = '/ByteRange '): Uint8Array {
  const source = ascii(bytes);
  const start = source.indexOf('/ByteRange [');
  const end = source.indexOf(']', start) + 1;
  const replacement = `${key}${value}`.padEnd(end - start, ' ');
  const out = bytes.slice();
  for (let i = 0; i < replacement.length; i++) out[start + i] = replacement.charCodeAt(i);
  return out;
}
