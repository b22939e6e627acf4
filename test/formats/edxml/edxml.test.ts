import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { EdxmlPackage } from '../../../src/formats/edxml/index.js';
import type { ParsedDocument } from '../../../src/formats/types.js';
import { parseEdxml } from '../../../src/formats/edxml/index.js';
import { parseXmlDocument } from '../../../src/formats/xml/index.js';
import { parseXmlSafely } from '../../../src/formats/xml/parse.js';
import { parseZip } from '../../../src/formats/zip/index.js';
import { SHARED, detail } from '../../helpers.js';
import { context } from '../xml/helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const SAMPLES = join(SHARED, 'edxml-samples');
const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(join(SAMPLES, name)));
const signed = (name: string): Uint8Array => new Uint8Array(readFileSync(join(here, 'fixtures', name)));
const codes = (messages: readonly { code: string }[]): string[] => messages.map((message) => message.code);

const model = (document: ParsedDocument): EdxmlPackage => detail(document, 'edxml') as EdxmlPackage;

describe('the 13 real edXML samples parse into the typed model', () => {
  const names = readdirSync(SAMPLES).filter((name) => name.endsWith('.edxml'));
  it('there are 13', () => expect(names).toHaveLength(13));
  for (const name of names) {
    it(name, async () => {
      const document = await parseXmlDocument(sample(name), context());
      expect(document.format).toBe('edxml');
      expect(document.readable).toBe(true);
      const pkg = model(document);
      expect(pkg.header.from?.organId).toMatch(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/);
      if (name.startsWith('status_')) {
        expect(pkg.kind).toBe('status');
        expect(pkg.header.statusCode).toBe(/_(\d\d)\.edxml$/.exec(name)![1]);
        expect(document.attachments).toEqual([]);
        expect(document.signatures).toEqual([]);
      } else {
        expect(pkg.kind).toBe('document');
        expect(document.attachments).toHaveLength(1);
        // The placeholder signature is recognised (edXML namespace) but cannot be verified.
        expect(detail(document, 'packageSignature')).toMatchObject({ state: 'unverifiable', signatures: [{ namespace: 'edxml' }] });
      }
    });
  }
});

describe('exact field values', () => {
  it('edoc_new: a new document from Tây Ninh, with the dd/MM/yyyy promulgation date read', async () => {
    const pkg = model(await parseXmlDocument(sample('edoc_new.edxml'), context()));
    expect(pkg.header.from).toEqual({
      organId: '000.00.11.H53',
      organIdWellFormed: true,
      organizationInCharge: 'Tỉnh Tây Ninh',
      organName: 'Sở Tính',
      email: 'stc@tayninh.gov.vn',
    });
    expect(pkg.header.to.map((to) => to.organId)).toEqual(['000.00.01.A53']);
    expect(pkg.header.documentId).toBe('000.00.11.H53,2020/10/30,2491/STC-BCTC');
    expect(pkg.header.code).toEqual({ codeNumber: '2491', codeNotation: 'STC-BCTC' });
    expect(pkg.header.promulgationInfo).toEqual({ place: 'Tây Ninh', promulgationDate: { raw: '30/10/2020', iso: '2020-10-30' } });
    expect(pkg.header.documentType).toEqual({ type: '1', typeDetail: '0', typeName: 'Công văn' });
    expect(pkg.header.subject).toBe('Báo cáo tài chính tỉnh');
    expect(pkg.header.signerInfo).toEqual({});
    expect(pkg.header.steeringType).toBe('1');
    expect(pkg.header.toPlaces).toEqual(['Cac bo va co quan ngang bo', 'Uy ban nhan dan cac tinh, TP']);
    expect(pkg.header.traceHeaders).toEqual([{ organId: '000.00.00.G22', timestamp: '2018/09/28 00:00:00' }]);
    expect(pkg.header.business).toEqual({
      bussinessDocType: '0',
      bussinessDocReason: 'Văn bản điện tử mới',
      documentId: '000.00.00.G22,2014/02/30,7806/VPCP-TTĐT',
      paper: '0',
    });
    expect(pkg.manifest).toEqual([
      { contentId: '209', contentType: 'application/zip', description: '1896_QD-TTg_m_294779.doc', attachmentName: '1896_QD-TTg_m_294779.doc' },
    ]);
  });

  it('status_inbox_01: a status message answering a Government Office document', async () => {
    const pkg = model(await parseXmlDocument(sample('status_inbox_01.edxml'), context()));
    expect(pkg.kind).toBe('status');
    expect(pkg.header.from?.organName).toBe('UBND Tỉnh Nghệ An');
    expect(pkg.header.responseFor).toEqual({
      organId: '000.00.00.G22',
      code: '7816/VPCP-TTĐT',
      promulgationDate: { raw: '2015/09/30', iso: '2015-09-30' },
      documentId: '000.00.00.G22,2015/09/30,7816/VPCP-TTĐT',
    });
    expect(pkg.header.statusCode).toBe('01');
    expect(pkg.header.timestamp).toBe('2015/09/20 11:08:36');
  });

  it('edoc_replacement and edoc_revocation carry their business types', async () => {
    expect(model(await parseXmlDocument(sample('edoc_replacement.edxml'), context())).header.business?.bussinessDocType).toBe('3');
    expect(model(await parseXmlDocument(sample('edoc_revocation.edxml'), context())).header.business?.bussinessDocType).toBe('1');
    expect(model(await parseXmlDocument(sample('edoc_update.edxml'), context())).header.business?.bussinessDocType).toBe('2');
  });
});

describe('attachments', () => {
  it('edoc_new: the base64 attachment labelled .doc is a ZIP, which parseZip opens', async () => {
    const document = await parseXmlDocument(sample('edoc_new.edxml'), context());
    const [attachment] = document.attachments;
    expect(attachment).toMatchObject({ name: '1896_QD-TTg_m_294779.doc', declaredType: 'application/zip' });
    expect(Array.from(attachment!.bytes.subarray(0, 4))).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const zip = await parseZip(attachment!.bytes, context());
    expect(zip.readable).toBe(true);
    expect(zip.attachments.map((entry) => entry.name)).toEqual(['32da2890-1a55-4ccd-9ac9-cd0d98559e67.edxml']);
  });

  it('an attachment that is not base64 comes back empty with an error, not dropped', async () => {
    const text = new TextDecoder().decode(sample('edoc_new.edxml')).replace('UEsDBBQACAgIAEuSPE0', 'UEsDBBQACAgIAEuSPE!');
    const document = await parseXmlDocument(new TextEncoder().encode(text), context());
    expect(document.attachments).toEqual([{ name: '1896_QD-TTg_m_294779.doc', bytes: new Uint8Array(0), declaredType: 'application/zip' }]);
    expect(codes(document.messages)).toContain('EDXML_ATTACHMENT_NOT_BASE64');
  });
});

describe('the package signature is its own layer', () => {
  it('absent', async () => {
    const document = await parseXmlDocument(sample('status_finish_06.edxml'), context());
    expect(detail(document, 'packageSignature')).toEqual({ state: 'absent', signatures: [] });
    expect(codes(document.messages)).toContain('EDXML_PACKAGE_SIGNATURE_ABSENT');
  });

  it('valid (xmlsec1, RSA-SHA1, enveloped): every metric field is covered', async () => {
    const document = await parseXmlDocument(signed('signed.edxml'), context());
    expect(detail(document, 'packageSignature')).toEqual({ state: 'valid', signatures: [{ id: 'sig-1', namespace: 'xmldsig', state: 'valid' }] });
    const [signature] = document.signatures;
    expect(signature!.integrity).toMatchObject({ intact: 'passed', valid: 'passed', signerIdentification: 'found' });
    expect(signature!.details).toMatchObject({ layer: 'edxml-package', packageState: 'valid' });
    expect(detail(document, 'metadata')).toEqual({
      senderOrganId: { value: '000.00.11.H53', insideReferenceOf: ['sig-1'], covered: true, bindingSignatures: [0] },
      promulgationDate: { value: '2020-10-30', insideReferenceOf: ['sig-1'], covered: true, bindingSignatures: [0] },
      documentType: { value: { type: '1', typeDetail: '0', typeName: 'Công văn' }, insideReferenceOf: ['sig-1'], covered: true, bindingSignatures: [0] },
      codeNumber: { value: '2491', insideReferenceOf: ['sig-1'], covered: true, bindingSignatures: [0] },
      codeNotation: { value: 'STC-BCTC', insideReferenceOf: ['sig-1'], covered: true, bindingSignatures: [0] },
      subject: { value: 'Báo cáo tài chính tỉnh', insideReferenceOf: ['sig-1'], covered: true, bindingSignatures: [0] },
    });
    expect(codes(document.messages)).not.toContain('EDXML_METADATA_UNSIGNED');
  });

  it('a changed Subject: the signature value is valid but the content changed (HASH_FAILURE), nothing is covered', async () => {
    const document = await parseXmlDocument(signed('subject-changed.edxml'), context());
    expect(detail(document, 'packageSignature')).toMatchObject({ state: 'content-changed' });
    expect(document.signatures[0]!.integrity).toMatchObject({ intact: 'failed', valid: 'passed' });
    const metadata = detail(document, 'metadata') as Record<string, { covered: boolean; value?: unknown }>;
    expect(metadata['subject']).toEqual({ value: 'Hủy báo cáo tài chính tỉnh', insideReferenceOf: ['sig-1'], covered: false, bindingSignatures: [] });
    expect(Object.values(metadata).every((field) => !field.covered)).toBe(true);
    expect(codes(document.messages)).toContain('EDXML_METADATA_UNSIGNED');
  });

  it('a TraceHeader appended in transit also reads as content changed', async () => {
    const document = await parseXmlDocument(signed('trace-appended.edxml'), context());
    expect(detail(document, 'packageSignature')).toMatchObject({ state: 'content-changed' });
    expect(model(document).header.traceHeaders).toHaveLength(2);
  });

  it('a Signature re-serialised into the edXML namespace: rebuilt as ds:Signature, then it verifies, and the rebuild is reported', async () => {
    const document = await parseXmlDocument(signed('edxml-namespace-signature.edxml'), context());
    const [signature] = document.signatures;
    expect(detail(document, 'packageSignature')).toEqual({
      state: 'valid',
      signatures: [{ id: 'sig-1', namespace: 'xmldsig', state: 'valid' }],
      rebuild: { namespace: 'ds-prefix', whitespace: 'none' },
    });
    expect(signature!.integrity).toMatchObject({ intact: 'passed', valid: 'passed', signerIdentification: 'found' });
    expect(codes(document.messages)).toContain('EDXML_SIGNATURE_REBUILT');
  });

  it('a re-serialised Signature whose value is forged is not rebuilt into a pass', async () => {
    const text = new TextDecoder().decode(signed('edxml-namespace-signature.edxml')).replace(/(<SignatureValue[^>]*>)(.{10})(.)/, (_, open: string, head: string, c: string) => `${open}${head}${c === 'A' ? 'B' : 'A'}`);
    const document = await parseXmlDocument(new TextEncoder().encode(text), context());
    expect(detail(document, 'packageSignature')).toEqual({ state: 'invalid', signatures: [{ id: 'sig-1', namespace: 'edxml', state: 'invalid' }] });
    expect(document.signatures[0]!.integrity).toMatchObject({ intact: 'passed', valid: 'failed' });
    expect(codes(document.messages)).not.toContain('EDXML_SIGNATURE_REBUILT');
  });
});

describe('a package rebuilt after transit draws on its one work budget (red team rt10 X7)', () => {
  it('with room for one verification of the package, the rebuilt signature’s references are unchecked, never passed on a fresh budget', async () => {
    const bytes = signed('edxml-namespace-signature.edxml');
    const measured = parseXmlSafely(bytes, context().limits);
    if (!measured.ok) throw new Error('fixture does not parse');
    const before = measured.xml.budget.canonicalBytes;
    await parseEdxml(measured.xml, context());
    const used = before - measured.xml.budget.canonicalBytes;

    const parsed = parseXmlSafely(bytes, context().limits);
    if (!parsed.ok) throw new Error('fixture does not parse');
    // The first pass (the Signature as found, in the edXML namespace) canonicalises the package once.
    parsed.xml.budget.canonicalBytes = Math.floor(used / 2);
    const document = await parseEdxml(parsed.xml, context());
    expect(document.signatures[0]!.integrity).toMatchObject({ intact: 'unknown', valid: 'passed' });
    expect(codes(document.signatures[0]!.integrity.messages)).toContain('XML_WORK_LIMIT');
  });
});
