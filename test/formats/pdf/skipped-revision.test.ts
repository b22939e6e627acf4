/**
 * An update whose cross-reference section does not chain to the revision before it
 * (no /Prev, or a /Prev past it) hides that revision from a reader that follows the
 * chain: the signed revision, and its signature, would vanish (NO_SIGNATURE) while the
 * update redefines the page. The reader looks for revision ends the chain skips and,
 * finding one, recovers the objects by scanning: the signature is reported, and fails.
 */
import { describe, expect, test } from 'vitest';
import { PdfBuilder } from './builder.js';
import { codes, only, parse, sample, signedBase } from './helpers.js';
import { detail } from '../../helpers.js';

const FORGED = 'BT /F1 24 Tf 72 700 Td (FORGED CONTENT 999/UBND) Tj ET';

describe('revisions the /Prev chain skips', () => {
  test('an update without /Prev that redefines the page still reports the signature, as failed', async () => {
    const builder = new PdfBuilder(sample('person-signed.pdf'));
    builder.stream(5, '', FORGED);
    builder.xrefTable('/Root 1 0 R /Size 11', { prev: null });
    const document = await parse(builder.bytes());
    expect(document.readable).toBe(true);
    expect(codes(document.messages)).toEqual(expect.arrayContaining(['PDF_REVISION_NOT_IN_CHAIN', 'PDF_STRUCTURE_RECOVERED']));
    expect(document.messages.find((m) => m.code === 'PDF_REVISION_NOT_IN_CHAIN')?.params).toEqual({ offset: 9814, end: 10032 });
    const signature = only(document);
    expect(signature.id).toBe('SigPerson');
    expect(signature.integrity.intact).toBe('passed');
    expect(signature.coverage?.level).toBe('contiguous-block');
    expect(signature.formatFailure).toBe(true);
    expect(codes(signature.messages)).toContain('PDF_COVERAGE_RECOVERED_STRUCTURE');
  });

  test('a /Prev that jumps over the revision holding a second signature still reports both signatures', async () => {
    const builder = new PdfBuilder(sample('person-signed.pdf'));
    const signedXref = builder.lastXref;
    builder.object(60, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (SigSecond) /Rect [0 0 0 0] /F 132 /P 3 0 R /V 61 0 R >>');
    builder.signature(61);
    builder.object(6, '<< /Fields [7 0 R 8 0 R 60 0 R] /SigFlags 3 >>');
    builder.xrefTable('/Root 1 0 R /Size 62');
    builder.stream(5, '', FORGED);
    builder.xrefTable('/Root 1 0 R /Size 62', { prev: signedXref });
    const document = await parse(builder.bytes());
    expect(codes(document.messages)).toContain('PDF_REVISION_NOT_IN_CHAIN');
    expect(document.signatures.map((s) => [s.id, s.formatFailure])).toEqual([
      ['SigPerson', true],
      ['SigSecond', true],
    ]);
  });

  test('an update without /Prev over an xref-stream revision is found too', async () => {
    const builder = new PdfBuilder(sample('person-signed.pdf'));
    builder.objectStream(30, [[20, '<< /Certs [] >>']]);
    builder.xrefStream(31, '/Root 1 0 R');
    builder.stream(5, '', FORGED);
    builder.xrefTable('/Root 1 0 R /Size 32', { prev: null });
    const document = await parse(builder.bytes());
    expect(codes(document.messages)).toContain('PDF_REVISION_NOT_IN_CHAIN');
    expect(only(document).formatFailure).toBe(true);
  });

  test('revision-end text inside a stream that points at no cross-reference section is not a revision', async () => {
    const builder = signedBase();
    builder.stream(9, '', 'startxref\n9\n%%EOF\n(%%EOF) Tj startxref 0 %%EOF');
    builder.object(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R /Extensions << /X 9 0 R >> >>');
    builder.xrefTable('/Root 1 0 R /Size 10');
    const document = await parse(builder.bytes());
    expect(codes(document.messages)).not.toContain('PDF_REVISION_NOT_IN_CHAIN');
    expect(detail(document, 'recovered')).toBe(false);
    expect(only(document).coverage?.level).toBe('entire-revision');
  });

  test('a chain that reaches every revision is read as it is', async () => {
    const document = await parse(sample('person-then-organization.pdf'));
    expect(codes(document.messages)).not.toContain('PDF_REVISION_NOT_IN_CHAIN');
    expect(detail(document, 'recovered')).toBe(false);
    expect(document.signatures.map((s) => s.coverage?.level)).toEqual(['entire-revision', 'entire-file']);
  });
});

describe('a first revision written without /Prev over an earlier one (PoDoFo 0.9.8 signing a file with a cross-reference stream)', () => {
  const CATALOG = '<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R >>';

  test('left out unsigned, under a chain that lists its own catalog: read as the start of the first revision, with a warning', async () => {
    const base = sample('unsigned-fields.pdf');
    const builder = new PdfBuilder(base);
    const leftOut = builder.lastXref;
    builder.object(1, CATALOG);
    builder.xrefTable('/Root 1 0 R /Size 9', { prev: null });
    const document = await parse(builder.bytes());
    expect(codes(document.messages)).not.toContain('PDF_REVISION_NOT_IN_CHAIN');
    expect(document.messages.find((m) => m.code === 'PDF_REVISION_ORPHANED_PREFIX')?.params).toEqual({
      offset: leftOut,
      end: Buffer.from(base).lastIndexOf('%%EOF') + '%%EOF'.length,
      first: builder.bytes().length,
    });
    expect(detail(document, 'recovered')).toBe(false);
  });

  test('left out signed, its signature would vanish: refused, the signature found by scanning and failed', async () => {
    const builder = new PdfBuilder(sample('person-signed.pdf'));
    builder.object(1, CATALOG);
    builder.stream(5, '', FORGED);
    builder.xrefTable('/Root 1 0 R /Size 11', { prev: null });
    const document = await parse(builder.bytes());
    expect(codes(document.messages)).toEqual(expect.arrayContaining(['PDF_REVISION_NOT_IN_CHAIN', 'PDF_STRUCTURE_RECOVERED']));
    expect(codes(document.messages)).not.toContain('PDF_REVISION_ORPHANED_PREFIX');
    expect(only(document).formatFailure).toBe(true);
  });

  test('a signature dictionary inside a compressed object stream of the revision left out counts too', async () => {
    const builder = new PdfBuilder(sample('unsigned-fields.pdf'));
    builder.objectStream(30, [[20, '<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 10 20 30] /Contents <00> >>']]);
    builder.xrefStream(31, '/Root 1 0 R /Size 32');
    builder.object(1, CATALOG);
    builder.xrefStream(32, '/Root 1 0 R /Size 33', { prev: null });
    const document = await parse(builder.bytes());
    expect(codes(document.messages)).toContain('PDF_REVISION_NOT_IN_CHAIN');
  });

  test('an encrypted revision left out stays refused: its object streams are ciphertext, which the search for a signature cannot read', async () => {
    const builder = new PdfBuilder(sample('encrypted-aes-256-unsigned.pdf'));
    builder.object(1, CATALOG);
    builder.xrefTable('/Root 1 0 R /Size 9', { prev: null });
    const document = await parse(builder.bytes());
    expect(codes(document.messages)).toContain('PDF_REVISION_NOT_IN_CHAIN');
  });

  test('an update without /Prev that leaves the catalog in the revision before stays refused, signed or not', async () => {
    const builder = new PdfBuilder(sample('unsigned-fields.pdf'));
    builder.object(9, '<< /Producer (kyso test) >>');
    builder.xrefTable('/Root 1 0 R /Info 9 0 R /Size 10', { prev: null });
    const document = await parse(builder.bytes());
    expect(codes(document.messages)).toContain('PDF_REVISION_NOT_IN_CHAIN');
  });
});
