/**
 * Changes after signing: incremental updates written by hand on top of
 * samples/pdf/person-signed.pdf (a real pdfsig signature: 1 catalog, 2 pages, 3 page,
 * 4 font, 5 content, 6 AcroForm, 7 SigPerson widget+field, 8 SigOrganization, 9 its
 * appearance, 10 the signature dictionary) and on generated documents. Every change
 * must be named and classified; anything not whitelisted is `other`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ascii, fakeCmsHex, PdfBuilder } from './builder.js';
import { byId, codes, expectCoverage, only, parse, sample, signedBase } from './helpers.js';
import { detail } from '../../helpers.js';

const PAGE = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R /Annots [7 0 R 8 0 R] >>';
const CATALOG = '<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R >>';

function onPersonSigned(): PdfBuilder {
  return new PdfBuilder(sample('person-signed.pdf'));
}

function objectText(bytes: Uint8Array, num: number): string {
  const text = ascii(bytes);
  const start = text.lastIndexOf(`\n${num} 0 obj`) + `\n${num} 0 obj`.length;
  return text.slice(start, text.indexOf('endobj', start)).trim();
}

function derOfPem(path: string): Uint8Array {
  const pem = readFileSync(path, 'utf8');
  const base64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

describe('changes after signing, on a pdfsig signature', () => {
  test('a DSS written with an object stream and a cross-reference stream is ltv', async () => {
    const builder = onPersonSigned();
    builder.stream(21, '', derOfPem(new URL('../../../samples/ca/intermediate.pem', import.meta.url).pathname));
    builder.objectStream(30, [
      [1, '<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R /DSS 20 0 R >>'],
      [20, '<< /Certs [21 0 R] >>'],
    ]);
    builder.xrefStream(31, '/Root 1 0 R');
    const signature = only(await parse(builder.bytes()));
    expectCoverage(signature, 'entire-revision', false);
    expect(signature.integrity.intact).toBe('passed');
    expect(signature.modifications).toEqual({
      level: 'ltv',
      changes: [{ revision: 3, object: '1 0 R', kind: 'ltv', rule: 'dss', description: 'catalog /DSS added' }],
    });
    expect(signature.ltv?.certificates).toHaveLength(1);
  });

  test('page content replaced through an object stream is other, naming the page and the new stream', async () => {
    const builder = onPersonSigned();
    builder.stream(40, '', 'BT /F1 12 Tf 72 770 Td (Cong van so 124/UBND-VP) Tj ET');
    builder.objectStream(41, [[3, PAGE.replace('/Contents 5 0 R', '/Contents 40 0 R')]]);
    builder.xrefStream(42, '/Root 1 0 R');
    const signature = only(await parse(builder.bytes()));
    expectCoverage(signature, 'entire-revision', false);
    expect(signature.modifications?.level).toBe('other');
    expect(signature.modifications?.changes).toEqual([
      { revision: 3, object: '3 0 R', kind: 'other', description: '/Contents of page 1 changed' },
      { revision: 3, object: '40 0 R', kind: 'other', description: 'new object referenced by 3 0 R' },
    ]);
  });

  test('the content stream itself rewritten in place is other, named as the page content', async () => {
    const builder = onPersonSigned();
    builder.stream(5, '', 'BT /F1 12 Tf 72 770 Td (Cong van so 124/UBND-VP) Tj ET');
    builder.xrefTable('/Root 1 0 R /Size 11');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.changes).toEqual([{ revision: 3, object: '5 0 R', kind: 'other', description: '/Contents of page 1 changed' }]);
  });

  test('a catalog entry other than /AcroForm, /DSS, /Perms is other', async () => {
    const builder = onPersonSigned();
    builder.object(1, CATALOG.replace(' >>', ' /OpenAction [3 0 R /Fit] >>'));
    builder.xrefTable('/Root 1 0 R /Size 11');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.changes).toEqual([{ revision: 3, object: '1 0 R', kind: 'other', description: 'catalog /OpenAction added' }]);
  });

  test('/Perms added with no certification signature in its revision is other', async () => {
    const builder = onPersonSigned();
    builder.object(1, CATALOG.replace(' >>', ' /Perms << /DocMDP 7 0 R >> >>'));
    builder.xrefTable('/Root 1 0 R /Size 11');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.changes).toEqual([
      { revision: 3, object: '1 0 R', kind: 'other', description: 'catalog /Perms added without a certification signature in the same revision' },
    ]);
  });

  test('/Perms added for a certification signature made in the same revision is form filling', async () => {
    const builder = onPersonSigned();
    builder.object(1, CATALOG.replace(' >>', ' /Perms << /DocMDP 63 0 R >> >>'));
    builder.object(60, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (SigCert) /Rect [0 0 0 0] /F 132 /P 3 0 R /V 63 0 R >>');
    builder.signature(63, { extra: ' /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P 2 /V /1.2 >> >>]' });
    builder.object(6, '<< /Fields [7 0 R 8 0 R 60 0 R] /SigFlags 3 >>');
    builder.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R /Annots [7 0 R 8 0 R 60 0 R] >>');
    builder.xrefTable('/Root 1 0 R /Size 64');
    const person = byId(await parse(builder.bytes()), 'SigPerson');
    expect(person.modifications?.level).toBe('form-filling');
  });

  test('new document information (/Info) is metadata: ltv', async () => {
    const builder = onPersonSigned();
    builder.object(11, '<< /Producer (kyso test) /ModDate (D:20250302000000Z) >>');
    builder.xrefTable('/Root 1 0 R /Info 11 0 R /Size 12');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.level).toBe('ltv');
    expect(signature.formatFailure).toBe(false);
  });

  test('a changed /Reason of the signature overrides its dictionary: unclear coverage and other', async () => {
    const base = sample('person-signed.pdf');
    const builder = new PdfBuilder(base);
    const original = objectText(base, 10);
    builder.object(10, original.replace(/\/Reason <[0-9a-f]+>/, '/Reason (Da sua)'));
    builder.xrefTable('/Root 1 0 R /Size 11');
    const document = await parse(builder.bytes());
    expect(document.signatures.map((s) => s.id)).toEqual(['SigPerson (revision 2)', 'SigPerson (revision 3)']);
    const signed = byId(document, 'SigPerson (revision 2)');
    expectCoverage(signed, 'unclear', true, ['PDF_SIGNATURE_OVERRIDDEN']);
    expect(signed.integrity.intact).toBe('passed');
    expect(signed.modifications?.changes).toEqual([
      { revision: 3, object: '10 0 R', kind: 'other', description: 'signature dictionary of an existing signature changed' },
    ]);
    // The new copy points its /ByteRange at the old /Contents: it covers nothing it owns.
    expectCoverage(byId(document, 'SigPerson (revision 3)'), 'unclear', true, ['PDF_BYTERANGE_GAP_MISMATCH']);
  });

  test('a signature field dropped from /Fields but still on its page is still reported; the change is other', async () => {
    const builder = onPersonSigned();
    builder.object(6, '<< /Fields [8 0 R] >>');
    builder.xrefTable('/Root 1 0 R /Size 11');
    const signature = only(await parse(builder.bytes()));
    expectCoverage(signature, 'entire-revision', false);
    expect(signature.modifications?.changes).toEqual([
      { revision: 3, object: '6 0 R /Fields', kind: 'other', description: 'form field 7 0 R removed from the form' },
    ]);
  });

  test('a signature removed from the form and its page is reported as removed, never dropped', async () => {
    const builder = onPersonSigned();
    builder.object(6, '<< /Fields [8 0 R] >>');
    builder.object(3, PAGE.replace('/Annots [7 0 R 8 0 R]', '/Annots [8 0 R]'));
    builder.xrefTable('/Root 1 0 R /Size 11');
    const signature = only(await parse(builder.bytes()));
    expectCoverage(signature, 'unclear', true, ['PDF_SIGNATURE_REMOVED']);
    expect(signature.modifications?.level).toBe('other');
  });

  test('an object deleted while the page still uses it is other', async () => {
    const builder = onPersonSigned();
    builder.free(5);
    builder.xrefTable('/Root 1 0 R /Size 11');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.changes).toEqual([
      { revision: 3, object: '5 0 R', kind: 'other', description: 'object deleted while still referenced by 3 0 R' },
    ]);
  });

  test('a sticky note on an uncertified document is not allowed', async () => {
    const builder = onPersonSigned();
    builder.object(11, '<< /Type /Annot /Subtype /Text /Rect [100 100 120 120] /Contents (Da duyet) >>');
    builder.object(3, PAGE.replace('/Annots [7 0 R 8 0 R]', '/Annots [7 0 R 8 0 R 11 0 R]'));
    builder.xrefTable('/Root 1 0 R /Size 12');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.changes).toEqual([
      { revision: 3, object: '11 0 R', kind: 'other', description: 'annotation (Text) added to page 1 (annotations after signing are not allowed)' },
    ]);
  });

  test('a new empty signature field for the next signer is form filling', async () => {
    const builder = onPersonSigned();
    builder.object(11, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (SigExtra) /Rect [0 0 0 0] /F 132 /P 3 0 R >>');
    builder.object(6, '<< /Fields [7 0 R 8 0 R 11 0 R] >>');
    builder.object(3, PAGE.replace('/Annots [7 0 R 8 0 R]', '/Annots [7 0 R 8 0 R 11 0 R]'));
    builder.xrefTable('/Root 1 0 R /Size 12');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.level).toBe('form-filling');
    expect(signature.formatFailure).toBe(false);
  });

  test('a new signature in a new field (with its appearance) is form filling for the earlier one', async () => {
    const builder = onPersonSigned();
    builder.stream(12, '/Type /XObject /Subtype /Form /BBox [0 0 100 40] /Resources << /Font << /F1 4 0 R >> >>', 'BT /F1 8 Tf (Dong dau) Tj ET');
    builder.object(11, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (SigNew) /Rect [300 100 400 140] /F 132 /P 3 0 R /V 13 0 R /AP << /N 12 0 R >> >>');
    builder.signature(13);
    builder.object(6, '<< /Fields [7 0 R 8 0 R 11 0 R] /SigFlags 3 >>');
    builder.object(3, PAGE.replace('/Annots [7 0 R 8 0 R]', '/Annots [7 0 R 8 0 R 11 0 R]'));
    builder.xrefTable('/Root 1 0 R /Size 14');
    const document = await parse(builder.bytes());
    const person = byId(document, 'SigPerson');
    // The new signature's /Contents is a placeholder, no CMS: its integrity does not hold, so it attests
    // nothing of what its widget shows (a real signature here is form filling: pdf-attack-suites, cert-p2).
    expect(person.modifications?.level).toBe('other');
    const added = byId(document, 'SigNew');
    expectCoverage(added, 'entire-file', true, ['PDF_CONTENTS_NOT_CMS']);
    expect(added.details).toMatchObject({ pageIndex: 0, rect: [300, 100, 400, 140], revision: 3 });
  });

  test.each([
    ['adding a font to the default resources is form filling', '<< /Fields [7 0 R 8 0 R] /DR << /Font << /F1 4 0 R /F2 11 0 R >> >> >>', 'form-filling'],
    ['replacing a font of the default resources is other', '<< /Fields [7 0 R 8 0 R] /DR << /Font << /F1 11 0 R >> >> >>', 'other'],
  ])('%s', async (_name, acroForm, level) => {
    const base = new PdfBuilder(sample('person-signed.pdf'));
    base.object(6, '<< /Fields [7 0 R 8 0 R] /DR << /Font << /F1 4 0 R >> >> >>');
    base.xrefTable('/Root 1 0 R /Size 11');
    base.object(11, '<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>');
    base.object(6, acroForm);
    base.xrefTable('/Root 1 0 R /Size 12');
    const signature = only(await parse(base.bytes()));
    // Revision 3 itself adds /DR (allowed); revision 4 is the case under test.
    expect(signature.modifications?.changes.filter((c) => c.revision === 4).map((c) => c.kind)).toContain(level);
    expect(signature.modifications?.level).toBe(level);
  });

  // Was "the catalog replaced through a new /Root is other": PDFBox and DSS write a new
  // catalog copied from the old one when they add LTV data, so the copy is now judged
  // entry by entry (catalog-copy) and only a differing entry can make it `other`.
  test('a new catalog copied from the old one through a new /Root is ltv', async () => {
    const builder = onPersonSigned();
    builder.object(11, CATALOG);
    builder.xrefTable('/Root 11 0 R /Size 12');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications).toEqual({
      level: 'ltv',
      changes: [{ revision: 3, object: 'trailer', kind: 'ltv', rule: 'catalog-copy', description: 'trailer /Root points to a new catalog 11 0 R copied from 1 0 R' }],
    });
  });

  test('a new catalog through a new /Root that points to other pages is other', async () => {
    const builder = onPersonSigned();
    builder.object(11, CATALOG.replace('/Pages 2 0 R', '/Pages 12 0 R'));
    builder.object(12, '<< /Type /Pages /Kids [] /Count 0 >>');
    builder.xrefTable('/Root 11 0 R /Size 13');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.level).toBe('other');
    expect(signature.modifications?.changes).toContainEqual({ revision: 3, object: '1 0 R', kind: 'other', description: 'catalog /Pages changed' });
  });

  test('a trailer /Root pointing to an object that is not a new catalog is other', async () => {
    const builder = onPersonSigned();
    builder.object(11, '<< /Type /Pages /Kids [] /Count 0 >>');
    builder.xrefTable('/Root 11 0 R /Size 12');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.changes).toContainEqual({ revision: 3, object: 'trailer', kind: 'other', description: 'trailer /Root redirected to another catalog' });
  });

  test('a new object nothing refers to changes nothing', async () => {
    const builder = onPersonSigned();
    builder.object(11, '<< /Unused true >>');
    builder.xrefTable('/Root 1 0 R /Size 12');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications).toEqual({
      level: 'none',
      changes: [{ revision: 3, object: '11 0 R', kind: 'none', rule: 'unused-object', description: 'new object not used by the document' }],
    });
  });

  test('objects rewritten unchanged are not changes', async () => {
    const builder = onPersonSigned();
    builder.object(1, CATALOG);
    builder.object(3, PAGE);
    builder.xrefTable('/Root 1 0 R /Size 11');
    expect(only(await parse(builder.bytes())).modifications).toEqual({ level: 'none', changes: [] });
  });

  test('each revision is checked on its own: a change undone later is still other', async () => {
    const builder = onPersonSigned();
    builder.object(3, PAGE.replace('/MediaBox [0 0 595 842]', '/MediaBox [0 0 842 595]'));
    builder.xrefTable('/Root 1 0 R /Size 11');
    builder.object(3, PAGE);
    builder.xrefTable('/Root 1 0 R /Size 11');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.level).toBe('other');
    expect(signature.modifications?.changes.map((c) => [c.revision, c.object, c.description])).toEqual([
      [3, '3 0 R', '/MediaBox of page 1 changed'],
      [4, '3 0 R', '/MediaBox of page 1 changed'],
    ]);
  });
});

describe('changes after signing, on generated documents', () => {
  test('a reference redirected to a shadow object hidden in the signed revision is other (shadow attack)', async () => {
    const builder = new PdfBuilder();
    const shadowAt = builder.raw('4 0 obj\n<< /Length 31 >>\nstream\nBT (Noi dung da bi thay the) Tj ET\nendstream\nendobj\n');
    const base = signedBaseInto(builder);
    const signedSize = base.size;
    builder.pointAt(4, shadowAt);
    builder.xrefTable('/Root 1 0 R /Size 9');
    const signature = only(await parse(builder.bytes()));
    expect(signature.coverage?.byteRange?.[2]! + signature.coverage?.byteRange?.[3]!).toBe(signedSize);
    expect(signature.modifications?.changes).toEqual([{ revision: 2, object: '4 0 R', kind: 'other', description: '/Contents of page 1 changed' }]);
  });

  test('filling a dangling reference of the signed revision is other', async () => {
    const builder = signedBase({ pageExtra: ' /Thumb 9 0 R' });
    builder.stream(9, '', 'thumbnail');
    builder.xrefTable('/Root 1 0 R /Size 10');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.changes).toEqual([{ revision: 2, object: '9 0 R', kind: 'other', description: 'new object referenced by 3 0 R' }]);
  });

  test('filling a dangling reference is other even when a new signature appearance also uses the object', async () => {
    const builder = signedBase({ pageExtra: ' /Thumb 9 0 R' });
    builder.stream(9, '/Type /XObject /Subtype /Form /BBox [0 0 100 40]', 'BT (Noi dung moi) Tj ET');
    builder.object(10, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sig2) /Rect [0 0 0 0] /F 132 /P 3 0 R /V 11 0 R /AP << /N 9 0 R >> >>');
    builder.signature(11);
    builder.object(6, '<< /Fields [5 0 R 10 0 R] /SigFlags 3 >>');
    builder.object(
      3,
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 8 0 R >> >> /Contents 4 0 R /Annots [5 0 R 10 0 R] /Thumb 9 0 R >>',
    );
    builder.xrefTable('/Root 1 0 R /Size 12');
    const signature = byId(await parse(builder.bytes()), 'Sig1');
    expect(signature.modifications?.level).toBe('other');
    expect(signature.modifications?.changes).toContainEqual({ revision: 2, object: '9 0 R', kind: 'other', description: 'new object referenced by 3 0 R' });
  });

  test('FieldMDP: filling a locked field is other, an unlocked one is form filling', async () => {
    const lockedBase = (): PdfBuilder => {
      const builder = new PdfBuilder();
      builder.object(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R >>');
      builder.object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
      builder.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [5 0 R 10 0 R 11 0 R] >>');
      builder.object(5, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sig1) /Rect [0 0 0 0] /P 3 0 R /V 7 0 R >>');
      builder.object(6, '<< /Fields [5 0 R 10 0 R 11 0 R] >>');
      builder.signature(7, { extra: ' /Reference [<< /Type /SigRef /TransformMethod /FieldMDP /TransformParams << /Type /TransformParams /Action /Include /Fields [(Title)] /V /1.2 >> >>]' });
      builder.object(10, '<< /Type /Annot /Subtype /Widget /FT /Tx /T (Title) /Rect [0 0 100 20] /P 3 0 R >>');
      builder.object(11, '<< /Type /Annot /Subtype /Widget /FT /Tx /T (Note) /Rect [0 30 100 50] /P 3 0 R >>');
      builder.xrefTable('/Root 1 0 R /Size 12');
      return builder;
    };
    const locked = lockedBase();
    locked.object(10, '<< /Type /Annot /Subtype /Widget /FT /Tx /T (Title) /Rect [0 0 100 20] /P 3 0 R /V (Sua doi) >>');
    locked.xrefTable('/Root 1 0 R /Size 12');
    const lockedSignature = only(await parse(locked.bytes()));
    expect(lockedSignature.modifications?.changes).toEqual([
      { revision: 2, object: '10 0 R', kind: 'other', description: '/V of field Title filled in (field locked by signature Sig1)' },
    ]);
    expect(codes(lockedSignature.messages)).toContain('PDF_FIELD_LOCKED');

    const free = lockedBase();
    free.object(11, '<< /Type /Annot /Subtype /Widget /FT /Tx /T (Note) /Rect [0 30 100 50] /P 3 0 R /V (Ghi chu) >>');
    free.xrefTable('/Root 1 0 R /Size 12');
    const freeSignature = only(await parse(free.bytes()));
    expect(freeSignature.modifications).toEqual({
      level: 'form-filling',
      changes: [{ revision: 2, object: '11 0 R', kind: 'form-filling', rule: 'field-value', description: '/V of field Note filled in' }],
    });
  });

  test.each([
    [3, 'annotations'],
    [2, 'other'],
  ])('DocMDP P=%i: a new annotation is %s', async (permission, level) => {
    const builder = signedBase({
      catalogExtra: ' /Perms << /DocMDP 7 0 R >>',
      signature: (b) =>
        b.signature(7, {
          extra: ` /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P ${permission} /V /1.2 >> >>]`,
        }),
    });
    builder.object(9, '<< /Type /Annot /Subtype /FreeText /Rect [100 100 300 120] /Contents (Ghi chu) /DA (/Helv 10 Tf 0 g) >>');
    builder.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 8 0 R >> >> /Contents 4 0 R /Annots [5 0 R 9 0 R] >>');
    builder.xrefTable('/Root 1 0 R /Size 10');
    const signature = only(await parse(builder.bytes()));
    expect(detail(signature, 'certificationLevel')).toBe(permission);
    expect(signature.modifications?.level).toBe(level);
    if (level === 'other') expect(codes(signature.messages)).toContain('PDF_DOCMDP_VIOLATION');
    // Allowed under P=3, but it can cover signed text: a warning names it and its page.
    const warning = signature.messages.find((m) => m.code === 'PDF_VISIBLE_ANNOTATION_ADDED');
    if (level === 'annotations') expect(warning?.en).toBe('Revision 2 adds a visible annotation (FreeText, 9 0 R) on page 1: annotations are allowed (DocMDP P=3) but it may cover signed content.');
    else expect(warning).toBeUndefined();
  });

  test('DocMDP P=3: a hidden new annotation gives no visibility warning', async () => {
    const builder = signedBase({
      catalogExtra: ' /Perms << /DocMDP 7 0 R >>',
      signature: (b) =>
        b.signature(7, { extra: ' /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P 3 /V /1.2 >> >>]' }),
    });
    builder.object(9, '<< /Type /Annot /Subtype /Text /Rect [100 100 120 120] /F 2 /Contents (Ghi chu) >>');
    builder.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 8 0 R >> >> /Contents 4 0 R /Annots [5 0 R 9 0 R] >>');
    builder.xrefTable('/Root 1 0 R /Size 10');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.level).toBe('annotations');
    expect(codes(signature.messages)).not.toContain('PDF_VISIBLE_ANNOTATION_ADDED');
  });

  test('a signature widget removed from its page is other', async () => {
    const builder = signedBase();
    builder.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 8 0 R >> >> /Contents 4 0 R /Annots [] >>');
    builder.xrefTable('/Root 1 0 R /Size 9');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.changes).toEqual([
      { revision: 2, object: '3 0 R /Annots of page 1', kind: 'other', description: 'form widget 5 0 R removed from page 1' },
    ]);
  });

  test('a document timestamp added after a P=1 certification is allowed (ltv)', async () => {
    const builder = signedBase({
      catalogExtra: ' /Perms << /DocMDP 7 0 R >>',
      signature: (b) =>
        b.signature(7, { extra: ' /Reference [<< /TransformMethod /DocMDP /TransformParams << /P 1 /V /1.2 >> >>]' }),
    });
    builder.object(9, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (DocTimeStamp1) /Rect [0 0 0 0] /F 132 /P 3 0 R /V 10 0 R >>');
    builder.signature(10, { type: 'DocTimeStamp', subFilter: 'ETSI.RFC3161', contentsHex: fakeCmsHex() });
    builder.object(6, '<< /Fields [5 0 R 9 0 R] /SigFlags 3 >>');
    builder.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 8 0 R >> >> /Contents 4 0 R /Annots [5 0 R 9 0 R] >>');
    builder.xrefTable('/Root 1 0 R /Size 11');
    const document = await parse(builder.bytes());
    const certified = byId(document, 'Sig1');
    expect(certified.modifications?.level).toBe('ltv');
    expect(byId(document, 'DocTimeStamp1').format).toBe('document-timestamp');
  });
});

/** The signedBase objects, written into an existing builder (after whatever it already holds). */
function signedBaseInto(builder: PdfBuilder): PdfBuilder {
  builder.object(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R >>');
  builder.object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  builder.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [5 0 R] >>');
  builder.stream(4, '', 'BT (Noi dung goc) Tj ET');
  builder.object(5, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sig1) /Rect [0 0 0 0] /P 3 0 R /V 7 0 R >>');
  builder.object(6, '<< /Fields [5 0 R] >>');
  builder.signature(7);
  builder.xrefTable('/Root 1 0 R /Size 8');
  return builder;
}
