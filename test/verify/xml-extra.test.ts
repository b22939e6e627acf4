/**
 * samples/xml/extra (made by xmlsec1, digests xmlsec1 does not compute by openssl): a
 * Reference without URI, and XAdES counter-signatures bound (or not) to their parent's
 * SignatureValue.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { XmlSignatureDetails } from '../../src/report/details.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import type { VerifyOptions } from '../../src/options.js';
import { verify } from '../../src/verify.js';
import { AT, sample, SAMPLES } from '../helpers.js';

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

const check = (path: string, options: Partial<VerifyOptions> = {}): Promise<DocumentReport> => verify(sample(path), { trust, at: AT, ...options });
const verdicts = (report: DocumentReport): string[] =>
  report.signatures.map((s) => (s.subIndication ? `${s.indication}/${s.subIndication}` : s.indication));
const codes = (report: DocumentReport): string[] => [...report.messages, ...report.signatures.flatMap((s) => s.messages)].map((m) => m.code);

describe('a Reference without URI: only the caller knows its content', () => {
  const content = () => new Uint8Array(readFileSync(`${SAMPLES}xml/extra/no-uri-content.txt`));

  it('in SignedInfo with an enveloped-signature transform, nothing supplied → read as the document, as xmlsec1 does: its digest matches → TOTAL_PASSED', async () => {
    const report = await check('xml/extra/no-uri-enveloped.xml');
    expect(verdicts(report)).toEqual(['TOTAL_PASSED']);
    expect(report.signatures[0]).toMatchObject({ valid: 'passed', intact: 'passed' });
    expect(codes(report)).toContain('XML_NO_URI_READ_AS_DOCUMENT');
  });

  it('the same with the document changed → still INDETERMINATE/SIGNED_DATA_NOT_FOUND: the application may have meant other data', async () => {
    const changed = new TextEncoder().encode(new TextDecoder().decode(sample('xml/extra/no-uri-enveloped.xml')).replace('401/UBND-VP', '402/UBND-VP'));
    const report = await verify(changed, { trust, at: AT });
    expect(verdicts(report)).toEqual(['INDETERMINATE/SIGNED_DATA_NOT_FOUND']);
    expect(report.signatures[0]).toMatchObject({ valid: 'passed', intact: 'unknown' });
    expect(codes(report)).toContain('XML_UNSUPPORTED_REFERENCE');
    expect(codes(report)).not.toContain('XML_NO_URI_READ_AS_DOCUMENT');
  });

  it('in SignedInfo, bytes supplied under key "" but the enveloped transform needs the XML re-parsed → still INDETERMINATE, never failed', async () => {
    const report = await check('xml/extra/no-uri-enveloped.xml', { content: { '': sample('xml/extra/no-uri-enveloped.xml') } });
    expect(verdicts(report)).toEqual(['INDETERMINATE/SIGNED_DATA_NOT_FOUND']);
  });

  it('in a Manifest, nothing supplied → INDETERMINATE/SIGNED_DATA_NOT_FOUND', async () => {
    const report = await check('xml/extra/no-uri-manifest.xml');
    expect(verdicts(report)).toEqual(['INDETERMINATE/SIGNED_DATA_NOT_FOUND']);
    const details = report.signatures[0]!.details as XmlSignatureDetails;
    expect(details.manifests?.[0]?.references).toEqual([expect.objectContaining({ uri: '', intact: 'unknown' })]);
  });

  it('in a Manifest, the content supplied under key "" → TOTAL_PASSED, reported as detached content', async () => {
    const report = await check('xml/extra/no-uri-manifest.xml', { content: { '': content() } });
    expect(verdicts(report)).toEqual(['TOTAL_PASSED']);
    const details = report.signatures[0]!.details as XmlSignatureDetails;
    expect(details.manifests?.[0]?.references).toEqual([expect.objectContaining({ uri: '', target: 'detached:(no URI)', intact: 'passed' })]);
    expect(codes(report)).toContain('XML_DETACHED_CONTENT');
  });

  it('in a Manifest, other bytes under key "" → TOTAL_FAILED/HASH_FAILURE', async () => {
    const other = new TextEncoder().encode(new TextDecoder().decode(content()).replace('402', '403'));
    expect(verdicts(await check('xml/extra/no-uri-manifest.xml', { content: new Map([['', other]]) }))).toEqual(['TOTAL_FAILED/HASH_FAILURE']);
  });
});

describe('XAdES counter-signatures are bound to their parent’s SignatureValue', () => {
  it('a counter-signature over the parent’s SignatureValue: both pass, the counter-signature is named under its parent', async () => {
    const report = await check('xml/extra/xades-countersigned.xml');
    expect(report.signatures.map((s) => [s.id, s.counterSignatureOf, s.indication])).toEqual([
      ['sig-1', undefined, 'TOTAL_PASSED'],
      ['cs-1', 'sig-1', 'TOTAL_PASSED'],
    ]);
    expect(report.signatures[1]!.signer?.subject).toContain('UBND Tỉnh Thử Nghiệm');
    expect(report.signatures[1]!.coverage?.references).toEqual([expect.objectContaining({ uri: '#sig-1-value', target: 'SignatureValue#sig-1-value', intact: 'passed' })]);
    expect(codes(report)).toContain('XML_COUNTERSIGNATURE_BOUND');
    expect(codes(report)).not.toContain('XML_XADES_UNSUPPORTED_PROPERTY');
  });

  it('one that signs the parent’s SignedProperties instead (its maths holds): not a counter-signature → TOTAL_FAILED/FORMAT_FAILURE', async () => {
    const report = await check('xml/extra/xades-countersignature-unbound.xml');
    expect(verdicts(report)).toEqual(['TOTAL_PASSED', 'TOTAL_FAILED/FORMAT_FAILURE']);
    expect(report.signatures[1]).toMatchObject({ id: 'cs-1', counterSignatureOf: 'sig-1', intact: 'passed', valid: 'passed' });
    expect(codes(report)).toContain('XML_COUNTERSIGNATURE_NOT_BOUND');
  });

  it('one moved from another signature: the parent passes, the counter-signature is HASH_FAILURE', async () => {
    const report = await check('xml/extra/xades-countersignature-moved.xml');
    expect(verdicts(report)).toEqual(['TOTAL_PASSED', 'TOTAL_FAILED/HASH_FAILURE']);
    expect(report.signatures[1]).toMatchObject({ counterSignatureOf: 'sig-1', valid: 'passed', intact: 'failed' });
    expect(codes(report)).toContain('XML_COUNTERSIGNATURE_VALUE_CHANGED');
  });

  it('a Signature merely nested somewhere else is not a counter-signature', async () => {
    const text = new TextDecoder().decode(sample('xml/extra/xades-countersigned.xml')).replace(/(<\/?)xades:CounterSignature>/g, '$1xades:Other>');
    const report = await verify(new TextEncoder().encode(text), { trust, at: AT });
    expect(report.signatures.map((s) => s.counterSignatureOf)).toEqual([undefined, undefined]);
  });
});
