/**
 * Every parser limit the PDF reader applies: the largest allowed value passes, one
 * less is refused with its message (never a crash, never a silent pass).
 */
import { zlibSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { PdfBuilder } from './builder.js';
import { codes, only, parse, sample } from './helpers.js';
import { detail } from '../../helpers.js';

describe('limits', () => {
  test('maxDocumentBytes: the file size passes, one byte less is refused', async () => {
    const bytes = sample('person-signed.pdf');
    expect((await parse(bytes, { maxDocumentBytes: bytes.length })).readable).toBe(true);
    const refused = await parse(bytes, { maxDocumentBytes: bytes.length - 1 });
    expect(refused.readable).toBe(false);
    expect(codes(refused.messages)).toEqual(['PDF_TOO_LARGE']);
  });

  test('maxPdfRevisions: three revisions pass with a limit of 3, not with 2', async () => {
    const bytes = sample('person-then-organization.pdf');
    const allowed = await parse(bytes, { maxPdfRevisions: 3 });
    expect(allowed.readable).toBe(true);
    expect(allowed.signatures).toHaveLength(2);
    const refused = await parse(bytes, { maxPdfRevisions: 2 });
    expect(refused.readable).toBe(false);
    expect(codes(refused.messages)).toEqual(['PDF_TOO_MANY_REVISIONS']);
  });

  test('maxPdfObjects: 13 cross-reference entries pass with a limit of 13, not with 12', async () => {
    // person-signed.pdf: revision 1 lists objects 0-8 (9 entries), revision 2 lists 0, 7, 9, 10 (4 entries).
    const bytes = sample('person-signed.pdf');
    const allowed = await parse(bytes, { maxPdfObjects: 13 });
    expect(allowed.readable).toBe(true);
    expect(only(allowed).formatFailure).toBe(false);
    const refused = await parse(bytes, { maxPdfObjects: 12 });
    expect(refused.readable).toBe(false);
    expect(codes(refused.messages)).toEqual(['PDF_TOO_MANY_OBJECTS']);
  });

  test('maxInflatedBytes: an object stream inflating to exactly the limit passes, one byte more is refused', async () => {
    const body = ['<< /Fields [7 0 R] >>\n', '<< /FT /Sig /T (Deflated) >>\n'];
    const header = `6 0 7 ${body[0]!.length} `;
    const members = header + body.join('');
    const first = header.length;
    const data = Uint8Array.from(members, (c) => c.charCodeAt(0));
    const build = (): Uint8Array => {
      const builder = new PdfBuilder();
      builder.object(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R >>');
      builder.object(2, '<< /Type /Pages /Kids [] /Count 0 >>');
      const compressed = zlibSync(data);
      const at = builder.raw(`9 0 obj\n<< /Type /ObjStm /N 2 /First ${first} /Filter /FlateDecode /Length ${compressed.length} >>\nstream\n`);
      builder.raw(compressed);
      builder.raw('\nendstream\nendobj\n');
      builder.pointAt(9, at);
      builder.xrefTable('/Root 1 0 R /Size 10');
      return builder.bytes();
    };
    // The table cannot list compressed objects: append a cross-reference stream for 6 and 7 (7-byte rows, 14 bytes inflated).
    const withStream = (): Uint8Array => {
      const builder = new PdfBuilder(build());
      const rows = Uint8Array.from([2, 0, 0, 0, 9, 0, 0, 2, 0, 0, 0, 9, 0, 1]);
      const at = builder.raw(`10 0 obj\n<< /Type /XRef /W [1 4 2] /Index [6 2] /Size 11 /Root 1 0 R /Prev ${builder.lastXref} /Length ${rows.length} >>\nstream\n`);
      builder.raw(rows);
      builder.raw(`\nendstream\nendobj\nstartxref\n${at}\n%%EOF\n`);
      return builder.bytes();
    };
    const bytes = withStream();
    const allowed = await parse(bytes, { maxInflatedBytes: data.length });
    expect(detail(allowed, 'emptySignatureFields')).toEqual(['Deflated']);
    expect(codes(allowed.messages)).not.toContain('PDF_INFLATE_LIMIT');
    const refused = await parse(bytes, { maxInflatedBytes: data.length - 1 });
    expect(detail(refused, 'emptySignatureFields')).toEqual([]);
    expect(refused.messages.find((m) => m.code === 'PDF_INFLATE_LIMIT')?.params).toEqual({ object: '9 0 R', limit: data.length - 1 });
  });

  test('maxCmsBytes: a /Contents of exactly the limit passes, one byte less is refused', async () => {
    const bytes = sample('person-signed.pdf');
    const range = only(await parse(bytes)).coverage!.byteRange!;
    const contentsBytes = (range[2]! - range[1]! - 2) / 2;
    const allowed = only(await parse(bytes, { maxCmsBytes: contentsBytes }));
    expect(allowed.formatFailure).toBe(false);
    expect(allowed.integrity.intact).toBe('passed');
    const refused = only(await parse(bytes, { maxCmsBytes: contentsBytes - 1 }));
    expect(refused.formatFailure).toBe(true);
    expect(refused.messages.find((m) => m.code === 'PDF_CMS_TOO_LARGE')?.params).toEqual({
      field: 'SigPerson',
      size: contentsBytes,
      limit: contentsBytes - 1,
    });
  });

  describe('long-term validation data (DSS)', () => {
    const CATALOG_WITH_DSS = '<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R /DSS 20 0 R >>';
    const crl = (size: number, fill: number): Uint8Array => new Uint8Array(size).fill(fill);
    /** person-signed.pdf with a revision adding a DSS whose CRLs are deflated streams 21, 22, ... */
    const withCrls = (...sizes: number[]): Uint8Array => {
      const builder = new PdfBuilder(sample('person-signed.pdf'));
      builder.object(1, CATALOG_WITH_DSS);
      builder.object(20, `<< /CRLs [${sizes.map((_, i) => `${21 + i} 0 R`).join(' ')}] >>`);
      sizes.forEach((size, i) => builder.stream(21 + i, '', crl(size, 0x30 + i), { deflate: true }));
      builder.xrefTable(`/Root 1 0 R /Size ${21 + sizes.length}`);
      return builder.bytes();
    };
    // Larger than the signature's own CMS (about 4 KB), which maxCmsBytes also bounds.
    const size = 100_000;

    test('maxCmsBytes bounds each entry: a CRL inflating to exactly the limit is read, one byte more is refused, not inflated', async () => {
      const bytes = withCrls(size);
      const allowed = await parse(bytes, { maxCmsBytes: size });
      expect(only(allowed).ltv?.revocation.crls?.map((c) => c.length)).toEqual([size]);
      expect(codes(allowed.messages)).not.toContain('PDF_DSS_ENTRY_TOO_LARGE');
      const refused = await parse(bytes, { maxCmsBytes: size - 1 });
      expect(only(refused).ltv?.revocation.crls).toEqual([]);
      expect(only(refused).formatFailure).toBe(false);
      expect(refused.messages.find((m) => m.code === 'PDF_DSS_ENTRY_TOO_LARGE')?.params).toEqual({ entry: '/CRLs', object: '21 0 R', limit: size - 1 });
    });

    test('a CRL inflating far beyond maxCmsBytes with the default limits is refused', async () => {
      const refused = await parse(withCrls(20 * 1024 * 1024));
      expect(refused.messages.find((m) => m.code === 'PDF_DSS_ENTRY_TOO_LARGE')?.params).toEqual({ entry: '/CRLs', object: '21 0 R', limit: 16 * 1024 * 1024 });
      expect(only(refused).modifications?.level).toBe('ltv');
    });

    test('maxInflatedBytes bounds the entries together: two CRLs fill it exactly, one byte less refuses the second', async () => {
      const bytes = withCrls(size, size);
      const allowed = await parse(bytes, { maxInflatedBytes: 2 * size });
      expect(only(allowed).ltv?.revocation.crls).toHaveLength(2);
      const refused = await parse(bytes, { maxInflatedBytes: 2 * size - 1 });
      expect(only(refused).ltv?.revocation.crls?.map((c) => c.length)).toEqual([size]);
      expect(refused.messages.find((m) => m.code === 'PDF_INFLATE_TOTAL_LIMIT')?.params).toEqual({ object: '22 0 R', limit: 2 * size - 1 });
    });

    test('maxInflatedBytes bounds every stream of the document together: an object stream and a CRL', async () => {
      const dssDict = '<< /CRLs [21 0 R] >>';
      const builder = new PdfBuilder(sample('person-signed.pdf'));
      builder.stream(21, '', crl(size, 0x30), { deflate: true });
      builder.objectStream(30, [[1, CATALOG_WITH_DSS], [20, dssDict]]);
      builder.xrefStream(31, '/Root 1 0 R', { deflate: false });
      const bytes = builder.bytes();
      // What PdfBuilder.objectStream writes: "num offset " pairs, then each member and a newline.
      const objectStreamBytes = `1 0 20 ${CATALOG_WITH_DSS.length + 1} `.length + CATALOG_WITH_DSS.length + 1 + dssDict.length + 1;
      const allowed = await parse(bytes, { maxInflatedBytes: objectStreamBytes + size });
      expect(only(allowed).ltv?.revocation.crls).toHaveLength(1);
      const refused = await parse(bytes, { maxInflatedBytes: objectStreamBytes + size - 1 });
      expect(only(refused).ltv?.revocation.crls).toEqual([]);
      expect(refused.messages.find((m) => m.code === 'PDF_INFLATE_TOTAL_LIMIT')?.params).toEqual({ object: '21 0 R', limit: objectStreamBytes + size - 1 });
    });
  });
});

describe('the role walks share one budget for the whole document', () => {
  // Revision 3 gives person-signed.pdf an /Info reaching 200 objects; each later
  // revision rewrites /Info. Judging a revision walks every revision since the signed
  // one, so visits grow with revisions times objects: one document-wide budget stops
  // that, and what could not be judged fails the signature.
  function manyRevisions(objects: number, revisions: number): Uint8Array {
    const builder = new PdfBuilder(sample('person-signed.pdf'));
    const refs = Array.from({ length: objects }, (_, i) => `${100 + i} 0 R`).join(' ');
    builder.object(30, '<< /Producer (v) /Big 31 0 R >>');
    builder.object(31, `[${refs}]`);
    for (let i = 0; i < objects; i++) builder.object(100 + i, '<< >>');
    builder.xrefTable(`/Root 1 0 R /Info 30 0 R /Size ${100 + objects}`);
    for (let k = 0; k < revisions; k++) {
      builder.object(30, `<< /Producer (v${k}) /Big 31 0 R >>`);
      builder.xrefTable(`/Root 1 0 R /Info 30 0 R /Size ${100 + objects}`);
    }
    return builder.bytes();
  }

  test('within the budget the metadata updates are ltv', async () => {
    const signature = only(await parse(manyRevisions(200, 2), { maxPdfObjects: 2000 }));
    expect(signature.modifications?.level).toBe('ltv');
  });

  test('past it the signature fails closed with PDF_DIFF_BUDGET', async () => {
    const signature = only(await parse(manyRevisions(200, 20), { maxPdfObjects: 2000 }));
    expect(signature.modifications?.level).toBe('other');
    expect(codes(signature.messages)).toContain('PDF_DIFF_BUDGET');
    expect(signature.modifications?.changes).toContainEqual(expect.objectContaining({ object: '30 0 R', kind: 'other' }));
  });
});
