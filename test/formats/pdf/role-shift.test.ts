/**
 * An object keeps the role it had when it was signed. A later revision may point the
 * DSS, /Info, the XMP /Metadata, the default resources or a field appearance at a
 * signed object (that alone shows nothing new), but rewriting the object afterwards
 * is a change of what it was when signed: the page content, a font, a signature's
 * appearance. The attacks are written as two incremental updates on top of real
 * pdfsig signatures (samples/pdf/person-signed.pdf, samples/pdf/certified-p1.pdf) and
 * on generated documents; the legitimate in-place updates next to them stay allowed.
 *
 * person-signed.pdf: 1 catalog, 2 pages, 3 page, 4 font /F1, 5 page content,
 * 6 AcroForm, 7 SigPerson (signed, /AP /N 9), 8 SigOrganization (empty), 9 SigPerson's
 * appearance, 10 its signature dictionary.
 */
import { describe, expect, test } from 'vitest';
import { PdfBuilder } from './builder.js';
import { only, parse, sample } from './helpers.js';
import { detail } from '../../helpers.js';

const CATALOG = '<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R >>';
const FORGED = 'BT /F1 24 Tf 72 700 Td (FORGED CONTENT 999/UBND) Tj ET';

type Step = (builder: PdfBuilder) => void;

/** Applies each step as its own incremental update (one xref table each). */
function updates(base: Uint8Array, size: number, ...steps: readonly (readonly [Step, string?])[]): Uint8Array {
  const builder = new PdfBuilder(base);
  for (const [step, trailerExtra] of steps) {
    step(builder);
    builder.xrefTable(`/Root 1 0 R /Size ${size}${trailerExtra ?? ''}`);
  }
  return builder.bytes();
}

const rewriteContent: Step = (b) => b.stream(5, '', FORGED);

describe('a signed object keeps its role (pdfsig signature, rewritten two saves later)', () => {
  test.each([
    [
      'the page content, once listed in a new DSS',
      [(b: PdfBuilder) => { b.object(1, CATALOG.replace(' >>', ' /DSS 20 0 R >>')); b.object(20, '<< /Certs [5 0 R] >>'); }, undefined],
      rewriteContent,
      '/Contents of page 1 (revision 2) changed, after it became /Contents of page 1 and DSS data (revision 3)',
    ],
    [
      'the page content, once the trailer /Info',
      [() => {}, ' /Info 5 0 R'],
      rewriteContent,
      '/Contents of page 1 (revision 2) changed, after it became /Contents of page 1 and document information (/Info) (revision 3)',
    ],
    [
      'the page content, once the catalog /Metadata',
      [(b: PdfBuilder) => b.object(1, CATALOG.replace(' >>', ' /Metadata 5 0 R >>')), undefined],
      rewriteContent,
      '/Contents of page 1 (revision 2) changed, after it became /Contents of page 1 and XMP metadata (revision 3)',
    ],
    [
      'the page font, once listed in a new DSS',
      [(b: PdfBuilder) => { b.object(1, CATALOG.replace(' >>', ' /DSS 20 0 R >>')); b.object(20, '<< /Certs [4 0 R] >>'); }, undefined],
      (b: PdfBuilder) => b.object(4, '<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>'),
      'font /F1 of page 1 (revision 2) changed, after it became font /F1 of page 1 and DSS data (revision 3)',
    ],
    [
      'the page content, once the AcroForm default resources',
      [(b: PdfBuilder) => b.object(6, '<< /Fields [7 0 R 8 0 R] /DR 5 0 R >>'), undefined],
      rewriteContent,
      '/Contents of page 1 (revision 2) changed, after it became AcroForm default resources (revision 3)',
    ],
  ] as const)('%s, then rewritten, is other', async (_name, [shift, trailerExtra], rewrite, description) => {
    const bytes = updates(sample('person-signed.pdf'), 21, [shift, trailerExtra], [rewrite, trailerExtra]);
    const signature = only(await parse(bytes));
    expect(signature.modifications?.level).toBe('other');
    // The update that only points at the object is allowed; the rewrite is not.
    expect(signature.modifications?.changes.filter((c) => c.revision === 3).map((c) => c.kind)).not.toContain('other');
    expect(signature.modifications?.changes.filter((c) => c.revision === 4)).toEqual([
      { revision: 4, object: expect.stringMatching(/^[45] 0 R$/), kind: 'other', description },
    ]);
  });

  test('the same shift on a certification signature (DocMDP P=1) is other', async () => {
    const withDss = '<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R /Perms << /DocMDP 9 0 R >> /DSS 40 0 R >>';
    const bytes = updates(
      sample('certified-p1.pdf'),
      41,
      [(b) => { b.object(1, withDss); b.object(40, '<< /Certs [5 0 R] >>'); }],
      [rewriteContent],
    );
    const signature = only(await parse(bytes));
    expect(detail(signature, 'certificationLevel')).toBe(1);
    expect(signature.modifications?.level).toBe('other');
    expect(signature.modifications?.changes.filter((c) => c.revision === 4).map((c) => [c.object, c.kind])).toEqual([['5 0 R', 'other']]);
  });

  test("a signed signature's own appearance rewritten in place is other", async () => {
    const bytes = updates(sample('person-signed.pdf'), 11, [(b) => b.stream(9, '/Subtype /Form /BBox [0 0 595 842]', FORGED)]);
    expect(only(await parse(bytes)).modifications?.changes).toEqual([
      { revision: 3, object: '9 0 R', kind: 'other', description: 'appearance of signature field SigPerson changed' },
    ]);
  });

  test('an object nothing used when signed, adopted by the DSS and then rewritten, is other', async () => {
    const builder = new PdfBuilder(sample('person-signed.pdf'));
    // Revision 3 leaves 30 unused (allowed: it changes nothing), 4 lists it in a DSS, 5 rewrites it.
    builder.stream(30, '', 'hidden');
    builder.xrefTable('/Root 1 0 R /Size 31');
    builder.object(1, CATALOG.replace(' >>', ' /DSS 20 0 R >>'));
    builder.object(20, '<< /Certs [30 0 R] >>');
    builder.xrefTable('/Root 1 0 R /Size 31');
    builder.stream(30, '', 'rewritten');
    builder.xrefTable('/Root 1 0 R /Size 31');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.changes.filter((c) => c.revision === 5)).toEqual([
      { revision: 5, object: '30 0 R', kind: 'other', description: 'unused object (revision 3) changed, after it became DSS data (revision 4)' },
    ]);
  });
});

describe('in-place updates of objects that always had the whitelisted role stay allowed', () => {
  test('a DSS added after signing and rewritten in place later is ltv', async () => {
    const bytes = updates(
      sample('person-signed.pdf'),
      22,
      [(b) => { b.object(1, CATALOG.replace(' >>', ' /DSS 20 0 R >>')); b.object(20, '<< /Certs [21 0 R] >>'); b.stream(21, '', 'certificate 1'); }],
      [(b) => { b.object(20, '<< /Certs [21 0 R] /CRLs [] >>'); b.stream(21, '', 'certificate 1, renewed'); }],
    );
    const signature = only(await parse(bytes));
    expect(signature.modifications?.level).toBe('ltv');
    expect(signature.modifications?.changes.filter((c) => c.revision === 4)).toEqual([
      { revision: 4, object: '20 0 R', kind: 'ltv', rule: 'dss', description: 'document security store (DSS) updated' },
      { revision: 4, object: '21 0 R', kind: 'ltv', rule: 'dss', description: 'document security store (DSS) updated' },
    ]);
  });

  test('/Info and XMP /Metadata added after signing and rewritten in place later are ltv', async () => {
    const bytes = updates(
      sample('person-signed.pdf'),
      23,
      [(b) => { b.object(1, CATALOG.replace(' >>', ' /Metadata 22 0 R >>')); b.stream(22, '/Type /Metadata /Subtype /XML', '<x:xmpmeta/>'); b.object(21, '<< /Producer (a) >>'); }, ' /Info 21 0 R'],
      [(b) => { b.stream(22, '/Type /Metadata /Subtype /XML', '<x:xmpmeta>2</x:xmpmeta>'); b.object(21, '<< /Producer (b) >>'); }, ' /Info 21 0 R'],
    );
    const signature = only(await parse(bytes));
    expect(signature.modifications?.level).toBe('ltv');
    expect(signature.modifications?.changes.filter((c) => c.revision === 4).map((c) => [c.object, c.kind])).toEqual([
      ['21 0 R', 'ltv'],
      ['22 0 R', 'ltv'],
    ]);
  });

  test('a DSS, /Info and /Metadata that existed when signed may be rewritten in place (ltv)', async () => {
    const builder = signedWith({ catalogExtra: ' /DSS 20 0 R /Metadata 22 0 R', trailerExtra: ' /Info 21 0 R' });
    builder.object(20, '<< /Certs [23 0 R] /OCSPs [] >>');
    builder.stream(23, '', 'certificate, renewed');
    builder.object(21, '<< /Producer (after) >>');
    builder.stream(22, '/Type /Metadata /Subtype /XML', '<x:xmpmeta>after</x:xmpmeta>');
    builder.xrefTable('/Root 1 0 R /Info 21 0 R /Size 24');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.level).toBe('ltv');
    expect(signature.modifications?.changes.map((c) => c.object)).toEqual(['20 0 R', '21 0 R', '22 0 R', '23 0 R']);
  });

  test("a text field's own appearance stream rewritten in place is form filling", async () => {
    const builder = signedWith({});
    builder.stream(11, '/Type /XObject /Subtype /Form /BBox [0 0 100 20]', 'BT (Ghi chu moi) Tj ET');
    builder.object(10, '<< /Type /Annot /Subtype /Widget /FT /Tx /T (Note) /Rect [0 30 100 50] /P 3 0 R /V (Ghi chu moi) /AP << /N 11 0 R >> >>');
    builder.xrefTable('/Root 1 0 R /Size 24');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications).toEqual({
      level: 'form-filling',
      changes: [
        { revision: 2, object: '10 0 R', kind: 'form-filling', rule: 'field-value', description: '/V of field Note filled in' },
        { revision: 2, object: '11 0 R', kind: 'form-filling', rule: 'field-appearance', description: 'appearance of field Note changed' },
      ],
    });
  });

  test("the page content, once a text field's appearance, then rewritten, is other", async () => {
    const builder = signedWith({});
    builder.object(10, '<< /Type /Annot /Subtype /Widget /FT /Tx /T (Note) /Rect [0 30 100 50] /P 3 0 R /AP << /N 4 0 R >> >>');
    builder.xrefTable('/Root 1 0 R /Size 24');
    builder.stream(4, '', FORGED);
    builder.xrefTable('/Root 1 0 R /Size 24');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.changes).toEqual([
      // A new appearance for an unchanged value was once "form filling": it shows other
      // text under the same value, so it is `other` now (rule field-appearance).
      { revision: 2, object: '10 0 R', kind: 'other', description: 'appearance of field Note replaced while its value stays the same' },
      {
        revision: 3,
        object: '4 0 R',
        kind: 'other',
        description: '/Contents of page 1 (revision 1) changed, after it became /Contents of page 1 and appearance of field Note (revision 2)',
      },
    ]);
  });
});

/**
 * A generated document signed in revision 1 (fake CMS; the change analysis does not
 * need a valid one): 1 catalog, 2 pages, 3 page, 4 content, 5 signature field, 6 AcroForm,
 * 7 signature, 8 font, 10 text field Note with appearance 11, and 20 DSS with 23 a
 * certificate, 21 /Info, 22 XMP metadata when asked for.
 */
function signedWith(options: { catalogExtra?: string; trailerExtra?: string }): PdfBuilder {
  const builder = new PdfBuilder();
  builder.object(1, `<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R${options.catalogExtra ?? ''} >>`);
  builder.object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  builder.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 8 0 R >> >> /Contents 4 0 R /Annots [5 0 R 10 0 R] >>');
  builder.stream(4, '', 'BT /F1 12 Tf 72 770 Td (Cong van so 123/UBND-VP) Tj ET');
  builder.object(5, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sig1) /Rect [0 0 0 0] /F 132 /P 3 0 R /V 7 0 R >>');
  builder.object(6, '<< /Fields [5 0 R 10 0 R] /SigFlags 3 >>');
  builder.signature(7);
  builder.object(8, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  builder.object(10, '<< /Type /Annot /Subtype /Widget /FT /Tx /T (Note) /Rect [0 30 100 50] /P 3 0 R /AP << /N 11 0 R >> >>');
  builder.stream(11, '/Type /XObject /Subtype /Form /BBox [0 0 100 20]', '');
  builder.object(20, '<< /Certs [23 0 R] >>');
  builder.object(21, '<< /Producer (before) >>');
  builder.stream(22, '/Type /Metadata /Subtype /XML', '<x:xmpmeta>before</x:xmpmeta>');
  builder.stream(23, '', 'certificate');
  builder.xrefTable(`/Size 24 /Root 1 0 R${options.trailerExtra ?? ''}`);
  return builder;
}
