/**
 * Red team: updates after a pdfsig signature that kyso's diff, comparing objects by number,
 * saw as harmless while other readers show something else (the Shadow and Incremental
 * Saving attacks). The signed bases are samples/pdf/person-signed.pdf and
 * test/fixtures/attacks/pdf/{buttons,hidden-generation}-signed.pdf (samples/make-attacks.sh,
 * pdfsig); the updates are appended here.
 * - An object number given a new generation is another object: references to the signed
 *   one reach nothing (poppler draws a blank page), or one that reached nothing now shows.
 * - An entry of the update that lists an object where it is not makes poppler and qpdf
 *   rebuild the table from every `n g obj` in the file; a trailer without /Root or /Size
 *   makes some readers rebuild it too. What they then show was never compared.
 * - A push button has no value, and a check box shows its value: a new look that no new
 *   value explains is no form filling.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentReport } from '../../src/report/types.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import { verify } from '../../src/verify.js';
import { ascii, PdfBuilder } from '../formats/pdf/builder.js';
import { AT, sample } from '../helpers.js';

const fixture = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/attacks/pdf/${name}`, import.meta.url))));

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

/** The body of the last `num 0 obj … endobj` of a file, between the header and `endobj`. */
function body(bytes: Uint8Array, num: number): string {
  const text = ascii(bytes);
  const starts = [...text.matchAll(new RegExp(`(?<![0-9])${num} 0 obj\\s*`, 'g'))];
  const last = starts[starts.length - 1]!;
  const from = last.index + last[0].length;
  return text.slice(from, text.indexOf('endobj', from)).trimEnd();
}

/** The /Size of the file's last trailer. */
function sizeOf(bytes: Uint8Array): number {
  const text = ascii(bytes);
  return Number(/\/Size\s+(\d+)/.exec(text.slice(text.lastIndexOf('trailer')))![1]);
}

async function verdict(bytes: Uint8Array): Promise<{ report: DocumentReport; line: string; changes: string[] }> {
  const report = await verify(bytes, { trust, at: AT });
  const signature = report.signatures[0]!;
  const changes = (signature.modifications?.changes ?? []).map((change) => `${change.object} ${change.kind}: ${change.description}`);
  return { report, line: `${report.indication}/${report.subIndication ?? ''} ${signature.modifications?.level ?? ''}`, changes };
}

const STREAM_DICT = '/Type /XObject /Subtype /Form /BBox [0 0 500 400] /Resources << /Font << /F1 4 0 R >> >>';
const EVIL_DRAWING = 'BT /F1 28 Tf 0 0 0 rg 10 300 Td (So tien: 999.000.000 VND) Tj ET';

describe('generation numbers', () => {
  it('the signed page content listed again under generation 1, same bytes: references to 5 0 R reach nothing (other)', async () => {
    const signed = sample('pdf/person-signed.pdf');
    const builder = new PdfBuilder(signed);
    builder.object(5, body(signed, 5), 1);
    builder.xrefTable(`/Root 1 0 R /Size ${sizeOf(signed)}`);
    const { line, changes } = await verdict(builder.bytes());
    expect(line).toBe('TOTAL_FAILED/FORMAT_FAILURE other');
    expect(changes).toEqual(['5 1 R other: object number reused with generation 1 (was 0): references to the signed object now reach nothing']);
  });

  it('an object the signed page named under generation 1 (reaching nothing) listed under generation 1 after signing: it shows now (other)', async () => {
    const signed = fixture('hidden-generation-signed.pdf');
    expect((await verdict(signed)).line).toBe('TOTAL_PASSED/ none');
    const builder = new PdfBuilder(signed);
    builder.object(9, body(signed, 9), 1);
    builder.xrefTable(`/Root 1 0 R /Size ${sizeOf(signed)}`);
    const { line, changes } = await verdict(builder.bytes());
    expect(line).toBe('TOTAL_FAILED/FORMAT_FAILURE other');
    expect(changes).toEqual(['9 1 R other: object number reused with generation 1 (was 0): references to the signed object now reach nothing']);
  });
});

describe('updates that make readers rebuild the cross-reference table', () => {
  it('an entry of the update a few bytes off its object, with another object of that number later in the file (other)', async () => {
    const signed = sample('pdf/person-signed.pdf');
    const builder = new PdfBuilder(signed);
    const page = body(signed, 3);
    const listed = builder.object(3, page) + 3;
    builder.pointAt(3, listed);
    builder.stream(41, '', 'BT /F1 14 Tf 72 770 Td (So tien thanh toan: 999.000.000 VND) Tj ET');
    builder.raw(`3 0 obj\n${page.replace('/Contents 5 0 R', '/Contents 41 0 R')}\nendobj\n`);
    builder.xrefTable(`/Root 1 0 R /Size 42`);
    const { report, line, changes } = await verdict(builder.bytes());
    expect(line).toBe('TOTAL_FAILED/FORMAT_FAILURE other');
    expect(changes).toContain(`3 0 R other: cross-reference entry of the update lists 3 0 R at byte ${listed}, where it is not`);
    expect(report.messages.map((m) => m.code)).toContain('PDF_XREF_OFFSET_REPAIRED');
  });

  it.each([
    ['/Root', '/Size 43'],
    ['/Size', '/Root 1 0 R'],
  ])("an update's trailer without %s (other)", async (missing, trailer) => {
    const builder = new PdfBuilder(sample('pdf/person-signed.pdf'));
    builder.object(42, 'null');
    builder.xrefTable(trailer);
    const { line, changes } = await verdict(builder.bytes());
    expect(line).toBe('TOTAL_FAILED/FORMAT_FAILURE other');
    expect(changes).toContain(`trailer other: the update's trailer has no ${missing}`);
  });
});

describe('button appearances', () => {
  const signed = () => fixture('buttons-signed.pdf');

  it('the signed base passes', async () => {
    expect((await verdict(signed())).line).toBe('TOTAL_PASSED/ none');
  });

  it("a push button's appearance stream redrawn (other: a push button has no value to fill)", async () => {
    const builder = new PdfBuilder(signed());
    builder.stream(13, STREAM_DICT, EVIL_DRAWING);
    builder.xrefTable(`/Root 1 0 R /Size ${sizeOf(signed())}`);
    const { line, changes } = await verdict(builder.bytes());
    expect(line).toBe('TOTAL_FAILED/FORMAT_FAILURE other');
    expect(changes).toEqual(['13 0 R other: appearance of field Banner changed while its value stays the same']);
  });

  it("a push button's /AP pointed at a new stream (other)", async () => {
    const base = signed();
    const builder = new PdfBuilder(base);
    builder.object(12, body(base, 12).replace('/AP << /N 13 0 R >>', '/AP << /N 16 0 R >>'));
    builder.stream(16, STREAM_DICT, EVIL_DRAWING);
    builder.xrefTable('/Root 1 0 R /Size 17');
    const { line, changes } = await verdict(builder.bytes());
    expect(line).toBe('TOTAL_FAILED/FORMAT_FAILURE other');
    expect(changes).toContain('12 0 R other: appearance of field Banner replaced while its value stays the same');
  });

  it('a push button given a /V with its new look: still no value to fill (other)', async () => {
    const base = signed();
    const builder = new PdfBuilder(base);
    builder.object(12, body(base, 12).replace('/AP << /N 13 0 R >>', '/V (paid) /AP << /N 16 0 R >>'));
    builder.stream(16, STREAM_DICT, EVIL_DRAWING);
    builder.xrefTable('/Root 1 0 R /Size 17');
    const { line, changes } = await verdict(builder.bytes());
    expect(line).toBe('TOTAL_FAILED/FORMAT_FAILURE other');
    expect(changes).toContain('12 0 R other: appearance of field Banner replaced while its value stays the same');
  });

  it("a check box's Off appearance redrawn while it stays Off (other)", async () => {
    const builder = new PdfBuilder(signed());
    builder.stream(11, '/Type /XObject /Subtype /Form /BBox [0 0 20 20]', '1 0 0 rg 0 0 20 20 re f');
    builder.xrefTable(`/Root 1 0 R /Size ${sizeOf(signed())}`);
    const { line, changes } = await verdict(builder.bytes());
    expect(line).toBe('TOTAL_FAILED/FORMAT_FAILURE other');
    expect(changes).toEqual(['11 0 R other: appearance of field Agree changed while its value stays the same']);
  });

  it('a check box shown checked (/AS) while its value stays Off (other)', async () => {
    const base = signed();
    const builder = new PdfBuilder(base);
    builder.object(9, body(base, 9).replace('/AS /Off', '/AS /Yes'));
    builder.xrefTable(`/Root 1 0 R /Size ${sizeOf(base)}`);
    const { line, changes } = await verdict(builder.bytes());
    expect(line).toBe('TOTAL_FAILED/FORMAT_FAILURE other');
    expect(changes).toEqual(['9 0 R other: appearance state of field Agree replaced while its value stays the same']);
  });

  it('filling the form stays form filling: the check box checked (/V and /AS), the text field given a new value and look', async () => {
    const base = signed();
    const builder = new PdfBuilder(base);
    builder.object(9, body(base, 9).replace('/V /Off /AS /Off', '/V /Yes /AS /Yes'));
    builder.object(14, body(base, 14).replace('(Nguyen Van An)', '(Tran Thi Binh)'));
    builder.stream(15, '/Type /XObject /Subtype /Form /BBox [0 0 228 20] /Resources << /Font << /Helv 4 0 R >> >>', '/Tx BMC BT /Helv 12 Tf 0 g 2 5 Td (Tran Thi Binh) Tj ET EMC');
    builder.xrefTable(`/Root 1 0 R /Size ${sizeOf(base)}`);
    const { line } = await verdict(builder.bytes());
    expect(line).toBe('TOTAL_PASSED/ form-filling');
  });
});
