/** Every bound verify() applies itself: the largest allowed value passes, one less is refused. */
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_EMBEDDED_CERTIFICATES } from '../../src/cms/signed-data.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import { verify } from '../../src/verify.js';
import { AT, sample } from '../helpers.js';

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

describe('limits applied by verify()', () => {
  it('maxCmsBytes: a .p7s of exactly the limit is read, one byte over is refused', async () => {
    const p7s = sample('cms/rsa-sha256.txt.p7s');
    const content = sample('cms/rsa-sha256.txt');
    const exact = await verify(p7s, { trust, at: AT, content, policy: { limits: { maxCmsBytes: p7s.length } } });
    expect(exact.indication).toBe('TOTAL_PASSED');
    const under = await verify(p7s, { trust, at: AT, content, policy: { limits: { maxCmsBytes: p7s.length - 1 } } });
    expect(under).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
    expect(under.messages.map((m) => m.code)).toEqual(['DOC_TOO_LARGE']);
  });

  it('maxAttachmentDepth: an edXML package with its PDF needs depth 1; at 0 the PDF is not opened and the package is not passed', async () => {
    const edxml = sample('edxml/signed.edxml');
    const deep = await verify(edxml, { trust, at: AT, policy: { limits: { maxAttachmentDepth: 1 } } });
    expect(deep.indication).toBe('TOTAL_PASSED');
    expect(deep.attachments?.[0]?.format).toBe('pdf');
    const shallow = await verify(edxml, { trust, at: AT, policy: { limits: { maxAttachmentDepth: 0 } } });
    expect(shallow.indication).toBe('INDETERMINATE');
    expect(shallow.attachments).toBeUndefined();
    expect(shallow.messages.map((m) => m.code)).toContain('DOC_ATTACHMENT_TOO_DEEP');
  });

  it(`a CMS carrying more than ${MAX_EMBEDDED_CERTIFICATES} certificates is refused; ${MAX_EMBEDDED_CERTIFICATES} are read`, async () => {
    const asn1js = await import('asn1js');
    const pkijs = await import('pkijs');
    const good = sample('cms/rsa-sha256.txt.p7s');
    const content = sample('cms/rsa-sha256.txt');
    const contentInfo = new pkijs.ContentInfo({ schema: asn1js.fromBER(good).result });
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    const [leaf, intermediate] = signedData.certificates!;
    const withCertificates = (count: number): Uint8Array => {
      signedData.certificates = [leaf!, ...Array.from({ length: count - 1 }, () => intermediate!)];
      return new Uint8Array(new pkijs.ContentInfo({ contentType: contentInfo.contentType, content: signedData.toSchema(true) }).toSchema().toBER(false));
    };
    const most = await verify(withCertificates(MAX_EMBEDDED_CERTIFICATES), { trust, at: AT, content });
    expect(most.indication).toBe('TOTAL_PASSED');
    const over = await verify(withCertificates(MAX_EMBEDDED_CERTIFICATES + 1), { trust, at: AT, content });
    expect(over).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
    expect(over.messages.map((m) => m.code)).toEqual(['CMS_TOO_MANY_ELEMENTS']);
  });
});

describe('hostile CMS shapes are refused while being read, not after', () => {
  const tlv = (tag: number, ...content: Uint8Array[]): Uint8Array => {
    const body = new Uint8Array(content.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const c of content) {
      body.set(c, offset);
      offset += c.length;
    }
    const length = body.length < 0x80 ? [body.length] : [0x84, body.length >>> 24, (body.length >>> 16) & 255, (body.length >>> 8) & 255, body.length & 255];
    return new Uint8Array([tag, ...length, ...body]);
  };
  const oid = (bytes: number[]) => new Uint8Array([0x06, bytes.length, ...bytes]);
  const SIGNED_DATA = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
  const DATA = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];

  it('a certificate list of 200,000 tiny entries → INDETERMINATE (a bound hit) naming the list', async () => {
    const tiny = new Uint8Array(200_000 * 2).map((_, i) => (i % 2 === 0 ? 0x30 : 0x00));
    const signedData = tlv(0x30, tlv(0x02, bytes(1)), tlv(0x31), tlv(0x30, oid(DATA)), tlv(0xa0, tiny), tlv(0x31));
    const cms = tlv(0x30, oid(SIGNED_DATA), tlv(0xa0, signedData));
    const report = await verify(cms, { trust, at: AT, content: new Uint8Array(1) });
    expect(report).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
    expect(report.messages[0]!.en).toContain('more than 256 elements in certificates');
  });

  function bytes(...values: number[]): Uint8Array {
    return new Uint8Array(values);
  }
});
