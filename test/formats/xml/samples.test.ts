/**
 * The XML and edXML samples another engineer made with xmlsec1 (samples/make.sh,
 * samples/README.md): kyso's integrity verdicts must agree with xmlsec1's, except
 * where kyso is deliberately stricter (listed below with the reason).
 */
import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../../src/formats/types.js';
import { parseXmlDocument } from '../../../src/formats/xml/index.js';
import { detail, sample } from '../../helpers.js';
import { context } from './helpers.js';

const parse = (path: string): Promise<ParsedDocument> => parseXmlDocument(sample(path), context());
const codes = (messages: readonly { code: string }[]): string[] => messages.map((message) => message.code);

describe('samples/xml', () => {
  const accepted: [string, 'xmldsig' | 'xades'][] = [
    ['xml/enveloped-rsa-sha256-exc-c14n.xml', 'xmldsig'],
    ['xml/enveloped-rsa-sha1-c14n.xml', 'xmldsig'],
    ['xml/ecdsa-p256.xml', 'xmldsig'],
    ['xml/organization.xml', 'xmldsig'],
    ['xml/reference-by-id.xml', 'xmldsig'],
    ['xml/untrusted-keyinfo.xml', 'xmldsig'],
    ['xml/xades-baseline-b.xml', 'xades'],
  ];
  for (const [path, format] of accepted) {
    it(`${path}: xmlsec1 accepts it, so does kyso`, async () => {
      const document = await parse(path);
      expect(document.signatures).toHaveLength(1);
      const [signature] = document.signatures;
      expect(signature!.format).toBe(format);
      expect(signature!.formatFailure).toBe(false);
      expect(signature!.integrity).toMatchObject({ intact: 'passed', valid: 'passed', signerIdentification: 'found' });
    });
  }

  it('xml/reference-by-id.xml covers only the VanBan element, not the HoSo around it', async () => {
    const [signature] = (await parse('xml/reference-by-id.xml')).signatures;
    expect(signature!.coverage).toEqual({
      level: 'elements',
      references: [{ uri: '#vb-208', target: 'VanBan#vb-208', digestAlgorithm: 'SHA-256', intact: 'passed' }],
    });
  });

  it('xml/xades-baseline-b.xml: SigningTime claimed, SigningCertificateV2 binds the signer', async () => {
    const [signature] = (await parse('xml/xades-baseline-b.xml')).signatures;
    expect(signature!.integrity).toMatchObject({
      certificateBinding: 'signing-certificate-v2',
      claimedSigningTime: new Date('2025-03-01T09:00:00Z'),
    });
  });

  it('xml/tampered-content.xml: HASH_FAILURE', async () => {
    const [signature] = (await parse('xml/tampered-content.xml')).signatures;
    expect(signature!.integrity).toMatchObject({ intact: 'failed', valid: 'passed' });
  });

  it('xml/wrapping-attack.xml: refused (duplicate Id), the forged copy never reported as signed', async () => {
    const [signature] = (await parse('xml/wrapping-attack.xml')).signatures;
    expect(signature!.formatFailure).toBe(true);
    expect(signature!.integrity.intact).toBe('failed');
    expect(codes(signature!.integrity.messages)).toContain('XML_DUPLICATE_ID');
    expect(signature!.coverage?.references?.map((reference) => reference.target)).toEqual(['ambiguous']);
  });

  it('xml/comment-in-digestvalue.xml: kyso is stricter than xmlsec1 and refuses a comment inside DigestValue', async () => {
    // samples/README.md expects TOTAL_PASSED (the canonical SignedInfo is unchanged). kyso's
    // rule: a value element holds text only, so no reader can see a different digest than
    // the one signed (xml-crypto CVE-2025-29775).
    const [signature] = (await parse('xml/comment-in-digestvalue.xml')).signatures;
    expect(signature!.formatFailure).toBe(true);
    expect(codes(signature!.integrity.messages)).toContain('XML_VALUE_NOT_BASE64');
  });
});

describe('samples/edxml: the package signature layer', () => {
  const states: [string, string][] = [
    ['edxml/signed.edxml', 'valid'],
    ['edxml/signed-rsa-sha1.edxml', 'valid'],
    ['edxml/unsigned.edxml', 'absent'],
    ['edxml/tampered-subject.edxml', 'content-changed'],
    ['edxml/trace-header-appended.edxml', 'content-changed'],
    ['edxml/untrusted-keyinfo.edxml', 'valid'],
    ['edxml/attachment-tampered.edxml', 'valid'],
  ];
  for (const [path, state] of states) {
    it(`${path}: ${state}`, async () => {
      const document = await parse(path);
      expect(document.format).toBe('edxml');
      expect(document.readable).toBe(true);
      expect((detail(document, 'packageSignature') as { state: string }).state).toBe(state);
      expect(document.attachments.length).toBeGreaterThan(0);
    });
  }

  it('edxml/tampered-subject.edxml: the changed Subject is not reported as signed', async () => {
    const document = await parse('edxml/tampered-subject.edxml');
    const metadata = detail(document, 'metadata') as Record<string, { value?: unknown; covered: boolean }>;
    expect(metadata['subject']).toMatchObject({ value: 'V/v phê duyệt dự án ABC', covered: false });
  });
});
