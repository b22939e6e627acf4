/**
 * The legitimate-update classes real tools write (issue 8), each reproduced byte for byte as an
 * incremental update on a document signed in revision 1 (helpers.ts `signedBase`: 1 catalog, 2 pages,
 * 3 page, 4 content, 5 Sig1 widget+field, 6 AcroForm, 7 signature, 8 font), next to the attack each rule
 * must still refuse. Every case was `other` before the change analysis compared resolved values and named
 * its rules (src/formats/pdf/rules.ts); the attacks were, and stay, `other`.
 */
import { describe, expect, test } from 'vitest';
import type { PdfBuilder } from './builder.js';
import { byId, parse, signedBase } from './helpers.js';

type Changes = readonly { kind: string; rule?: string; description: string }[];

async function changesOf(builder: PdfBuilder): Promise<{ level: string | undefined; changes: Changes }> {
  const signature = byId(await parse(builder.bytes()), 'Sig1');
  return { level: signature.modifications?.level, changes: signature.modifications?.changes ?? [] };
}

function rules(changes: Changes): string[] {
  return [...new Set(changes.map((change) => change.rule ?? 'other'))].sort();
}

/** A second signature field (9 widget+field, 10 signature) signed in revision 2, with its /Fields and /Annots entries. */
function secondSignature(builder: PdfBuilder, widgetExtra = ''): void {
  builder.object(9, `<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sig2) /Rect [0 0 0 0] /F 132 /P 3 0 R /V 10 0 R${widgetExtra} >>`);
  builder.signature(10);
  builder.object(6, '<< /Fields [5 0 R 9 0 R] /SigFlags 3 >>');
}

const PAGE_WITH = (annots: string, extra = '') =>
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 8 0 R >> >> /Contents 4 0 R /Annots [${annots}]${extra} >>`;

describe('legitimate updates by real tools are allowed, each under its named rule', () => {
  test('Acrobat locks the signed widget when the next signer signs (/F 4 → 132): widget-lock-flags', async () => {
    const base = signedBase({ extra: (b) => b.object(5, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sig1) /Rect [10 20 110 60] /F 4 /P 3 0 R /V 7 0 R >>') });
    secondSignature(base);
    base.object(5, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sig1) /Rect [10 20 110 60] /F 132 /P 3 0 R /V 7 0 R >>');
    base.object(3, PAGE_WITH('5 0 R 9 0 R'));
    base.xrefTable('/Size 11 /Root 1 0 R');
    const { level, changes } = await changesOf(base);
    expect(level).toBe('form-filling');
    expect(rules(changes)).toContain('widget-lock-flags');
  });

  test('a widget flag other than Locked/LockedContents (Hidden) is other', async () => {
    const base = signedBase();
    base.object(5, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sig1) /Rect [10 20 110 60] /F 134 /P 3 0 R /V 7 0 R >>');
    base.xrefTable('/Size 9 /Root 1 0 R');
    expect((await changesOf(base)).level).toBe('other');
  });

  test('the signature field locked (/Ff 1, /Lock): signature-field-lock', async () => {
    const base = signedBase();
    base.object(5, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sig1) /Rect [10 20 110 60] /F 132 /P 3 0 R /V 7 0 R /Ff 1 /Lock << /Type /SigFieldLock /Action /All >> >>');
    base.xrefTable('/Size 9 /Root 1 0 R');
    const { level, changes } = await changesOf(base);
    expect(level).toBe('form-filling');
    expect(rules(changes)).toEqual(['signature-field-lock']);
  });

  test('a page /Resources re-pointed to an object with identical content: same-content', async () => {
    const base = signedBase();
    base.object(11, '<< /Font << /F1 12 0 R >> >>');
    base.object(12, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
    base.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 11 0 R /Contents 4 0 R /Annots [5 0 R] >>');
    base.xrefTable('/Size 13 /Root 1 0 R');
    const { level, changes } = await changesOf(base);
    expect(changes.filter((c) => c.kind === 'other')).toEqual([]);
    expect(level).toBe('none');
    expect(rules(changes)).toEqual(['same-content']);
  });

  test('a page /Resources re-pointed to a font with another glyph source is other', async () => {
    const base = signedBase();
    base.object(11, '<< /Font << /F1 12 0 R >> >>');
    base.object(12, '<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>');
    base.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 11 0 R /Contents 4 0 R /Annots [5 0 R] >>');
    base.xrefTable('/Size 13 /Root 1 0 R');
    expect((await changesOf(base)).level).toBe('other');
  });

  test('a font dictionary losing its obsolete /Name: font-obsolete-name', async () => {
    const base = signedBase();
    base.object(8, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Name /F1 >>');
    base.xrefTable('/Size 9 /Root 1 0 R');
    base.object(8, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
    base.xrefTable('/Size 9 /Root 1 0 R');
    const { changes } = await changesOf(base);
    expect(changes.filter((change) => change.kind !== 'other').map((change) => change.rule)).toContain('font-obsolete-name');
  });

  test('AcroForm /DR re-pointed to a new dictionary that adds a font and an XObject: default-resources', async () => {
    const base = signedBase();
    base.object(6, '<< /Fields [5 0 R] /SigFlags 3 /DR << /Font << /Helv 8 0 R >> >> >>');
    base.xrefTable('/Size 9 /Root 1 0 R');
    base.object(6, '<< /Fields [5 0 R] /SigFlags 3 /DR 11 0 R >>');
    base.object(11, '<< /Font << /Helv 8 0 R /ZaDb 12 0 R >> /XObject << /FRM 13 0 R >> >>');
    base.object(12, '<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>');
    base.stream(13, '/Type /XObject /Subtype /Form /BBox [0 0 10 10]', '');
    base.xrefTable('/Size 14 /Root 1 0 R');
    const { level, changes } = await changesOf(base);
    expect(level).toBe('form-filling');
    expect(rules(changes)).toEqual(['default-resources']);
  });

  test('AcroForm /DR re-pointed with its font copied into a new object (and /Name dropped) plus a new font: default-resources', async () => {
    const base = signedBase();
    base.object(6, '<< /Fields [5 0 R] /SigFlags 3 /DR << /Font << /Helv 9 0 R >> >> >>');
    base.object(9, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Name /Helv >>');
    base.xrefTable('/Size 10 /Root 1 0 R');
    base.object(6, '<< /Fields [5 0 R] /SigFlags 3 /DR 11 0 R >>');
    base.object(11, '<< /Font << /Helv 12 0 R /ZaDb 13 0 R >> >>');
    base.object(12, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
    base.object(13, '<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>');
    base.xrefTable('/Size 14 /Root 1 0 R');
    const { level, changes } = await changesOf(base);
    expect(changes.filter((c) => c.kind === 'other')).toEqual([]);
    expect(level).toBe('form-filling');
  });

  test('AcroForm /DR re-pointed with its font replaced by another typeface is other (shadow attack, replace)', async () => {
    const base = signedBase();
    base.object(6, '<< /Fields [5 0 R] /SigFlags 3 /DR << /Font << /Helv 9 0 R >> >> >>');
    base.object(9, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
    base.xrefTable('/Size 10 /Root 1 0 R');
    base.object(6, '<< /Fields [5 0 R] /SigFlags 3 /DR 11 0 R >>');
    base.object(11, '<< /Font << /Helv 12 0 R >> >>');
    base.object(12, '<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>');
    base.xrefTable('/Size 13 /Root 1 0 R');
    expect((await changesOf(base)).level).toBe('other');
  });

  test("iText's private /ITXT on the page tree root: page-tree-private-key", async () => {
    const base = signedBase();
    base.object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 /ITXT (8.0.5) >>');
    base.xrefTable('/Size 9 /Root 1 0 R');
    const { level, changes } = await changesOf(base);
    expect(level).toBe('ltv');
    expect(rules(changes)).toEqual(['page-tree-private-key']);
  });

  test('a page tree root gaining /Rotate (inherited by every page) is other', async () => {
    const base = signedBase();
    base.object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 /Rotate 90 >>');
    base.xrefTable('/Size 9 /Root 1 0 R');
    expect((await changesOf(base)).level).toBe('other');
  });

  test('a new catalog copying the old one, adding /DSS, /Extensions and /Version: catalog-copy, dss, extensions, catalog-version', async () => {
    const base = signedBase();
    base.object(11, '<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R /DSS 12 0 R /Version /1.7 /Extensions << /ESIC << /BaseVersion /1.7 /ExtensionLevel 2 >> >> >>');
    base.object(12, '<< /Certs [] >>');
    base.xrefTable('/Size 13 /Root 11 0 R');
    const { level, changes } = await changesOf(base);
    expect(level).toBe('ltv');
    expect(rules(changes)).toEqual(['catalog-copy', 'catalog-version', 'dss', 'extensions']);
  });

  test('an existing widget of the field signed in the revision appended to the page /Annots: signature-widget-appended', async () => {
    const base = signedBase();
    base.object(9, '<< /FT /Sig /T (Sig2) /Kids [11 0 R] >>');
    base.object(11, '<< /Type /Annot /Subtype /Widget /Parent 9 0 R /Rect [0 0 0 0] /F 132 /P 3 0 R >>');
    base.object(6, '<< /Fields [5 0 R 9 0 R] /SigFlags 3 >>');
    base.xrefTable('/Size 12 /Root 1 0 R');
    base.object(9, '<< /FT /Sig /T (Sig2) /Kids [11 0 R] /V 10 0 R >>');
    base.signature(10);
    base.object(3, PAGE_WITH('5 0 R 11 0 R'));
    base.xrefTable('/Size 12 /Root 1 0 R');
    const { level, changes } = await changesOf(base);
    expect(level).not.toBe('other');
    expect(rules(changes)).toContain('signature-widget-appended');
  });

  test('the structure tree extended for the new signature widget: struct-tree-extension', async () => {
    const base = signedBase({
      catalogExtra: ' /StructTreeRoot 20 0 R /MarkInfo << /Marked true >>',
      extra: (b) => {
        b.object(20, '<< /Type /StructTreeRoot /K [21 0 R] /ParentTree 22 0 R /ParentTreeNextKey 1 >>');
        b.object(21, '<< /Type /StructElem /S /Document /P 20 0 R /K [23 0 R] >>');
        b.object(22, '<< /Nums [0 24 0 R] >>');
        b.object(23, '<< /Type /StructElem /S /P /P 21 0 R /Pg 3 0 R /K 0 >>');
        b.object(24, '[23 0 R]');
      },
    });
    secondSignature(base, ' /StructParent 1');
    base.object(3, PAGE_WITH('5 0 R 9 0 R', ' /Tabs /S'));
    base.object(20, '<< /Type /StructTreeRoot /K [21 0 R] /ParentTree 25 0 R /ParentTreeNextKey 2 >>');
    base.object(21, '<< /Type /StructElem /S /Document /P 20 0 R /K [23 0 R 26 0 R] >>');
    base.object(25, '<< /Nums [0 27 0 R 1 26 0 R] >>');
    base.object(26, '<< /Type /StructElem /S /Form /P 21 0 R /Pg 3 0 R /K << /Type /OBJR /Obj 9 0 R >> >>');
    base.object(27, '[23 0 R]');
    base.xrefTable('/Size 28 /Root 1 0 R');
    const { level, changes } = await changesOf(base);
    expect(changes.filter((change) => change.kind === 'other')).toEqual([]);
    expect(level).toBe('form-filling');
    expect(rules(changes)).toEqual(expect.arrayContaining(['struct-tree-extension', 'page-tabs-structure', 'new-signature']));
  });

  test('under P=3, an annotation removed with its structure kid and /ParentTree key: annotation, struct-tree-annotation-removed', async () => {
    const docMdp = ' /Reference [<< /TransformMethod /DocMDP /TransformParams << /P 3 /V /1.2 >> >>]';
    const base = signedBase({
      catalogExtra: ' /StructTreeRoot 20 0 R /Perms << /DocMDP 7 0 R >>',
      signature: (b) => b.signature(7, { extra: docMdp }),
      extra: (b) => {
        b.object(3, PAGE_WITH('5 0 R 30 0 R'));
        b.object(30, '<< /Type /Annot /Subtype /Text /Rect [0 0 20 20] /P 3 0 R /Contents (Ghi chu) /StructParent 1 >>');
        b.object(20, '<< /Type /StructTreeRoot /K [21 0 R] /ParentTree 22 0 R /ParentTreeNextKey 2 >>');
        b.object(21, '<< /Type /StructElem /S /Annot /P 20 0 R /K [<< /Type /OBJR /Obj 30 0 R >>] >>');
        b.object(22, '<< /Nums [1 21 0 R] >>');
      },
    });
    base.object(3, PAGE_WITH('5 0 R'));
    base.object(21, '<< /Type /StructElem /S /Annot /P 20 0 R /K [] >>');
    base.object(20, '<< /Type /StructTreeRoot /K [21 0 R] /ParentTree 23 0 R /ParentTreeNextKey 1 >>');
    base.object(23, '<< /Nums [] >>');
    base.xrefTable('/Size 40 /Root 1 0 R');
    const { level, changes } = await changesOf(base);
    expect(changes.filter((c) => c.kind === 'other')).toEqual([]);
    expect(level).toBe('annotations');
    expect(rules(changes)).toEqual(expect.arrayContaining(['annotation', 'struct-tree-annotation-removed']));
  });

  test('an existing structure element rewritten (its /Alt replaced) is other', async () => {
    const base = signedBase({
      catalogExtra: ' /StructTreeRoot 20 0 R',
      extra: (b) => {
        b.object(20, '<< /Type /StructTreeRoot /K [21 0 R] >>');
        b.object(21, '<< /Type /StructElem /S /Figure /P 20 0 R /Alt (Con dau co quan) >>');
      },
    });
    base.object(21, '<< /Type /StructElem /S /Figure /P 20 0 R /Alt (Khong co dau) >>');
    base.xrefTable('/Size 22 /Root 1 0 R');
    expect((await changesOf(base)).level).toBe('other');
  });

  test('a choice field /I updated with its /V: choice-selection', async () => {
    const base = signedBase({
      extra: (b) => {
        b.object(9, '<< /Type /Annot /Subtype /Widget /FT /Ch /T (Loai) /Opt [(A) (B)] /V (A) /I [0] /Rect [0 100 100 120] /P 3 0 R >>');
        b.object(6, '<< /Fields [5 0 R 9 0 R] /SigFlags 3 >>');
        b.object(3, PAGE_WITH('5 0 R 9 0 R'));
      },
    });
    base.object(9, '<< /Type /Annot /Subtype /Widget /FT /Ch /T (Loai) /Opt [(A) (B)] /V (B) /I [1] /Rect [0 100 100 120] /P 3 0 R >>');
    base.xrefTable('/Size 10 /Root 1 0 R');
    const { level, changes } = await changesOf(base);
    expect(changes.filter((c) => c.kind === 'other')).toEqual([]);
    expect(level).toBe('form-filling');
    expect(rules(changes)).toEqual(['choice-selection', 'field-value']);
  });
});

describe('appearances follow values: a new look for the same value is not form filling', () => {
  /** Revision 1 signs a document with a filled text field 9 whose appearance is 11 (and 12 for field 13 when shared). */
  function withTextField(shared = false): PdfBuilder {
    return signedBase({
      extra: (b) => {
        b.object(9, '<< /Type /Annot /Subtype /Widget /FT /Tx /T (SoVanBan) /V (123/UBND) /Rect [0 100 100 120] /P 3 0 R /AP << /N 11 0 R >> >>');
        b.stream(11, '/Type /XObject /Subtype /Form /BBox [0 0 100 20]', 'BT /F1 10 Tf (123/UBND) Tj ET');
        b.object(13, `<< /Type /Annot /Subtype /Widget /FT /Tx /T (Ghi) /V (123/UBND) /Rect [0 130 100 150] /P 3 0 R /AP << /N ${shared ? 11 : 12} 0 R >> >>`);
        b.stream(12, '/Type /XObject /Subtype /Form /BBox [0 0 100 20]', 'BT /F1 10 Tf (123/UBND) Tj ET');
        b.object(6, '<< /Fields [5 0 R 9 0 R 13 0 R] /SigFlags 3 >>');
        b.object(3, PAGE_WITH('5 0 R 9 0 R 13 0 R'));
      },
    });
  }

  test('a text field whose /AP is replaced while /V stays the same is other', async () => {
    const base = withTextField();
    base.object(9, '<< /Type /Annot /Subtype /Widget /FT /Tx /T (SoVanBan) /V (123/UBND) /Rect [0 100 100 120] /P 3 0 R /AP << /N 14 0 R >> >>');
    base.stream(14, '/Type /XObject /Subtype /Form /BBox [0 0 100 20]', 'BT /F1 10 Tf (999/UBND) Tj ET');
    base.xrefTable('/Size 15 /Root 1 0 R');
    const { level, changes } = await changesOf(base);
    expect(level).toBe('other');
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'other', description: 'appearance of field SoVanBan replaced while its value stays the same' }));
  });

  test("a text field's appearance stream rewritten in place while /V stays the same is other", async () => {
    const base = withTextField();
    base.stream(11, '/Type /XObject /Subtype /Form /BBox [0 0 100 20]', 'BT /F1 10 Tf (999/UBND) Tj ET');
    base.xrefTable('/Size 14 /Root 1 0 R');
    const { level, changes } = await changesOf(base);
    expect(level).toBe('other');
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'other', description: 'appearance of field SoVanBan changed while its value stays the same' }));
  });

  test('an appearance stream shared by two fields overwritten, with a new value for one of them, is other', async () => {
    const base = withTextField(true);
    base.object(9, '<< /Type /Annot /Subtype /Widget /FT /Tx /T (SoVanBan) /V (999/UBND) /Rect [0 100 100 120] /P 3 0 R /AP << /N 11 0 R >> >>');
    base.stream(11, '/Type /XObject /Subtype /Form /BBox [0 0 100 20]', 'BT /F1 10 Tf (999/UBND) Tj ET');
    base.xrefTable('/Size 14 /Root 1 0 R');
    const { level, changes } = await changesOf(base);
    expect(level).toBe('other');
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'other', description: 'appearance shared by fields SoVanBan, Ghi overwritten' }));
  });

  test('a new value with a new appearance is form filling (field-value, field-appearance)', async () => {
    const base = withTextField();
    base.object(9, '<< /Type /Annot /Subtype /Widget /FT /Tx /T (SoVanBan) /V (999/UBND) /Rect [0 100 100 120] /P 3 0 R /AP << /N 14 0 R >> >>');
    base.stream(14, '/Type /XObject /Subtype /Form /BBox [0 0 100 20]', 'BT /F1 10 Tf (999/UBND) Tj ET');
    base.xrefTable('/Size 15 /Root 1 0 R');
    const { level, changes } = await changesOf(base);
    expect(changes.filter((c) => c.kind === 'other')).toEqual([]);
    expect(level).toBe('form-filling');
    expect(rules(changes)).toEqual(['field-appearance', 'field-value']);
  });
});
