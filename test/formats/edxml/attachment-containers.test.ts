/**
 * Every Attachment in every AttachmentEncoded is handed back. The attacks are built
 * from samples/edxml/signed.edxml (signed by xmlsec1, one attachment: the PDF
 * samples/pdf/person-then-organization.pdf) and samples/pdf/tampered.pdf: a second
 * container carrying the tampered PDF, at the root or inside the envelope, which a
 * reader that searches by element name shows, and which must not go unverified.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../../src/formats/types.js';
import { parseXmlDocument } from '../../../src/formats/xml/index.js';
import { TrustStore } from '../../../src/pki/trust-store.js';
import { verify } from '../../../src/verify.js';
import { AT, sample } from '../../helpers.js';
import { context } from '../xml/helpers.js';

const signedPackage = new TextDecoder().decode(sample('edxml/signed.edxml'));
const tampered = sample('pdf/tampered.pdf');
const codes = (document: ParsedDocument): string[] => document.messages.map((message) => message.code);

function container(name: string, cid: number): string {
  const encoded = Buffer.from(tampered).toString('base64');
  return (
    `<AttachmentEncoded><Attachment><ContentId>cid:${cid}</ContentId><AttachmentName>${name}</AttachmentName>` +
    `<ContentType>application/pdf</ContentType><edXML:ContentTransferEncoded xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">${encoded}` +
    `</edXML:ContentTransferEncoded></Attachment></AttachmentEncoded>`
  );
}

function edit(from: string, to: string): Uint8Array {
  const edited = signedPackage.replace(from, to);
  expect(edited).not.toBe(signedPackage);
  return new TextEncoder().encode(edited);
}

const secondAtRoot = (): Uint8Array => edit('</edXML>', `${container('QD-giam-doc.pdf', 2)}</edXML>`);
const secondInEnvelope = (): Uint8Array => edit('</edXML:edXMLEnvelope>', `${container('QD.pdf', 2)}</edXML:edXMLEnvelope>`);

describe('edXML: every AttachmentEncoded counts', () => {
  it('control: the sample has one container and one attachment', async () => {
    const document = await parseXmlDocument(sample('edxml/signed.edxml'), context());
    expect(document.attachments.map((attachment) => attachment.name)).toEqual(['123-UBND-VP.pdf']);
    expect(codes(document)).not.toContain('EDXML_SEVERAL_ATTACHMENT_CONTAINERS');
  });

  for (const [where, build, name] of [
    ['a second AttachmentEncoded under the root', secondAtRoot, 'QD-giam-doc.pdf'],
    ['an AttachmentEncoded inside the envelope besides the root one', secondInEnvelope, 'QD.pdf'],
  ] as const) {
    it(`${where}: its attachment is decoded and handed back, with a warning`, async () => {
      const document = await parseXmlDocument(build(), context());
      expect(document.readable).toBe(true);
      expect(document.attachments.map((attachment) => attachment.name).sort()).toEqual(['123-UBND-VP.pdf', name].sort());
      const smuggled = document.attachments.find((attachment) => attachment.name === name)!;
      expect(Buffer.from(smuggled.bytes).equals(Buffer.from(tampered))).toBe(true);
      expect(codes(document)).toContain('EDXML_SEVERAL_ATTACHMENT_CONTAINERS');
    });
  }

  describe('end to end: the smuggled PDF is verified and fails', () => {
    let trust: TrustStore;
    beforeAll(() => {
      trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
    });
    for (const [where, build] of [
      ['root', secondAtRoot],
      ['envelope', secondInEnvelope],
    ] as const) {
      it(`second container in the ${where}: two attachments reported, the tampered one TOTAL_FAILED, the package not TOTAL_PASSED`, async () => {
        const report = await verify(build(), { trust, at: AT });
        expect(report.attachments).toHaveLength(2);
        expect(report.attachments!.map((attachment) => attachment.indication).sort()).toEqual(['TOTAL_FAILED', 'TOTAL_PASSED']);
        expect(report.indication).not.toBe('TOTAL_PASSED');
      });
    }
  });
});
