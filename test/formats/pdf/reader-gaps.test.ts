/**
 * Layouts real writers produce that once cost a revision or a signature (issue 8): a classic trailer
 * between a cross-reference stream and its startxref (hybrid and linearised writers), and a field tree
 * that loops back on itself.
 */
import { describe, expect, test } from 'vitest';
import { ascii } from './builder.js';
import { codes, only, parse, signedBase } from './helpers.js';
import { detail } from '../../helpers.js';

/** Revision 2 (a DSS) written with a cross-reference stream, then `trailer << … >>` inserted before its startxref. */
function withTrailerAfterXrefStream(root: string): Uint8Array {
  const builder = signedBase();
  builder.object(20, '<< /Certs [] >>');
  builder.object(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R /DSS 20 0 R >>');
  builder.xrefStream(21, '/Root 1 0 R');
  const bytes = builder.bytes();
  const text = ascii(bytes);
  const at = text.lastIndexOf('startxref');
  const prev = /\/Prev (\d+)/.exec(text.slice(text.lastIndexOf('21 0 obj')))![1];
  const trailer = Uint8Array.from(`trailer\n<< /Size 22 /Root ${root} /Prev ${prev} >>\n`, (c) => c.charCodeAt(0));
  return Uint8Array.from([...bytes.subarray(0, at), ...trailer, ...bytes.subarray(at)]);
}

describe('revisions and fields in the layouts real writers use', () => {
  test('a classic trailer between a cross-reference stream and startxref keeps the revision (and the signature its coverage)', async () => {
    const document = await parse(withTrailerAfterXrefStream('1 0 R'));
    expect(codes(document.messages)).not.toContain('PDF_STRUCTURE_RECOVERED');
    const signature = only(document);
    expect(signature.coverage?.level).toBe('entire-revision');
    expect(signature.modifications?.level).toBe('ltv');
  });

  test('a classic trailer there naming another catalog is no revision end: the structure is recovered, never trusted', async () => {
    const document = await parse(withTrailerAfterXrefStream('9 0 R'));
    expect(codes(document.messages)).toContain('PDF_STRUCTURE_RECOVERED');
    expect(document.signatures.every((signature) => signature.formatFailure)).toBe(true);
  });

  test('a /Fields entry that refers to a free object is the null object, no field and no invalid tree; a non-dictionary object still is', async () => {
    const freeField = signedBase({ extra: (b) => b.object(6, '<< /Fields [5 0 R 30 0 R] /SigFlags 3 >>') });
    const free = await parse(freeField.bytes());
    expect(codes(free.messages)).not.toContain('PDF_FIELD_TREE_INVALID');
    expect(free.signatures.map((signature) => signature.id)).toEqual(['Sig1']);
    const numberField = signedBase({
      extra: (b) => {
        b.object(6, '<< /Fields [5 0 R 30 0 R] /SigFlags 3 >>');
        b.object(30, '42');
      },
    });
    const number = await parse(numberField.bytes());
    expect(codes(number.messages)).toContain('PDF_FIELD_TREE_INVALID');
    expect(number.signatures.map((signature) => signature.id)).toEqual(['Sig1']);
  });

  test('a field a later revision defines where /Fields referred to a free object is found in that revision', async () => {
    const builder = signedBase({ extra: (b) => b.object(6, '<< /Fields [5 0 R 30 0 R] /SigFlags 3 >>') });
    builder.object(30, '<< /FT /Sig /T (Late) /Rect [0 0 0 0] /Subtype /Widget /Type /Annot >>');
    builder.xrefTable('/Size 40 /Root 1 0 R');
    const document = await parse(builder.bytes());
    expect(detail(document, 'emptySignatureFields')).toEqual(['Late']);
  });

  test('a signature reachable only through a field tree that loops is read once and judged', async () => {
    const builder = signedBase({
      extra: (b) => {
        b.object(6, '<< /Fields [9 0 R] /SigFlags 3 >>');
        b.object(9, '<< /T (Nhom) /Kids [10 0 R] >>');
        b.object(10, '<< /T (Con) /Parent 9 0 R /Kids [9 0 R 5 0 R] >>');
        b.object(5, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sig1) /Parent 10 0 R /Rect [10 20 110 60] /F 132 /P 3 0 R /V 7 0 R >>');
      },
    });
    const document = await parse(builder.bytes());
    expect(codes(document.messages)).toContain('PDF_FIELD_TREE_INVALID');
    expect(document.signatures.map((signature) => signature.id)).toEqual(['Nhom.Con.Sig1']);
  });
});
