/**
 * Red team (seventh session): permissions and overlays that indirect values or a missing
 * appearance stream hid, a certification made after an approval signature, and genuine
 * documents with harmless bytes after their last %%EOF.
 *
 * Signed inputs are in test/fixtures/attacks/pdf (samples/make-attacks-pdf.py: openssl cms,
 * pdfsig and openssl ts over the committed samples). Unsigned updates are appended here to
 * samples/pdf/person-signed.pdf (a pdfsig signature).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentReport } from '../../src/report/types.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import { verify } from '../../src/verify.js';
import { PdfBuilder } from '../formats/pdf/builder.js';
import { AT, detail, sample } from '../helpers.js';

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/attacks/pdf/${name}`, import.meta.url))));
}

async function check(bytes: Uint8Array): Promise<DocumentReport> {
  return verify(bytes, { trust, at: AT });
}

function verdicts(report: DocumentReport): string[] {
  return report.signatures.map((s) => `${s.id}:${s.indication}${s.subIndication ? `/${s.subIndication}` : ''}`);
}

function codes(report: DocumentReport): string[] {
  return [...report.messages, ...report.signatures.flatMap((s) => s.messages)].map((m) => m.code);
}

/**
 * person-signed.pdf plus an update that adds an empty signature field on page 1 (object 11,
 * a widget merged with its field) with the dictionary entries `entries`, and `objects` besides.
 */
function withEmptySignatureField(entries: string, objects: readonly (readonly [number, string])[] = []): Uint8Array {
  const builder = new PdfBuilder(sample('pdf/person-signed.pdf'));
  builder.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R /Annots [7 0 R 8 0 R 11 0 R] >>');
  builder.object(6, '<< /Fields [7 0 R 8 0 R 11 0 R] /SigFlags 3 >>');
  builder.object(11, `<< /Type /Annot /Subtype /Widget /FT /Sig /T (SigLater) /F 4 /P 3 0 R ${entries} >>`);
  for (const [num, body] of objects) builder.object(num, body);
  builder.xrefTable(`/Size ${Math.max(12, ...objects.map(([num]) => num + 1))} /Root 1 0 R`);
  return builder.bytes();
}

describe('a new empty signature field that viewers draw (Sneaky Signature)', () => {
  const drawing = 'BT /F1 12 Tf 0 0 Td (Cong van so 999/UBND-VP DA SUA) Tj ET';
  const overlay = [12, `<< /Length ${drawing.length} /Subtype /Form /BBox [0 0 300 30] >>\nstream\n${drawing}\nendstream`] as const;

  it('a /Rect of indirect numbers with a drawing /AP is an overlay no signature covers', async () => {
    const bytes = withEmptySignatureField('/Rect [13 0 R 14 0 R 15 0 R 16 0 R] /AP << /N 12 0 R >>', [overlay, [13, '72'], [14, '760'], [15, '372'], [16, '790']]);
    const report = await check(bytes);
    expect(verdicts(report)).toEqual(['SigPerson:TOTAL_FAILED/FORMAT_FAILURE']);
  });

  it('the same with a direct /Rect fails the same way (the control)', async () => {
    const report = await check(withEmptySignatureField('/Rect [72 760 372 790] /AP << /N 12 0 R >>', [overlay]));
    expect(verdicts(report)).toEqual(['SigPerson:TOTAL_FAILED/FORMAT_FAILURE']);
  });

  it('a /Rect item that resolves to nothing counts as an area', async () => {
    const report = await check(withEmptySignatureField('/Rect [72 760 99 0 R 790] /AP << /N 12 0 R >>', [overlay]));
    expect(verdicts(report)).toEqual(['SigPerson:TOTAL_FAILED/FORMAT_FAILURE']);
  });

  it('no /AP but an /MK background, white or black, is a box viewers draw', async () => {
    for (const colour of ['[1 1 1]', '[0 0 0]', '[0]']) {
      const report = await check(withEmptySignatureField(`/Rect [40 740 560 800] /MK << /BG ${colour} >>`));
      expect(verdicts(report), colour).toEqual(['SigPerson:TOTAL_FAILED/FORMAT_FAILURE']);
    }
  });

  it('no /AP but an /MK border colour, a caption, or an /MK that cannot be read is drawn too', async () => {
    for (const mk of ['<< /BC [1 0 0] >>', '<< /CA (X) >>', '<< /BG 12 0 R >>', '99 0 R']) {
      const report = await check(withEmptySignatureField(`/Rect [40 740 560 800] /MK ${mk}`, [[12, '[1 1 1]']]));
      expect(verdicts(report), mk).toEqual(['SigPerson:TOTAL_FAILED/FORMAT_FAILURE']);
    }
  });

  it('an /AP whose normal appearance is missing, dangling or another state than /AS leaves the /MK box', async () => {
    const blank = [12, '<< /Length 0 /Subtype /Form /BBox [0 0 1 1] >>\nstream\n\nendstream'] as const;
    for (const ap of ['/AP << /D 12 0 R >>', '/AP << /N 99 0 R >>', '/AP << /N << /On 12 0 R >> >> /AS /Off', '/AP << /N << /On 12 0 R >> >>']) {
      const report = await check(withEmptySignatureField(`/Rect [40 740 560 800] ${ap} /MK << /BG [1 1 1] >>`, [blank]));
      expect(verdicts(report), ap).toEqual(['SigPerson:TOTAL_FAILED/FORMAT_FAILURE']);
    }
    // A blank normal appearance is what viewers show: the /MK is not drawn.
    for (const ap of ['/AP << /N 12 0 R >>', '/AP << /N << /On 12 0 R >> >> /AS /On']) {
      const report = await check(withEmptySignatureField(`/Rect [40 740 560 800] ${ap} /MK << /BG [1 1 1] >>`, [blank]));
      expect(verdicts(report), ap).toEqual(['SigPerson:TOTAL_PASSED']);
    }
  });

  it('an /MK with transparent colours and no caption, or a field without area, shows nothing: still allowed', async () => {
    for (const entries of ['/Rect [40 740 560 800] /MK << /BG [] /BC [] >>', '/Rect [40 740 560 800] /MK << >>', '/Rect [0 0 0 0] /MK << /BG [1 1 1] >>']) {
      const report = await check(withEmptySignatureField(entries));
      expect(verdicts(report), entries).toEqual(['SigPerson:TOTAL_PASSED']);
    }
  });

  it('a signature widget\'s indirect /Rect numbers are reported as its rectangle', async () => {
    const builder = new PdfBuilder(sample('pdf/person-signed.pdf'));
    builder.object(8, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (SigOrganization) /Rect [12 0 R 13 0 R 14 0 R 15 0 R] /F 132 /P 3 0 R /V 11 0 R >>');
    builder.signature(11);
    for (const [num, value] of [[12, 72], [13, 760], [14, 372], [15, 790]] as const) builder.object(num, String(value));
    builder.xrefTable('/Size 16 /Root 1 0 R');
    const report = await check(builder.bytes());
    expect(detail(report.signatures[1]!, 'rect')).toEqual([72, 760, 372, 790]);
  });

  it('a document timestamp under P=1 whose widget has only /MK /BG white breaks the certification', async () => {
    const report = await check(fixture('cert-p1-doctimestamp-mk-widget.pdf'));
    expect(verdicts(report)).toEqual(['SigPerson:TOTAL_FAILED/FORMAT_FAILURE', 'DocTimeStamp1:TOTAL_PASSED']);
    const person = report.signatures[0]!;
    expect(person.modifications?.changes.some((c) => c.description.includes('document timestamp widget with a visible appearance'))).toBe(true);
  });
});

describe('DocMDP and FieldMDP values that are indirect objects', () => {
  it('a P=1 certification whose /P is indirect forbids a later signature', async () => {
    const report = await check(fixture('cert-p1-indirect-p-then-signed.pdf'));
    expect(verdicts(report)).toEqual(['SigPerson:TOTAL_FAILED/FORMAT_FAILURE', 'SigOrganization:TOTAL_PASSED']);
    expect(detail(report.signatures[0]!, 'certificationLevel')).toBe(1);
    expect(codes(report)).toContain('PDF_DOCMDP_VIOLATION');
  });

  it('a FieldMDP lock whose /Action is indirect locks its field', async () => {
    const report = await check(fixture('fieldmdp-indirect-locked-field-filled.pdf'));
    expect(verdicts(report)).toEqual(['SigPerson:TOTAL_FAILED/FORMAT_FAILURE']);
    expect(codes(report)).toContain('PDF_FIELD_LOCKED');
  });

  it('a FieldMDP lock whose /TransformMethod, /Fields and field name are indirect locks its field', async () => {
    const report = await check(fixture('fieldmdp-indirect-method-locked-field-filled.pdf'));
    expect(verdicts(report)).toEqual(['SigPerson:TOTAL_FAILED/FORMAT_FAILURE']);
    expect(detail(report.signatures[0]!, 'fieldLocks')).toEqual([{ action: 'Include', fields: ['Name'] }]);
    expect(codes(report)).toContain('PDF_FIELD_LOCKED');
  });
});

describe('a certification signature made after an approval signature', () => {
  it('is no certification: no certificationLevel, a warning, the approval stays valid', async () => {
    const report = await check(fixture('cert-after-approval.pdf'));
    expect(verdicts(report)).toEqual(['SigPerson:TOTAL_PASSED', 'SigOrganization:TOTAL_PASSED']);
    expect(report.signatures.map((s) => detail(s, 'certificationLevel'))).toEqual([null, null]);
    expect(report.signatures[1]!.messages.map((m) => m.code)).toContain('PDF_CERTIFICATION_NOT_FIRST');
  });

  it('a certification that is the first signature keeps its level (the control)', async () => {
    const report = await check(sample('pdf/certified-p2-then-signed.pdf'));
    expect(report.signatures.map((s) => detail(s, 'certificationLevel'))).toEqual([2, null]);
    expect(codes(report)).not.toContain('PDF_CERTIFICATION_NOT_FIRST');
  });
});

describe('bytes after the last %%EOF', () => {
  const signed = sample('pdf/person-signed.pdf');
  const withTail = (tail: string | Uint8Array): Uint8Array => {
    const bytes = typeof tail === 'string' ? new TextEncoder().encode(tail) : tail;
    const out = new Uint8Array(signed.length + bytes.length);
    out.set(signed);
    out.set(bytes, signed.length);
    return out;
  };
  const nul = (count: number): Uint8Array => new Uint8Array(count);

  it('white space of any length, a repeated %%EOF or a comment cannot change the document: it passes', async () => {
    for (const [name, tail] of [
      ['5000 NUL', nul(5000)],
      ['3 MiB of NUL (several read chunks)', nul(3 << 20)],
      ['%%EOF', '%%EOF\r\n'],
      ['comment', '% saved by DMS\n'],
    ] as const) {
      const report = await check(withTail(tail));
      expect(`${name}: ${report.indication}`).toBe(`${name}: TOTAL_PASSED`);
      expect(report.signatures[0]!.coverage?.level).toBe('entire-revision');
    }
    expect(codes(await check(withTail('%%EOF\r\n')))).toContain('PDF_TRAILING_COMMENTS');
  });

  it('a comment naming structure, text outside a comment, or either far into a long tail fails', async () => {
    const far = new Uint8Array((1 << 20) + 10);
    far.set(new TextEncoder().encode('% stream'), (1 << 20) - 4);
    const late = nul(2 << 20);
    late[late.length - 1] = 0x78;
    for (const [name, tail] of [
      ['startxref in a comment', '% startxref 9814\n'],
      ['trailer in a comment', '%%EOF\n% trailer\n'],
      ['obj in a comment', '% 12 0 obj\n'],
      ['text', 'saved by DMS\n'],
      ['a comment word split by a read chunk', far],
      ['text after 2 MiB of NUL', late],
    ] as const) {
      const report = await check(withTail(tail));
      expect(`${name}: ${report.indication}/${report.subIndication}`).toBe(`${name}: TOTAL_FAILED/FORMAT_FAILURE`);
      expect(codes(report)).toContain('PDF_TRAILING_BYTES');
    }
  });
});
