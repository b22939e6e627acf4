/**
 * A viewer rebuilds field appearances from the form's defaults (AcroForm /DA, /DR,
 * /NeedAppearances): changing them after signing can change what a locked or signed
 * field shows without touching the field. Under a FieldMDP lock such a change is
 * `other`; setting /NeedAppearances over existing text fields is `other` always.
 *
 * One page, signed in revision 1 by Sig1 (7) with `lock`: 5 signature field, 6 AcroForm,
 * 10 text field SoVanBan with value and appearance 12 (font /Helv 8).
 */
import { describe, expect, test } from 'vitest';
import { PdfBuilder } from './builder.js';
import { codes, only, parse } from './helpers.js';

const LOCK_ALL = ' /Reference [<< /Type /SigRef /TransformMethod /FieldMDP /TransformParams << /Type /TransformParams /Action /All /V /1.2 >> >>]';
const TEXT_FIELD = '/Type /Annot /Subtype /Widget /FT /Tx /T (SoVanBan) /V (So 123/UBND-VP) /Rect [300 560 560 590] /F 4 /P 3 0 R /AP << /N 12 0 R >>';
const APPEARANCE = '/Tx BMC BT /Helv 14 Tf 0 g 2 9 Td (So 123/UBND-VP) Tj ET EMC';
const ACRO_FORM = (extra: string): string => `<< /Fields [5 0 R 10 0 R] /SigFlags 3 /DA (/Helv 14 Tf 0 g) /DR << /Font << /Helv 8 0 R >> >>${extra} >>`;

function signedForm(lock: string, field = TEXT_FIELD, parentField?: string): PdfBuilder {
  const builder = new PdfBuilder();
  builder.object(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R >>');
  builder.object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  builder.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [5 0 R 10 0 R] >>');
  builder.object(5, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sig1) /Rect [0 0 0 0] /F 132 /P 3 0 R /V 7 0 R >>');
  builder.object(6, parentField ? ACRO_FORM('').replace('10 0 R]', '11 0 R]') : ACRO_FORM(''));
  if (parentField) builder.object(11, parentField);
  builder.signature(7, { extra: lock });
  builder.object(8, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  builder.object(10, `<< ${field} >>`);
  builder.stream(12, '/Type /XObject /Subtype /Form /BBox [0 0 260 30] /Resources << /Font << /Helv 8 0 R >> >>', APPEARANCE);
  builder.xrefTable('/Root 1 0 R /Size 13');
  return builder;
}

const EVIL_FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [49 /nine] >> >>';

describe('the form default appearance changed after signing', () => {
  test('under a FieldMDP lock: a new /DA font re-rendering the locked field is other', async () => {
    const builder = signedForm(LOCK_ALL);
    builder.object(6, ACRO_FORM('').replace('/DA (/Helv 14 Tf 0 g) /DR << /Font << /Helv 8 0 R >> >>', '/DA (/Evil 14 Tf 0 g) /DR << /Font << /Helv 8 0 R /Evil 14 0 R >> >>'));
    builder.object(14, EVIL_FONT);
    builder.xrefTable('/Root 1 0 R /Size 15');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.level).toBe('other');
    expect(signature.modifications?.changes).toContainEqual({
      revision: 2,
      object: '6 0 R',
      kind: 'other',
      description: 'AcroForm /DA updated (fields locked by signature Sig1)',
    });
    expect(codes(signature.messages)).toContain('PDF_FORM_DEFAULTS_LOCKED');
  });

  test('under a FieldMDP lock: replacing the colour in /DA is other', async () => {
    const builder = signedForm(LOCK_ALL);
    builder.object(6, ACRO_FORM('').replace('0 g)', '1 1 1 rg)'));
    builder.xrefTable('/Root 1 0 R /Size 13');
    expect(only(await parse(builder.bytes())).modifications?.level).toBe('other');
  });

  test('under a FieldMDP lock: a new default font that a field /DA names is other', async () => {
    const builder = signedForm(LOCK_ALL, TEXT_FIELD.replace('/F 4', '/F 4 /DA (/Evil 14 Tf 0 g)'));
    builder.object(6, ACRO_FORM('').replace('/Helv 8 0 R >>', '/Helv 8 0 R /Evil 14 0 R >>'));
    builder.object(14, EVIL_FONT);
    builder.xrefTable('/Root 1 0 R /Size 15');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.changes).toContainEqual({
      revision: 2,
      object: '6 0 R /DR',
      kind: 'other',
      description: 'default resources extended (fields locked by signature Sig1)',
    });
  });

  test('under a FieldMDP lock: a new default font nobody names (a signer\'s font) stays form filling', async () => {
    const builder = signedForm(LOCK_ALL);
    builder.object(6, ACRO_FORM('').replace('/Helv 8 0 R >>', '/Helv 8 0 R /SigF 14 0 R >>'));
    builder.object(14, '<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>');
    builder.xrefTable('/Root 1 0 R /Size 15');
    expect(only(await parse(builder.bytes())).modifications?.level).toBe('form-filling');
  });

  test('under a FieldMDP lock: a form XObject added to /DR (iText 5 merges a signature appearance\'s /FRM) stays form filling', async () => {
    // samples/producers/itext5/out/locked-then-approved.pdf is the same by iText 5.
    const builder = signedForm(LOCK_ALL);
    builder.object(6, ACRO_FORM('').replace('/Helv 8 0 R >> >>', '/Helv 8 0 R >> /XObject << /FRM 14 0 R >> >>'));
    builder.stream(14, '/Type /XObject /Subtype /Form /BBox [0 0 100 40]', '0 0 1 rg 0 0 100 40 re f');
    builder.xrefTable('/Root 1 0 R /Size 15');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.level).toBe('form-filling');
    expect(codes(signature.messages)).not.toContain('PDF_FORM_DEFAULTS_LOCKED');
  });

  test('under a FieldMDP lock: a graphics state added to /DR (a /DA may set one with gs) is other', async () => {
    const builder = signedForm(LOCK_ALL);
    builder.object(6, ACRO_FORM('').replace('/Helv 8 0 R >> >>', '/Helv 8 0 R >> /ExtGState << /GS1 14 0 R >> >>'));
    builder.object(14, '<< /Type /ExtGState /CA 0 /ca 0 >>');
    builder.xrefTable('/Root 1 0 R /Size 15');
    expect(only(await parse(builder.bytes())).modifications?.level).toBe('other');
  });

  test('under a FieldMDP lock: a form /DA changed while every text field has its own /DA stays form filling (iText 5 adds one)', async () => {
    const builder = signedForm(LOCK_ALL, TEXT_FIELD.replace('/FT /Tx', '/FT /Tx /DA (/Helv 8 Tf 0 g)'));
    builder.object(6, ACRO_FORM('').replace('/DA (/Helv 14 Tf 0 g)', '/DA (/Helv 0 Tf 0 g)'));
    builder.xrefTable('/Root 1 0 R /Size 13');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.level).toBe('form-filling');
    expect(codes(signature.messages)).not.toContain('PDF_FORM_DEFAULTS_LOCKED');
  });

  test('under a FieldMDP lock: a form /DA changed while a text field takes its /DA from its parent field is other', async () => {
    const kid = TEXT_FIELD.replace('/T (SoVanBan)', '/Parent 11 0 R');
    const builder = signedForm(LOCK_ALL, kid, '<< /FT /Tx /T (SoVanBan) /DA (/Helv 8 Tf 0 g) /Kids [10 0 R] >>');
    builder.object(6, ACRO_FORM('').replace('10 0 R]', '11 0 R]').replace('/DA (/Helv 14 Tf 0 g)', '/DA (/Helv 0 Tf 0 g)'));
    builder.xrefTable('/Root 1 0 R /Size 13');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.level).toBe('other');
    expect(codes(signature.messages)).toContain('PDF_FORM_DEFAULTS_LOCKED');
  });

  test('without a lock, a default font dropped from /DR (PDFBox 1.8 puts its visible signature template\'s /DR in place) is form filling', async () => {
    const builder = signedForm('');
    builder.object(6, ACRO_FORM('').replace('/DR << /Font << /Helv 8 0 R >> >>', '/DR << /XObject << /FRM0 14 0 R >> >>'));
    builder.stream(14, '/Type /XObject /Subtype /Form /BBox [0 0 10 10]', '');
    builder.xrefTable('/Root 1 0 R /Size 15');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.changes).toEqual([
      { revision: 2, object: '6 0 R /DR', kind: 'form-filling', rule: 'default-resources', description: 'default resources changed (/Helv removed)' },
    ]);
  });

  test('under a FieldMDP lock: a default font the fields\' /DA names dropped from /DR is other', async () => {
    const builder = signedForm(LOCK_ALL);
    builder.object(6, ACRO_FORM('').replace('/DR << /Font << /Helv 8 0 R >> >>', '/DR << >>'));
    builder.xrefTable('/Root 1 0 R /Size 13');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.changes).toContainEqual({
      revision: 2,
      object: '6 0 R /DR',
      kind: 'other',
      description: 'default resources changed (/Helv removed) (fields locked by signature Sig1)',
    });
  });

  test('a default font replaced under the same name stays other, lock or not (the shadow attack\'s replace)', async () => {
    const builder = signedForm('');
    builder.object(6, ACRO_FORM('').replace('/Helv 8 0 R >>', '/Helv 14 0 R >>'));
    builder.object(14, EVIL_FONT);
    builder.xrefTable('/Root 1 0 R /Size 15');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.changes).toContainEqual({ revision: 2, object: '6 0 R /DR', kind: 'other', description: 'default resource /Font /Helv replaced' });
  });

  test('without a lock, a /DA change stays form filling', async () => {
    const builder = signedForm('');
    builder.object(6, ACRO_FORM('').replace('0 g)', '0 0 1 rg)'));
    builder.xrefTable('/Root 1 0 R /Size 13');
    expect(only(await parse(builder.bytes())).modifications?.level).toBe('form-filling');
  });

  test('/NeedAppearances set over an existing text field is other even without a lock', async () => {
    const builder = signedForm('');
    builder.object(6, ACRO_FORM(' /NeedAppearances true').replace('0 g)', '1 1 1 rg)'));
    builder.xrefTable('/Root 1 0 R /Size 13');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.changes).toContainEqual({
      revision: 2,
      object: '6 0 R',
      kind: 'other',
      description: "AcroForm /NeedAppearances set: viewers rebuild the signed text and choice fields' appearances",
    });
  });
});

describe('a read-only text field (Ff bit 1) changed after signing', () => {
  test('a new value and appearance are other, not form filling', async () => {
    const readOnly = TEXT_FIELD.replace('/FT /Tx', '/FT /Tx /Ff 1');
    const builder = signedForm('', readOnly);
    builder.object(10, `<< ${readOnly.replace('(So 123/UBND-VP)', '(So 923/UBND-VP)')} >>`);
    builder.stream(12, '/Type /XObject /Subtype /Form /BBox [0 0 260 30] /Resources << /Font << /Helv 8 0 R >> >>', APPEARANCE.replace('123', '923'));
    builder.xrefTable('/Root 1 0 R /Size 13');
    const signature = only(await parse(builder.bytes()));
    expect(signature.modifications?.level).toBe('other');
    expect(signature.modifications?.changes).toEqual([
      { revision: 2, object: '10 0 R', kind: 'other', description: '/V of read-only field SoVanBan changed' },
      { revision: 2, object: '12 0 R', kind: 'other', description: 'appearance of read-only field SoVanBan changed' },
    ]);
  });

  test('read-only inherited from the parent field counts too', async () => {
    const builder = signedForm('', TEXT_FIELD.replace('/FT /Tx /T (SoVanBan)', '/Parent 11 0 R'), '<< /FT /Tx /T (SoVanBan) /Ff 1 /Kids [10 0 R] >>');
    builder.object(10, `<< ${TEXT_FIELD.replace('/FT /Tx /T (SoVanBan)', '/Parent 11 0 R').replace('(So 123/UBND-VP)', '(So 923/UBND-VP)')} >>`);
    builder.xrefTable('/Root 1 0 R /Size 13');
    expect(only(await parse(builder.bytes())).modifications?.changes).toEqual([
      { revision: 2, object: '10 0 R', kind: 'other', description: '/V of read-only field SoVanBan changed' },
    ]);
  });
});
