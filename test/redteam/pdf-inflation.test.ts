/**
 * Work in one PDF is bounded, whatever the file repeats (samples/make-attacks-pdf-inflation.py
 * and make-attacks-pdf-fields.py write the fixtures). Inflation, streams decoded again
 * included: object-streams-in-turn.pdf lists its 102 form fields in turn across 17 object
 * streams of 256 KiB each, more than the reader keeps decoded, so each field read decodes a
 * stream again. Unbounded, a 285 KB file built the same way with 15 MiB streams cost 67 s of CPU.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verify } from '../../src/verify.js';
import { AT, REPO } from '../helpers.js';

const inTurn = new Uint8Array(readFileSync(`${REPO}test/fixtures/attacks/pdf/object-streams-in-turn.pdf`));
const codes = (report: { readonly messages: readonly { code: string }[] }): string[] => report.messages.map((message) => message.code);
const MiB = 1024 * 1024;

describe('decoding the same streams again and again is bounded', () => {
  it('within the default bounds the form is read in full: unsigned, no bound hit', async () => {
    const report = await verify(inTurn, { at: AT });
    expect(report.indication).toBe('NO_SIGNATURE');
    expect(codes(report)).toEqual(['DOC_NO_SIGNATURE']);
  });

  it('past twice maxInflatedBytes of work the streams are not decoded again, and the document is INDETERMINATE, not unsigned', async () => {
    // 17 × 256 KiB decoded once (4.25 MiB) is within 8 MiB; 102 reads of a stream would cost 25.5 MiB of work.
    // 64 decodes fill 16 MiB: the 65th, of the 13th stream in turn (15 0 R), is refused.
    const report = await verify(inTurn, { at: AT, policy: { limits: { maxInflatedBytes: 8 * MiB } } });
    expect(report).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
    expect(codes(report)).toContain('PDF_INFLATE_WORK_LIMIT');
    expect(report.messages.find((message) => message.code === 'PDF_INFLATE_WORK_LIMIT')).toMatchObject({
      vi: `Các luồng nén của tài liệu bị giải nén đi giải nén lại, vượt quá ${16 * MiB} byte tổng cộng; luồng 15 0 R không được đọc lại (nghi ngờ tấn công từ chối dịch vụ).`,
      en: `The compressed streams of the document were inflated again and again, beyond ${16 * MiB} bytes in all; stream 15 0 R is not read again (suspected denial of service).`,
    });
  });
});

describe('a field tree is walked within the object limit, copies of a field included', () => {
  // fields-listed-3000-times.pdf: /Fields lists one empty signature field 3,000 times. A red-team
  // file listing it 16 million times (140 KB in an object stream) ran node out of memory: one
  // message per copy, and the walk's bound counted distinct fields only.
  const listed = new Uint8Array(readFileSync(`${REPO}test/fixtures/attacks/pdf/fields-listed-3000-times.pdf`));

  it('within the bounds: unsigned, the copies said once', async () => {
    const report = await verify(listed, { at: AT });
    expect(report.indication).toBe('NO_SIGNATURE');
    expect(codes(report)).toEqual(['PDF_FIELD_TREE_INVALID', 'DOC_NO_SIGNATURE']);
    expect(report.details).toMatchObject({ emptySignatureFields: ['Ky'] });
  });

  it('past the object limit the walk stops, and the document is INDETERMINATE: a signature field may lie in what was not read', async () => {
    const report = await verify(listed, { at: AT, policy: { limits: { maxPdfObjects: 1000 } } });
    expect(report).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
    expect(report.messages.find((message) => message.code === 'PDF_FIELD_TREE_TOO_LARGE')).toMatchObject({
      vi: 'Cây trường biểu mẫu (AcroForm) của phiên bản 1 có hơn 1000 mục; không đọc tiếp, một trường chữ ký có thể nằm ở phần chưa đọc.',
      en: 'The form field tree (AcroForm) of revision 1 has more than 1000 entries; reading stopped, and a signature field may lie in the part not read.',
    });
  });
});

describe('an array or dictionary holds at most 1,048,576 items', () => {
  // fields-listed-1100000-times.pdf (10 KB): /Fields lists the field 1,100,000 times, in an object
  // stream qpdf wrote. A red-team file of 16 million (140 KB) parsed to a gigabyte.
  it('past it the object is not read, and the document is INDETERMINATE', async () => {
    const report = await verify(new Uint8Array(readFileSync(`${REPO}test/fixtures/attacks/pdf/fields-listed-1100000-times.pdf`)), { at: AT });
    expect(report).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
    const refusal = report.messages.find((message) => message.code === 'PDF_CONTAINER_TOO_LARGE');
    expect(refusal?.en).toMatch(/^Object \d+ 0 R holds an array or dictionary of more than 1048576 items; not read\.$/);
    expect(refusal?.vi).toMatch(/^Đối tượng \d+ 0 R chứa một mảng hoặc từ điển có hơn 1048576 phần tử; không đọc\.$/);
  });
});
