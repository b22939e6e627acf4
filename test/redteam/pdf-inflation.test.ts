/**
 * Inflation work in one PDF is bounded, streams decoded again included
 * (samples/make-attacks-pdf-inflation.py writes the fixture): object-streams-in-turn.pdf lists
 * its 102 form fields in turn across 17 object streams of 256 KiB each, more than the reader
 * keeps decoded, so each field read decodes a stream again. Unbounded, a 285 KB file built the
 * same way with 15 MiB streams cost 67 s of CPU.
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
