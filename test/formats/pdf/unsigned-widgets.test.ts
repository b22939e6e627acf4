/**
 * A widget added after signing paints on the signed page. When a signature in the same
 * revision fills its field, that signer attests it (the organisation's seal added
 * after the person's signature); when nobody signs it (a new empty signature field, a
 * new widget of an existing field), it is an overlay nobody signed: `other`, unless it
 * shows nothing (no area, hidden, no or an empty appearance).
 *
 * Written on top of samples/pdf/person-signed.pdf (pdfsig): 3 page with /Annots
 * [7 0 R 8 0 R], 4 font, 6 AcroForm /Fields [7 0 R 8 0 R], 7 SigPerson (signed),
 * 8 SigOrganization (empty).
 */
import { describe, expect, test } from 'vitest';
import { PdfBuilder } from './builder.js';
import { byId, only, parse, sample, signedBase } from './helpers.js';
import { detail } from '../../helpers.js';

const PAGE_WITH = (annots: string): string =>
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R /Annots [7 0 R 8 0 R ${annots}] >>`;
const OVERLAY = 'q 1 1 1 rg 0 0 595 842 re f Q BT /F1 24 Tf 0 0 0 rg 72 700 Td (FORGED CONTENT 999/UBND) Tj ET';
const FORM = '/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>';

/** Revision 3 adds field 60 (widget dictionary `widget`) with appearance stream 61 holding `appearance`. */
function emptyFieldAdded(widget: string, appearance: string, options: { deflate?: boolean; streamExtra?: string } = {}): Uint8Array {
  const builder = new PdfBuilder(sample('person-signed.pdf'));
  builder.object(6, '<< /Fields [7 0 R 8 0 R 60 0 R] >>');
  builder.object(3, PAGE_WITH('60 0 R'));
  builder.object(60, `<< /Type /Annot /Subtype /Widget /FT /Sig /T (SigOverlay) /P 3 0 R ${widget} >>`);
  builder.stream(61, `${FORM}${options.streamExtra ?? ''}`, appearance, options);
  builder.xrefTable('/Root 1 0 R /Size 62');
  return builder.bytes();
}

describe('an empty signature field added after signing', () => {
  test('with a full-page painting appearance is other (the overlay reproducer)', async () => {
    const signature = only(await parse(emptyFieldAdded('/Rect [0 0 595 842] /F 4 /AP << /N 61 0 R >>', OVERLAY)));
    expect(signature.modifications?.level).toBe('other');
    expect(signature.modifications?.changes).toEqual([
      { revision: 3, object: '60 0 R', kind: 'other', description: 'form widget added to page 1 with a visible appearance that no signature covers' },
      { revision: 3, object: '60 0 R', kind: 'other', description: 'empty signature field added with a visible appearance that no signature covers' },
      { revision: 3, object: '61 0 R', kind: 'other', description: 'new object referenced by 60 0 R' },
    ]);
  });

  test.each([
    ['a compressed appearance', '/Rect [10 10 200 60] /AP << /N 61 0 R >>', { deflate: true }],
    ['an appearance in a state dictionary', '/Rect [10 10 200 60] /AP << /N << /On 61 0 R >> >>', {}],
    ['only a rollover appearance', '/Rect [10 10 200 60] /AP << /R 61 0 R >>', {}],
    ['an appearance in a filter that cannot be decoded (fail closed)', '/Rect [10 10 200 60] /AP << /N 61 0 R >>', { streamExtra: ' /Filter /LZWDecode' }],
  ])('with %s is other', async (_name, widget, options) => {
    expect(only(await parse(emptyFieldAdded(widget, OVERLAY, options))).modifications?.level).toBe('other');
  });

  test.each([
    ['no area', '/Rect [0 0 0 0] /AP << /N 61 0 R >>', OVERLAY],
    ['the Hidden flag', '/Rect [0 0 595 842] /F 2 /AP << /N 61 0 R >>', OVERLAY],
    ['the NoView flag', '/Rect [0 0 595 842] /F 36 /AP << /N 61 0 R >>', OVERLAY],
    ['no appearance', '/Rect [10 10 200 60] /F 4', OVERLAY],
    ['an appearance of white space only', '/Rect [10 10 200 60] /F 4 /AP << /N 61 0 R >>', ' \r\n '],
  ])('with %s is form filling', async (_name, widget, appearance) => {
    const signature = only(await parse(emptyFieldAdded(widget, appearance)));
    expect(signature.modifications?.level).toBe('form-filling');
    expect(signature.formatFailure).toBe(false);
  });

  test('whose separate kid widget paints is other', async () => {
    const builder = new PdfBuilder(sample('person-signed.pdf'));
    builder.object(6, '<< /Fields [7 0 R 8 0 R 60 0 R] >>');
    builder.object(3, PAGE_WITH('62 0 R'));
    builder.object(60, '<< /FT /Sig /T (SigOverlay) /Kids [62 0 R] >>');
    builder.stream(61, FORM, OVERLAY);
    builder.object(62, '<< /Type /Annot /Subtype /Widget /Parent 60 0 R /Rect [0 0 595 842] /P 3 0 R /AP << /N 61 0 R >> >>');
    builder.xrefTable('/Root 1 0 R /Size 63');
    const changes = only(await parse(builder.bytes())).modifications?.changes ?? [];
    expect(changes.filter((c) => c.kind === 'other').map((c) => [c.object, c.description])).toEqual([
      ['62 0 R', 'form widget added to page 1 with a visible appearance that no signature covers'],
      ['60 0 R', 'empty signature field added with a visible appearance that no signature covers'],
      ['61 0 R', 'new object referenced by 62 0 R'],
    ]);
  });

  test('on a certified document (DocMDP P=2) is other', async () => {
    const builder = signedBase({
      catalogExtra: ' /Perms << /DocMDP 7 0 R >>',
      signature: (b) => b.signature(7, { extra: ' /Reference [<< /TransformMethod /DocMDP /TransformParams << /P 2 /V /1.2 >> >>]' }),
    });
    builder.object(9, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (SigOverlay) /Rect [0 0 595 842] /P 3 0 R /AP << /N 10 0 R >> >>');
    builder.stream(10, '/Type /XObject /Subtype /Form /BBox [0 0 595 842]', OVERLAY);
    builder.object(6, '<< /Fields [5 0 R 9 0 R] /SigFlags 3 >>');
    builder.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 8 0 R >> >> /Contents 4 0 R /Annots [5 0 R 9 0 R] >>');
    builder.xrefTable('/Root 1 0 R /Size 11');
    const signature = only(await parse(builder.bytes()));
    expect(detail(signature, 'certificationLevel')).toBe(2);
    expect(signature.modifications?.level).toBe('other');
  });
});

describe('a widget added to an existing signature field', () => {
  test('that paints, when the field is not signed in that revision, is other', async () => {
    const builder = new PdfBuilder(sample('person-signed.pdf'));
    builder.object(3, PAGE_WITH('62 0 R'));
    builder.stream(61, FORM, OVERLAY);
    builder.object(62, '<< /Type /Annot /Subtype /Widget /Parent 7 0 R /Rect [0 0 595 842] /P 3 0 R /AP << /N 61 0 R >> >>');
    builder.xrefTable('/Root 1 0 R /Size 63');
    const changes = only(await parse(builder.bytes())).modifications?.changes ?? [];
    expect(changes.map((c) => [c.object, c.kind, c.description])).toContainEqual([
      '62 0 R',
      'other',
      'form widget added to page 1 with a visible appearance that no signature covers',
    ]);
  });
});

describe('a visible widget of a signature made in the same revision', () => {
  test('is other when that signature is no CMS (a placeholder /Contents): integrity must hold to attest it', async () => {
    const builder = new PdfBuilder(sample('person-signed.pdf'));
    builder.stream(61, FORM, 'BT /F1 8 Tf 10 10 Td (UBND Tinh Thu Nghiem) Tj ET');
    builder.object(60, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (SigSeal) /Rect [300 100 400 140] /F 4 /P 3 0 R /V 63 0 R /AP << /N 61 0 R >> >>');
    builder.signature(63);
    builder.object(6, '<< /Fields [7 0 R 8 0 R 60 0 R] /SigFlags 3 >>');
    builder.object(3, PAGE_WITH('60 0 R'));
    builder.xrefTable('/Root 1 0 R /Size 64');
    const document = await parse(builder.bytes());
    const person = document.signatures.find((s) => s.id === 'SigPerson')!;
    expect(person.modifications?.level).toBe('other');
  });
});

describe('a document timestamp whose widget shows something', () => {
  // A document timestamp names no signer: what its widget paints is attested by nobody.
  function timestampField(widget: string): Uint8Array {
    const builder = new PdfBuilder(sample('person-signed.pdf'));
    builder.stream(61, FORM, OVERLAY);
    builder.object(60, `<< /Type /Annot /Subtype /Widget /FT /Sig /T (DocTS) /P 3 0 R /V 63 0 R ${widget} >>`);
    builder.signature(63, { type: 'DocTimeStamp', subFilter: 'ETSI.RFC3161' });
    builder.object(6, '<< /Fields [7 0 R 8 0 R 60 0 R] /SigFlags 3 >>');
    builder.object(3, PAGE_WITH('60 0 R'));
    builder.xrefTable('/Root 1 0 R /Size 64');
    return builder.bytes();
  }

  test('as a new field is other for the earlier signature', async () => {
    const document = await parse(timestampField('/Rect [0 0 595 842] /F 4 /AP << /N 61 0 R >>'));
    const person = byId(document, 'SigPerson');
    expect(person.modifications?.level).toBe('other');
    expect(person.modifications?.changes).toContainEqual({
      revision: 3,
      object: '60 0 R',
      kind: 'other',
      description: 'document timestamp widget with a visible appearance added to page 1',
    });
  });

  test('that fills an existing empty field with a visible appearance is other', async () => {
    const builder = new PdfBuilder(sample('person-signed.pdf'));
    builder.stream(61, FORM, OVERLAY);
    builder.signature(63, { type: 'DocTimeStamp', subFilter: 'ETSI.RFC3161' });
    builder.object(8, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (SigOrganization) /Rect [0 0 595 842] /F 132 /P 3 0 R /V 63 0 R /AP << /N 61 0 R >> >>');
    builder.xrefTable('/Root 1 0 R /Size 64');
    const person = byId(await parse(builder.bytes()), 'SigPerson');
    expect(person.modifications?.level).toBe('other');
    expect(person.modifications?.changes.filter((c) => c.kind === 'other').map((c) => c.description)).toEqual(
      expect.arrayContaining(['/AP of signature field SigOrganization updated for a document timestamp (a visible appearance no identity attests)']),
    );
  });

  test('an invisible one stays ltv', async () => {
    const person = byId(await parse(timestampField('/Rect [0 0 0 0] /F 132')), 'SigPerson');
    expect(person.modifications?.level).toBe('ltv');
  });
});
