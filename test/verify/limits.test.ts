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
    expect(under).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
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
    expect(over).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
  });
});
