/**
 * /work/shared/conformance/pdf-coverage: five PDFs whose signature maths may be
 * fine while what they cover is wrong. Each must get exactly what its README says.
 */
import { describe, expect, test } from 'vitest';
import { codes, conformance, expectCoverage, only, parse } from './helpers.js';

describe('pdf-coverage conformance files', () => {
  test('a placeholder /Contents is a broken signature, not an unsigned document', async () => {
    const document = await parse(conformance('base.pdf'));
    expect(document.readable).toBe(true);
    const signature = only(document);
    expectCoverage(signature, 'entire-revision', true, ['PDF_CONTENTS_NOT_CMS']);
    expect(signature.integrity.wellFormed).toBe(false);
    // The later revision only adds /Author to /Info: metadata, not content.
    expect(signature.modifications?.level).toBe('ltv');
    expect(signature.modifications?.changes).toEqual([{ revision: 2, object: '2 0 R', kind: 'ltv', rule: 'document-info', description: 'document information (/Info) updated' }]);
  });

  test('a /ByteRange with a single range is unclear coverage', async () => {
    const signature = only(await parse(conformance('one-byterange.pdf')));
    expectCoverage(signature, 'unclear', true, ['PDF_BYTERANGE_MALFORMED']);
    expect(signature.coverage?.byteRange).toEqual([0, 690]);
  });

  test('a /ByteRange covering [0-10] and [20-50] is unclear coverage although the maths holds', async () => {
    const signature = only(await parse(conformance('weird-byterange.pdf')));
    expectCoverage(signature, 'unclear', true, ['PDF_BYTERANGE_GAP_MISMATCH']);
    expect(signature.integrity.intact).toBe('passed');
    expect(signature.integrity.valid).toBe('passed');
  });

  test('a gap larger than the /Contents string is unclear coverage although the maths holds', async () => {
    const signature = only(await parse(conformance('signature-gap-too-big.pdf')));
    expectCoverage(signature, 'unclear', true, ['PDF_BYTERANGE_GAP_MISMATCH']);
    expect(signature.integrity.intact).toBe('passed');
    expect(signature.integrity.valid).toBe('passed');
    const gap = signature.messages.find((m) => m.code === 'PDF_BYTERANGE_GAP_MISMATCH');
    expect(gap?.params).toEqual({ field: 'Sig1', gapStart: 690, gapEnd: 6692, contentsStart: 690, contentsEnd: 5882 });
  });

  test('bytes after the signed ranges that are not a valid update: contiguous block, a failure', async () => {
    const signature = only(await parse(conformance('tail-uncovered.pdf')));
    expectCoverage(signature, 'contiguous-block', true, ['PDF_COVERAGE_NOT_REVISION_END']);
    expect(signature.integrity.intact).toBe('passed');
    expect(codes(signature.messages)).not.toContain('PDF_BYTERANGE_GAP_MISMATCH');
  });
});
