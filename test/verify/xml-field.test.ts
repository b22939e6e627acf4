/**
 * XML signatures as made in the field (samples/xml/field, samples/edxml/transit, made by
 * xmlsec1 and xmllint): what kyso checks passes or fails on the facts, and what it
 * cannot check is INDETERMINATE with the reason, one case per unsupported feature.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EdxmlDocumentDetails, XmlSignatureDetails } from '../../src/report/details.js';
import { verifyFile } from '../../src/node.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import type { VerifyOptions } from '../../src/options.js';
import { verify } from '../../src/verify.js';
import { AT, sample, SAMPLES } from '../helpers.js';

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

async function check(path: string, options: Partial<VerifyOptions> = {}): Promise<DocumentReport> {
  return verify(sample(path), { trust, at: AT, ...options });
}

function verdicts(report: DocumentReport): string[] {
  return report.signatures.map((s) => (s.subIndication ? `${s.indication}/${s.subIndication}` : s.indication));
}

const codes = (report: DocumentReport): string[] => [...report.messages, ...report.signatures.flatMap((s) => s.messages)].map((m) => m.code);

describe('what kyso checks', () => {
  it('XPath Filter 2.0 (subtract the Signature) → TOTAL_PASSED; content edited after signing → HASH_FAILURE', async () => {
    expect(verdicts(await check('xml/field/xpath-filter2.xml'))).toEqual(['TOTAL_PASSED']);
    expect(verdicts(await check('xml/field/xpath-filter2-tampered.xml'))).toEqual(['TOTAL_FAILED/HASH_FAILURE']);
  });

  it('a Manifest: each of its references is checked and reported', async () => {
    const report = await check('xml/field/manifest.xml');
    expect(verdicts(report)).toEqual(['TOTAL_PASSED']);
    const details = report.signatures[0]!.details as XmlSignatureDetails;
    expect(details.manifests).toEqual([
      {
        uri: '#manifest-1',
        references: [
          expect.objectContaining({ uri: '#phan-1', target: 'Phan#phan-1', intact: 'passed' }),
          expect.objectContaining({ uri: '#phan-2', target: 'Phan#phan-2', intact: 'passed' }),
        ],
      },
    ]);
  });

  it('a tampered Manifest target fails, though SignedInfo’s own reference (the Manifest) is intact', async () => {
    const report = await check('xml/field/manifest-target-tampered.xml');
    expect(verdicts(report)).toEqual(['TOTAL_FAILED/HASH_FAILURE']);
    const details = report.signatures[0]!.details as XmlSignatureDetails;
    expect(details.references.map((r) => r.intact)).toEqual(['passed']);
    expect(details.manifests?.[0]?.references.map((r) => r.intact)).toEqual(['failed', 'passed']);
  });

  it('300 references → TOTAL_PASSED', async () => {
    const report = await check('xml/field/many-references.xml');
    expect(verdicts(report)).toEqual(['TOTAL_PASSED']);
    expect(report.signatures[0]!.coverage?.references).toHaveLength(300);
  });

  it('two elements sharing an Id that no reference uses do not matter', async () => {
    expect(verdicts(await check('xml/field/duplicate-unused-id.xml'))).toEqual(['TOTAL_PASSED']);
  });

  it('an ISO-8859-1 document → TOTAL_PASSED', async () => {
    expect(verdicts(await check('xml/field/iso-8859-1.xml'))).toEqual(['TOTAL_PASSED']);
  });
});

describe('a detached XML signature and its content', () => {
  const content = () => new Uint8Array(readFileSync(`${SAMPLES}xml/field/cong-van-303.xml`));

  it('without the content → INDETERMINATE/SIGNED_DATA_NOT_FOUND, nothing fetched', async () => {
    const report = await check('xml/field/detached.xml');
    expect(verdicts(report)).toEqual(['INDETERMINATE/SIGNED_DATA_NOT_FOUND']);
    expect(report.signatures[0]!.valid).toBe('passed');
  });

  it('with the content by URI (a map, or a plain object) → TOTAL_PASSED', async () => {
    expect(verdicts(await check('xml/field/detached.xml', { content: new Map([['cong-van-303.xml', content()]]) }))).toEqual(['TOTAL_PASSED']);
    expect(verdicts(await check('xml/field/detached.xml', { content: { 'cong-van-303.xml': content() } }))).toEqual(['TOTAL_PASSED']);
  });

  it('with other bytes under that URI → TOTAL_FAILED/HASH_FAILURE', async () => {
    const other = new TextEncoder().encode(new TextDecoder().decode(content()).replace('303/UBND-VP', '304/UBND-VP'));
    expect(verdicts(await check('xml/field/detached.xml', { content: { 'cong-van-303.xml': other } }))).toEqual(['TOTAL_FAILED/HASH_FAILURE']);
  });

  it('verifyFile reads the file the Reference names beside the signature', async () => {
    const report = await verifyFile(`${SAMPLES}xml/field/detached.xml`, { trust, at: AT });
    expect(verdicts(report)).toEqual(['TOTAL_PASSED']);
  });

  it('content that is neither bytes nor a map of bytes is a programmer error', async () => {
    await expect(check('xml/field/detached.xml', { content: { 'cong-van-303.xml': 'text' } as never })).rejects.toThrow(TypeError);
  });
});

describe('what kyso cannot check is INDETERMINATE with the reason, never TOTAL_FAILED', () => {
  it.each([
    ['a key on the brainpoolP256r1 curve', 'xml/field/brainpool.xml', 'INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE', 'XML_CURVE_UNSUPPORTED'],
    ['a SHA-224 reference digest', 'xml/field/sha224-digest.xml', 'INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE', 'XML_UNSUPPORTED_ALGORITHM'],
    ['an XSLT transform', 'xml/field/xslt-transform.xml', 'INDETERMINATE/SIGNED_DATA_NOT_FOUND', 'XML_UNSUPPORTED_ALGORITHM'],
    ['a reference to a file that is not given', 'xml/field/detached.xml', 'INDETERMINATE/SIGNED_DATA_NOT_FOUND', 'XML_UNSUPPORTED_REFERENCE'],
  ])('%s', async (_, path, verdict, code) => {
    const report = await check(path);
    expect(verdicts(report)).toEqual([verdict]);
    expect(codes(report)).toContain(code);
  });

  it('more references than MAX_REFERENCES (1000): not checked, INDETERMINATE', async () => {
    const text = new TextDecoder().decode(sample('xml/field/many-references.xml'));
    const references = /<Reference URI="#muc-1">[\s\S]*?<\/Reference>/.exec(text)![0];
    const heavy = text.replace(references, references.repeat(702));
    const report = await verify(new TextEncoder().encode(heavy), { trust, at: AT });
    expect(verdicts(report)).toEqual(['INDETERMINATE/SIGNED_DATA_NOT_FOUND']);
    expect(codes(report)).toContain('XML_TOO_MANY_REFERENCES');
  });
});

describe('edXML in transit', () => {
  const packageSignature = (report: DocumentReport) => (report.details as EdxmlDocumentDetails).packageSignature;

  it('a package signed compactly verifies as is', async () => {
    const report = await check('edxml/transit/compact.edxml');
    expect(verdicts(report)).toEqual(['TOTAL_PASSED']);
    expect(packageSignature(report)).toEqual({ state: 'valid', signatures: [{ id: 'sig-1', namespace: 'xmldsig', state: 'valid' }] });
  });

  it('re-serialised as the axis does (namespace dropped, pretty-printed): verifies after the rebuild, which is reported', async () => {
    const report = await check('edxml/transit/axis-reserialised.edxml');
    expect(verdicts(report)).toEqual(['TOTAL_PASSED']);
    expect(packageSignature(report)).toMatchObject({ state: 'valid', rebuild: { namespace: 'ds-prefix', whitespace: 'document' } });
    expect(codes(report)).toContain('EDXML_SIGNATURE_REBUILT');
  });

  it('re-serialised and a TraceHeader appended: the value verifies after the rebuild, the content changed (HASH_FAILURE)', async () => {
    const report = await check('edxml/transit/axis-reserialised-trace-appended.edxml');
    expect(verdicts(report)).toEqual(['TOTAL_FAILED/HASH_FAILURE']);
    expect(packageSignature(report)).toMatchObject({ state: 'content-changed', rebuild: { namespace: 'ds-prefix' } });
  });

  it('a package signature over its MessageHeader by Id → TOTAL_PASSED', async () => {
    expect(verdicts(await check('edxml/transit/header-by-id.edxml'))).toEqual(['TOTAL_PASSED']);
  });

  it('that header moved into a ds:Object and a forged header in its place → TOTAL_FAILED/FORMAT_FAILURE, nothing of the header covered', async () => {
    const report = await check('edxml/transit/header-moved-forged.edxml');
    expect(verdicts(report)).toEqual(['TOTAL_FAILED/FORMAT_FAILURE']);
    expect(report.signatures[0]).toMatchObject({ intact: 'passed', valid: 'passed' });
    expect(codes(report)).toEqual(expect.arrayContaining(['EDXML_REFERENCE_OUT_OF_PLACE', 'EDXML_HEADER_NOT_COVERED']));
    expect(packageSignature(report).state).toBe('invalid');
    const details = report.details as EdxmlDocumentDetails;
    expect(details.metadata.subject).toMatchObject({ value: 'V/v hủy bỏ văn bản số 310', covered: false });
  });
});

describe('the package signature is a typed layer beside the verdict; policy.packageSignature: require makes it count', () => {
  it('a package whose transport signature broke in transit: verdict from its attachment, the layer says content-changed', async () => {
    const report = await check('edxml/trace-header-appended.edxml');
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.packageSignature).toEqual({
      state: 'content-changed',
      indication: 'TOTAL_FAILED',
      subIndication: 'HASH_FAILURE',
      signatureId: 'sig-1',
      policy: 'report',
    });
  });

  it('under require, the broken package signature fails the package', async () => {
    const report = await check('edxml/trace-header-appended.edxml', { policy: { packageSignature: 'require' } });
    expect([report.indication, report.subIndication]).toEqual(['TOTAL_FAILED', 'HASH_FAILURE']);
    expect(report.packageSignature).toMatchObject({ state: 'content-changed', policy: 'require' });
    expect(codes(report)).toContain('DOC_PACKAGE_SIGNATURE_REQUIRED');
  });

  it('under require, a package without a package signature is INDETERMINATE; a valid one changes nothing', async () => {
    const unsigned = await check('edxml/unsigned.edxml', { policy: { packageSignature: 'require' } });
    expect([unsigned.indication, unsigned.subIndication]).toEqual(['INDETERMINATE', 'SIG_CONSTRAINTS_FAILURE']);
    expect(unsigned.packageSignature).toEqual({ state: 'absent', policy: 'require' });
    const signed = await check('edxml/signed.edxml', { policy: { packageSignature: 'require' } });
    expect(signed.indication).toBe('TOTAL_PASSED');
    expect(signed.packageSignature).toMatchObject({ state: 'valid', indication: 'TOTAL_PASSED', policy: 'require' });
  });

  it('the rebuild after transit is in the layer', async () => {
    const report = await check('edxml/transit/axis-reserialised.edxml');
    expect(report.packageSignature).toMatchObject({ state: 'valid', indication: 'TOTAL_PASSED', rebuild: { namespace: 'ds-prefix', whitespace: 'document' } });
  });

  it('a policy other than report or require is a programmer error', async () => {
    await expect(check('edxml/signed.edxml', { policy: { packageSignature: 'strict' as never } })).rejects.toThrow(TypeError);
  });

  it('documents that are not edXML packages have no package layer', async () => {
    expect((await check('xml/field/manifest.xml')).packageSignature).toBeUndefined();
  });
});
