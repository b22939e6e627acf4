/**
 * An edXML Attachment carries exactly one payload. The attacks (red team rt13) are byte edits of
 * samples/edxml/signed.edxml made by samples/make-attacks-edxml.py into test/fixtures/attacks/edxml/:
 * beside the signed PDF's ContentTransferEncoded, the unsigned samples/pdf/unsigned-fields.pdf as a
 * second ContentTransferEncoded, as the Attachment's own text, or as a ContentTransferEncoded in a
 * foreign namespace. A reader keeping the first value saw the signed PDF, one keeping the last (or
 * the text) the unsigned one: kyso passed the package. Two readings of one package are refused as
 * malformed, as a ZIP with two entries of one name is.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, REPO, sample } from '../helpers.js';

const fixture = (name: string) => new Uint8Array(readFileSync(`${REPO}test/fixtures/attacks/edxml/${name}`));
const codes = (report: DocumentReport): string[] => report.messages.map((message) => message.code);
const verdict = (report: { indication: string; subIndication?: string }): string =>
  report.subIndication ? `${report.indication}/${report.subIndication}` : report.indication;

const signedText = new TextDecoder().decode(sample('edxml/signed.edxml'));
const unsignedPdf = Buffer.from(sample('pdf/unsigned-fields.pdf')).toString('base64');
const CTE_OPEN = '<edXML:ContentTransferEncoded xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">';
const CTE_CLOSE = '</edXML:ContentTransferEncoded>';

function edited(from: string, to: string): Uint8Array {
  expect(signedText.split(from)).toHaveLength(2);
  return new TextEncoder().encode(signedText.replace(from, to));
}

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});
const check = (bytes: Uint8Array): Promise<DocumentReport> => verify(bytes, { trust, at: AT });

async function expectAmbiguous(bytes: Uint8Array): Promise<void> {
  const report = await check(bytes);
  expect(verdict(report)).toBe('TOTAL_FAILED/FORMAT_FAILURE');
  expect(codes(report)).toEqual(['EDXML_ATTACHMENT_AMBIGUOUS']);
  expect(report.messages[0]!.params).toEqual({ names: '"123-UBND-VP.pdf"' });
  expect(report.attachments).toBeUndefined();
}

describe('edXML: an Attachment with more than one payload is refused as malformed', () => {
  it('control: the signed sample passes, its one attachment verified', async () => {
    const report = await check(sample('edxml/signed.edxml'));
    expect(verdict(report)).toBe('TOTAL_PASSED');
    expect(report.attachments!.map((a) => [a.name, verdict(a)])).toEqual([['123-UBND-VP.pdf', 'TOTAL_PASSED']]);
  });

  it.each([
    ['attachment-two-payloads.edxml', 'a second ContentTransferEncoded holding the unsigned PDF'],
    ['attachment-text-beside-payload.edxml', 'the unsigned PDF as the Attachment’s own text beside the signed payload'],
    ['attachment-foreign-payload.edxml', 'a ContentTransferEncoded in a foreign namespace holding the unsigned PDF'],
  ])('%s (%s): TOTAL_FAILED/FORMAT_FAILURE, EDXML_ATTACHMENT_AMBIGUOUS', async (name) => {
    await expectAmbiguous(fixture(name));
  });

  it('the payloads in the other order (unsigned first) are refused the same way', async () => {
    await expectAmbiguous(edited(CTE_OPEN, `${CTE_OPEN}${unsignedPdf}${CTE_CLOSE}${CTE_OPEN}`));
  });

  it('an element or a comment inside the payload (readers keeping the first text node see half of it)', async () => {
    const [before] = signedText.split(CTE_OPEN)[1]!.split(CTE_CLOSE);
    const half = Math.floor(before!.length / 8) * 4;
    const inner = (cut: string) => edited(before!, before!.slice(0, half) + cut + before!.slice(half));
    await expectAmbiguous(inner('<x:y xmlns:x="urn:x"/>'));
    await expectAmbiguous(inner('<!-- -->'));
  });

  it('the Attachment’s own text alone, without ContentTransferEncoded, is one payload: still read and verified', async () => {
    const report = await check(unwrapped());
    expect(codes(report)).not.toContain('EDXML_ATTACHMENT_AMBIGUOUS');
    expect(report.attachments!.map((a) => [a.name, verdict(a)])).toEqual([['123-UBND-VP.pdf', 'TOTAL_PASSED']]);
  });

  it('own text split by an element is two runs: refused', async () => {
    const text = new TextDecoder().decode(unwrapped());
    const [head, rest] = text.split('<ContentType>application/pdf</ContentType>');
    const moved = `${head}<ContentType>application/pdf</ContentType>${rest!.replace('</Attachment>', `<Description>x</Description>${unsignedPdf}</Attachment>`)}`;
    await expectAmbiguous(new TextEncoder().encode(moved));
  });
});

/** The signed sample with its ContentTransferEncoded tags dropped: the base64 is the Attachment's own text. */
function unwrapped(): Uint8Array {
  const text = signedText.replace(CTE_OPEN, '').replace(CTE_CLOSE, '');
  expect(text.length).toBe(signedText.length - CTE_OPEN.length - CTE_CLOSE.length);
  return new TextEncoder().encode(text);
}
