/**
 * /NeedAppearances true (ISO 32000-1 §12.7.2, Table 218) asks viewers to build every widget's
 * appearance themselves: Acrobat and poppler then draw a widget from its /MK (colours,
 * caption, icon) whatever its /AP. The sneaky-signature rule (a new empty signature field
 * that shows something is an overlay nobody signed) must therefore count the /MK while the
 * flag is on, and turning the flag on after signing must not make widgets whose /MK a blank
 * /AP kept from view appear. A genuine form signed while the flag is on, or a flag set over a
 * form with nothing to draw, still passes.
 *
 * Updates are appended here to samples/pdf/person-signed.pdf (pdfsig) and to
 * test/fixtures/attacks/pdf/need-appearances-signed-twice.pdf (samples/make-attacks-pdf-need-appearances.sh:
 * the flag set by qpdf before pdfsig signed twice).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { PdfBuilder } from '../formats/pdf/builder.js';
import { AT, REPO, sample } from '../helpers.js';

const check = (bytes: Uint8Array) => verify(bytes, { trust: TrustStore.from(sample('pki/kyso-test-root.pem')), at: AT });
const verdicts = (report: DocumentReport) => report.signatures.map((s) => `${s.id}:${s.indication}${s.subIndication ? `/${s.subIndication}` : ''}`);
const signedTwice = () => new Uint8Array(readFileSync(`${REPO}test/fixtures/attacks/pdf/need-appearances-signed-twice.pdf`));

const BLANK = [12, '<< /Length 0 /Subtype /Form /BBox [0 0 1 1] >>\nstream\n\nendstream'] as const;
/** An empty signature field over the page's heading: blank /AP, a black /MK background. */
const SNEAKY = '/Rect [40 740 560 800] /AP << /N 12 0 R >> /MK << /BG [0 0 0] >>';

/**
 * person-signed.pdf plus an update: an empty signature field (object 11, widget on page 1)
 * with `entries` when given, the AcroForm with `acroForm` appended, and `objects`.
 */
function update(base: Uint8Array, step: { entries?: string; acroForm?: string; objects?: readonly (readonly [number, string])[] }): Uint8Array {
  const builder = new PdfBuilder(base);
  const fields = step.entries !== undefined ? '7 0 R 8 0 R 11 0 R' : '7 0 R 8 0 R';
  if (step.entries !== undefined) {
    builder.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R /Annots [7 0 R 8 0 R 11 0 R] >>');
    builder.object(11, `<< /Type /Annot /Subtype /Widget /FT /Sig /T (SigLater) /F 4 /P 3 0 R ${step.entries} >>`);
  }
  builder.object(6, `<< /Fields [${fields}] /SigFlags 3${step.acroForm ?? ''} >>`);
  for (const [num, body] of step.objects ?? []) builder.object(num, body);
  builder.xrefTable(`/Size ${Math.max(12, ...(step.objects ?? []).map(([num]) => num + 1))} /Root 1 0 R`);
  return builder.bytes();
}

describe('/NeedAppearances and widgets drawn from /MK', () => {
  it('a new empty signature field whose blank /AP hides a black /MK box passes while viewers show the /AP (the control)', async () => {
    const report = await check(update(sample('pdf/person-signed.pdf'), { entries: SNEAKY, objects: [BLANK] }));
    expect(verdicts(report)).toEqual(['SigPerson:TOTAL_PASSED']);
  });

  it('the same field added with /NeedAppearances true is an overlay: viewers draw the /MK box', async () => {
    const report = await check(update(sample('pdf/person-signed.pdf'), { entries: SNEAKY, acroForm: ' /NeedAppearances true', objects: [BLANK] }));
    expect(verdicts(report)).toEqual(['SigPerson:TOTAL_FAILED/FORMAT_FAILURE']);
    expect(report.signatures[0]!.modifications?.level).toBe('other');
  });

  it('the field added first, /NeedAppearances set by a later update (directly, by reference, or by a reference to nothing): the later update is other', async () => {
    const first = update(sample('pdf/person-signed.pdf'), { entries: SNEAKY, objects: [BLANK] });
    for (const [acroForm, objects] of [
      [' /NeedAppearances true', []],
      [' /NeedAppearances 13 0 R', [[13, 'true']]],
      [' /NeedAppearances 99 0 R', []],
    ] as const) {
      const builder = new PdfBuilder(first);
      builder.object(6, `<< /Fields [7 0 R 8 0 R 11 0 R] /SigFlags 3${acroForm} >>`);
      for (const [num, body] of objects) builder.object(num, body);
      builder.xrefTable('/Size 14 /Root 1 0 R');
      const report = await check(builder.bytes());
      expect(verdicts(report), acroForm).toEqual(['SigPerson:TOTAL_FAILED/FORMAT_FAILURE']);
      expect(report.signatures[0]!.modifications?.changes.some((c) => c.description.includes('/NeedAppearances set')), acroForm).toBe(true);
    }
  });

  it('/NeedAppearances set over a form whose widgets draw nothing, or with a new field whose /MK draws nothing, stays allowed', async () => {
    const flagOnly = await check(update(sample('pdf/person-signed.pdf'), { acroForm: ' /NeedAppearances true' }));
    expect(verdicts(flagOnly)).toEqual(['SigPerson:TOTAL_PASSED']);
    const quietField = await check(update(sample('pdf/person-signed.pdf'), { entries: '/Rect [40 740 560 800] /AP << /N 12 0 R >> /MK << /BG [] >>', acroForm: ' /NeedAppearances true', objects: [BLANK] }));
    expect(verdicts(quietField)).toEqual(['SigPerson:TOTAL_PASSED']);
  });

  it('a form signed twice by pdfsig while /NeedAppearances is on passes', async () => {
    const report = await check(signedTwice());
    expect(verdicts(report)).toEqual(['SigPerson:TOTAL_PASSED', 'SigOrganization:TOTAL_PASSED']);
  });

  it('on that form, a later empty signature field whose blank /AP hides an /MK box relies on the flag already on: an overlay', async () => {
    const builder = new PdfBuilder(signedTwice());
    builder.object(6, '<< /Annots [ 4 0 R 5 0 R 11 0 R ] /Contents 7 0 R /MediaBox [ 0 0 595 842 ] /Parent 3 0 R /Resources << /Font << /F1 8 0 R >> >> /Type /Page >>');
    builder.object(2, '<< /Fields [ 4 0 R 5 0 R 11 0 R ] /NeedAppearances true /SigFlags 3 >>');
    builder.object(11, `<< /Type /Annot /Subtype /Widget /FT /Sig /T (SigLater) /F 4 /P 6 0 R ${SNEAKY} >>`);
    builder.object(...BLANK);
    builder.xrefTable('/Size 13 /Root 1 0 R');
    const report = await check(builder.bytes());
    expect(verdicts(report)).toEqual(['SigPerson:TOTAL_FAILED/FORMAT_FAILURE', 'SigOrganization:TOTAL_FAILED/FORMAT_FAILURE']);
  });
});
