/**
 * iText 5's PdfReader copies the attributes a page inherits from the page tree (/MediaBox,
 * /CropBox, /Resources, /Rotate; ISO 32000-1 §7.7.3.4) into every page dictionary it reads, so
 * a page it rewrites in append mode (to add a visible signature's widget to its /Annots)
 * carries them explicitly. The page a reader sees is the same: the earlier signatures keep
 * their level. A value that differs from the inherited one is still `other`.
 *
 * Revision 1 (helpers.ts `signedBase`, page tree redefined): 2 pages node with /MediaBox and
 * /Resources, 3 page 1 (Sig1's widget 5), 9 page 2 inheriting both, 10 its content.
 * Revision 2: a second signature (11 widget+field, 12 signature) on page 2.
 * samples/producers/itext5/out/inherited-attributes-two-pages.pdf is the same flow by iText 5.
 */
import { describe, expect, test } from 'vitest';
import type { PdfBuilder } from './builder.js';
import { byId, parse, signedBase } from './helpers.js';

const INHERITED_MEDIA_BOX = '[0 0 595 842]';
const INHERITED_RESOURCES = '<< /Font << /F1 8 0 R >> >>';

function inheritingBase(): PdfBuilder {
  return signedBase({
    extra: (b) => {
      b.object(2, `<< /Type /Pages /Kids [3 0 R 9 0 R] /Count 2 /MediaBox ${INHERITED_MEDIA_BOX} /Resources ${INHERITED_RESOURCES} >>`);
      b.object(3, '<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Annots [5 0 R] >>');
      b.object(9, '<< /Type /Page /Parent 2 0 R /Contents 10 0 R >>');
      b.stream(10, '', 'BT /F1 12 Tf 72 770 Td (Trang 2) Tj ET');
    },
  });
}

/** The second signature on page 2, whose dictionary iText writes with `pageEntries` (the inherited attributes it copied). */
async function signPageTwo(pageEntries: string): Promise<{ level: string | undefined; changes: readonly { kind: string; rule?: string; description: string }[] }> {
  const builder = inheritingBase();
  builder.object(11, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sig2) /Rect [40 60 270 150] /F 132 /P 9 0 R /V 12 0 R >>');
  builder.signature(12);
  builder.object(6, '<< /Fields [5 0 R 11 0 R] /SigFlags 3 >>');
  builder.object(9, `<< /Type /Page /Parent 2 0 R /Contents 10 0 R /Annots [11 0 R]${pageEntries} >>`);
  builder.xrefTable('/Size 40 /Root 1 0 R');
  const signature = byId(await parse(builder.bytes()), 'Sig1');
  return { level: signature.modifications?.level, changes: signature.modifications?.changes ?? [] };
}

describe('inherited page attributes written on a page after signing', () => {
  test('the inherited /MediaBox and /Resources copied onto the page (iText 5): inherited-attribute, no change', async () => {
    const { level, changes } = await signPageTwo(` /MediaBox ${INHERITED_MEDIA_BOX} /Resources ${INHERITED_RESOURCES}`);
    expect(changes.filter((c) => c.kind === 'other')).toEqual([]);
    expect(level).toBe('form-filling');
    expect(changes).toContainEqual({ revision: 2, object: '9 0 R', kind: 'none', rule: 'inherited-attribute', description: '/MediaBox of page 2 written on the page with the value it inherited' });
    expect(changes).toContainEqual({ revision: 2, object: '9 0 R', kind: 'none', rule: 'inherited-attribute', description: '/Resources of page 2 written on the page with the value it inherited' });
  });

  test('a /MediaBox other than the inherited one is other', async () => {
    const { level, changes } = await signPageTwo(' /MediaBox [0 0 842 595]');
    expect(level).toBe('other');
    expect(changes).toContainEqual({ revision: 2, object: '9 0 R', kind: 'other', description: '/MediaBox of page 2 added' });
  });

  test('/Resources naming another font than the inherited ones is other', async () => {
    const { level } = await signPageTwo(' /Resources << /Font << /F1 8 0 R /F2 8 0 R >> >>');
    expect(level).toBe('other');
  });

  test('a /Rotate the page did not inherit is other', async () => {
    const { level } = await signPageTwo(' /Rotate 90');
    expect(level).toBe('other');
  });
});

/*
 * A page whose /Parent names an orphan node (not reached through /Kids): poppler inherits down
 * /Kids, pdf.js up /Parent, so the two show different boxes and fonts once the page's own
 * attributes go. The signer saw the page's own values; the rule must not take the orphan's.
 * Page 9 is a kid of node 2 (100×100, /F1 = object 8) but names orphan 30 (A4) as /Parent.
 */
function forgedParentBase(page9: string): PdfBuilder {
  return signedBase({
    extra: (b) => {
      b.object(2, '<< /Type /Pages /Kids [3 0 R 9 0 R] /Count 2 /MediaBox [0 0 100 100] /Resources << /Font << /F1 8 0 R >> >> >>');
      b.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [5 0 R] >>');
      b.object(30, '<< /Type /Pages /Kids [] /Count 0 /MediaBox [0 0 595 842] >>');
      b.object(9, page9);
      b.stream(10, '', 'BT /F1 12 Tf 72 770 Td (Trang 2) Tj ET');
    },
  });
}

describe('an inherited value is taken only through the page tree', () => {
  test('a page /MediaBox removed where /Parent names an orphan with the same box: other (review finding)', async () => {
    const builder = forgedParentBase('<< /Type /Page /Parent 30 0 R /MediaBox [0 0 595 842] /Contents 10 0 R >>');
    builder.object(9, '<< /Type /Page /Parent 30 0 R /Contents 10 0 R >>');
    builder.xrefTable('/Size 40 /Root 1 0 R');
    const signature = byId(await parse(builder.bytes()), 'Sig1');
    expect(signature.modifications?.level).toBe('other');
    expect((signature.modifications?.changes ?? []).filter((c) => c.rule === 'inherited-attribute')).toEqual([]);
  });

  test('a page /MediaBox written with the orphan parent\'s box, not the page tree\'s: other', async () => {
    const builder = forgedParentBase('<< /Type /Page /Parent 30 0 R /Contents 10 0 R >>');
    builder.object(9, '<< /Type /Page /Parent 30 0 R /MediaBox [0 0 595 842] /Contents 10 0 R >>');
    builder.xrefTable('/Size 40 /Root 1 0 R');
    const signature = byId(await parse(builder.bytes()), 'Sig1');
    expect(signature.modifications?.level).toBe('other');
  });
});
