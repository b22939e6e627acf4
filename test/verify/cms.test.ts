import { beforeAll, describe, expect, it } from 'vitest';
import { verify } from '../../src/verify.js';
import { verifyFile } from '../../src/node.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import type { VerifyOptions } from '../../src/options.js';
import { AT, SAMPLES, sample } from '../helpers.js';

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

async function verifySample(name: string, options: Partial<VerifyOptions> = {}): Promise<DocumentReport> {
  return verify(sample(`cms/${name}.txt.p7s`), { trust, at: AT, content: sample(`cms/${name}.txt`), ...options });
}

function verdict(report: DocumentReport): string[] {
  return report.signatures.map((s) => (s.subIndication ? `${s.indication}/${s.subIndication}` : s.indication));
}

const relaxedSha1 = { algorithms: { sha1Until: new Date('2030-01-01T00:00:00Z') } };

describe('detached CMS, end to end', () => {
  it.each([
    ['rsa-sha256'],
    ['cades-v2'],
    ['noattr'],
    ['sha384'],
    ['sha512'],
    ['rsa-pss'],
    ['ecdsa-p256'],
    ['ecdsa-p384'],
    ['ecdsa-p521'],
    ['organization'],
    ['subject-key-id'],
  ])('%s → TOTAL_PASSED', async (name) => {
    const report = await verifySample(name);
    expect(verdict(report)).toEqual(['TOTAL_PASSED']);
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.format).toBe('cms');
    expect(report.signatures[0]!.chain.map((c) => c.commonName)).toEqual([
      report.signatures[0]!.signer!.commonName,
      'kyso test intermediate CA',
      'kyso test root CA',
    ]);
  });

  it('reports the signer, its Decree 30 role and the claimed time as a claim', async () => {
    const report = await verifySample('rsa-sha256');
    const [signature] = report.signatures;
    expect(signature!.signer).toMatchObject({
      commonName: 'Nguyễn Văn An',
      role: 'person',
      identifiers: [{ type: 'CCCD', value: '001090012345', attribute: 'UID' }],
    });
    expect(signature!.times).toEqual({
      validationTime: '2026-06-01T00:00:00.000Z',
      claimedSigningTime: '2025-03-01T09:00:00.000Z',
      bestSignatureTime: '2026-06-01T00:00:00.000Z',
    });
    expect(signature).toMatchObject({ intact: 'passed', valid: 'passed', trusted: 'passed' });
    expect(report.roles).toEqual({ person: true, organization: false, complete: false });
    // The report is plain data.
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('the Decree 30 role rule is the caller\'s to change', async () => {
    // e.g. an agency whose organisation certificates carry the tax code in serialNumber only.
    const report = await verifySample('rsa-sha256', { policy: { roles: (ids) => (ids.some((id) => id.value === '001090012345') ? 'organization' : 'unknown') } });
    expect(report.signatures[0]!.signer!.role).toBe('organization');
    expect(report.roles).toEqual({ person: false, organization: true, complete: false });
  });

  it('content changed → TOTAL_FAILED/HASH_FAILURE', async () => {
    const report = await verifySample('tampered-content');
    expect(verdict(report)).toEqual(['TOTAL_FAILED/HASH_FAILURE']);
    expect(report.indication).toBe('TOTAL_FAILED');
  });

  it('signature bytes changed → TOTAL_FAILED/SIG_CRYPTO_FAILURE', async () => {
    expect(verdict(await verifySample('tampered-signature'))).toEqual(['TOTAL_FAILED/SIG_CRYPTO_FAILURE']);
  });

  it('signer under no anchor → INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND', async () => {
    const report = await verifySample('untrusted');
    expect(verdict(report)).toEqual(['INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND']);
    expect(report.signatures[0]!.trusted).toBe('failed');
  });

  it('signer expired at the validation time, no timestamp → INDETERMINATE/OUT_OF_BOUNDS_NO_POE, the expired certificate named', async () => {
    const report = await verifySample('expired');
    expect(verdict(report)).toEqual(['INDETERMINATE/OUT_OF_BOUNDS_NO_POE']);
    expect(report.signatures[0]!.rejectedCertificate?.subject).toContain('Phạm Thị Dung');
  });

  it('signer without digitalSignature/nonRepudiation → INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE', async () => {
    expect(verdict(await verifySample('wrong-key-usage'))).toEqual(['INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE']);
  });

  it('SHA-1 after the cut-off, without proof of an earlier time → CRYPTO_CONSTRAINTS_FAILURE_NO_POE; accepted by a policy that allows it', async () => {
    expect(verdict(await verifySample('sha1'))).toEqual(['INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE']);
    expect(verdict(await verifySample('sha1', { policy: relaxedSha1 }))).toEqual(['TOTAL_PASSED']);
  });

  it('ESS signingCertificate v1 (SHA-1) binds the signer', async () => {
    const report = await verifySample('cades-v1', { policy: relaxedSha1 });
    expect(verdict(report)).toEqual(['TOTAL_PASSED']);
    expect(report.signatures[0]!.format).toBe('cades');
  });

  it('a CMS with only the leaf certificate takes its intermediate from the store', async () => {
    expect(verdict(await verifySample('leaf-only'))).toEqual(['INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND']);
    const withCa = trust.withIntermediates(sample('ca/intermediate.pem'));
    const report = await verifySample('leaf-only', { trust: withCa });
    expect(verdict(report)).toEqual(['TOTAL_PASSED']);
    expect(report.signatures[0]!.chain[1]!.source).toBe('trust-store');
  });

  it('a signer certificate that does not match signingCertificateV2 → INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND', async () => {
    const report = await verifySample('cert-mismatch');
    expect(verdict(report)).toEqual(['INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND']);
    expect(report.signatures[0]!.messages.map((m) => m.code)).toContain('CMS_SIGNING_CERTIFICATE_MISMATCH');
  });

  it('two different certificates that both verify, and nothing signed binds one → INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND, nobody named', async () => {
    const report = await verifySample('twin-certificates');
    expect(verdict(report)).toEqual(['INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND']);
    expect(report.signatures[0]!.signer).toBeUndefined();
    expect(report.signatures[0]!.messages.map((m) => m.code)).toContain('CMS_SIGNER_AMBIGUOUS');
  });

  it('an RFC 3161 token offered as a signed document: the TSA key may not sign documents', async () => {
    const { parseSignedData } = await import('../../src/cms/signed-data.js');
    const parsed = parseSignedData(sample('cms/timestamped.txt.p7s'), 1 << 20);
    if (!parsed.ok) throw new Error('sample unreadable');
    const token = parsed.signedData.signerInfos[0]!.unsignedAttrs.find((a) => a.type === '1.2.840.113549.1.9.16.2.14')!.values[0]!.der;
    const report = await verify(token, { trust, at: AT });
    expect(verdict(report)).toEqual(['INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE']);
    expect(report.signatures[0]!.messages.map((m) => m.code)).toContain('PKI_SERVICE_CERTIFICATE_SIGNS');
  });

  it('two signers: both judged, both Decree 30 roles present', async () => {
    const report = await verifySample('two-signers');
    expect(verdict(report)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
    expect(report.signatures.map((s) => s.signer!.role).sort()).toEqual(['organization', 'person']);
    expect(report.roles.person && report.roles.organization).toBe(true);
  });
});

describe('detached CMS: revocation and time', () => {
  const crls = () => [sample('ca/root.crl'), sample('ca/intermediate.crl')];

  it('revoked signer, CRL supplied → TOTAL_FAILED/REVOKED', async () => {
    const report = await verifySample('revoked', { revocation: { crls: crls() } });
    expect(verdict(report)).toEqual(['TOTAL_FAILED/REVOKED']);
    expect(report.signatures[0]!.revocation.find((r) => r.status === 'revoked')).toMatchObject({ source: 'supplied', method: 'crl' });
  });

  it('an older CRL that is still valid cannot hide the newer listing, in either order', async () => {
    const older = sample('ca/intermediate-before-revocation.crl');
    for (const order of [[older, sample('ca/intermediate.crl')], [sample('ca/intermediate.crl'), older]]) {
      const report = await verifySample('revoked', { revocation: { crls: [sample('ca/root.crl'), ...order] } });
      expect(verdict(report)).toEqual(['TOTAL_FAILED/REVOKED']);
    }
  });

  it('revoked signer, OCSP response supplied → TOTAL_FAILED/REVOKED', async () => {
    const report = await verifySample('revoked', { revocation: { ocspResponses: [sample('ca/ocsp-revoked-revoked.ocsp')] } });
    expect(verdict(report)).toEqual(['TOTAL_FAILED/REVOKED']);
  });

  it('good status by CRL and by OCSP is reported with its source', async () => {
    const byCrl = await verifySample('rsa-sha256', { revocation: { crls: crls(), mode: 'require' } });
    expect(verdict(byCrl)).toEqual(['TOTAL_PASSED']);
    expect(byCrl.signatures[0]!.revocation.find((r) => r.subject.includes('Nguyễn Văn An'))).toMatchObject({ status: 'good', method: 'crl', source: 'supplied' });
    const byOcsp = await verifySample('rsa-sha256', { revocation: { ocspResponses: [sample('ca/ocsp-person-good.ocsp')], crls: [sample('ca/root.crl')], mode: 'require' } });
    expect(verdict(byOcsp)).toEqual(['TOTAL_PASSED']);
    expect(byOcsp.signatures[0]!.revocation.find((r) => r.subject.includes('Nguyễn Văn An'))).toMatchObject({ status: 'good', method: 'ocsp' });
  });

  it('only a stale CRL, revocation required → INDETERMINATE/TRY_LATER', async () => {
    const report = await verifySample('rsa-sha256', { revocation: { crls: [sample('ca/intermediate-stale.crl'), sample('ca/root.crl')], mode: 'require' } });
    expect(verdict(report)).toEqual(['INDETERMINATE/TRY_LATER']);
  });

  it('no revocation data, revocation required → INDETERMINATE/TRY_LATER; if-available → passes, reported as unchecked', async () => {
    expect(verdict(await verifySample('rsa-sha256', { revocation: { mode: 'require' } }))).toEqual(['INDETERMINATE/TRY_LATER']);
    const lenient = await verifySample('rsa-sha256');
    expect(verdict(lenient)).toEqual(['TOTAL_PASSED']);
    expect(lenient.signatures[0]!.messages.map((m) => m.code)).toContain('PKI_REVOCATION_NOT_FOUND');
  });

  it('an OCSP response signed by an unauthorised key is ignored and reported', async () => {
    const report = await verifySample('rsa-sha256', {
      revocation: { ocspResponses: [sample('ca/ocsp-person-unauthorised.ocsp')], crls: [sample('ca/root.crl')], mode: 'require' },
    });
    expect(verdict(report)).toEqual(['INDETERMINATE/TRY_LATER']);
    expect(report.signatures[0]!.messages.map((m) => m.code)).toContain('PKI_OCSP_UNAUTHORISED');
  });

  it('a caller-supplied fetcher is used, and only then', async () => {
    const asked: string[] = [];
    const fetcher = {
      async fetchCrl(url: string) {
        asked.push(url);
        if (url.endsWith('/intermediate.crl')) return sample('ca/intermediate.crl');
        if (url.endsWith('/root.crl')) return sample('ca/root.crl');
        throw new Error('not found');
      },
      async fetchOcsp(url: string): Promise<Uint8Array> {
        asked.push(url);
        throw new Error('no OCSP here');
      },
      async fetchCertificates(url: string): Promise<Uint8Array> {
        asked.push(url);
        throw new Error('no certificates here');
      },
    };
    const report = await verifySample('revoked', { revocation: { fetch: fetcher } });
    expect(verdict(report)).toEqual(['TOTAL_FAILED/REVOKED']);
    expect(asked).toContain('http://127.0.0.1:18080/intermediate.crl');
    expect(report.signatures[0]!.revocation.find((r) => r.status === 'revoked')).toMatchObject({ source: 'fetched' });
  });

  it('revoked after a verified signature timestamp → still passes', async () => {
    const report = await verifySample('revoked-after-timestamp', { revocation: { crls: crls() } });
    expect(verdict(report)).toEqual(['TOTAL_PASSED']);
    expect(report.signatures[0]!.times.timestampTime).toBe('2025-06-01T09:00:05.000Z');
  });

  it('a timestamped signature reports the TSA chain and the proven time', async () => {
    const report = await verifySample('timestamped');
    expect(verdict(report)).toEqual(['TOTAL_PASSED']);
    const [signature] = report.signatures;
    expect(signature!.times.timestampTime).toBe('2025-03-01T09:00:05.000Z');
    expect(signature!.times.bestSignatureTime).toBe('2025-03-01T09:00:05.000Z');
    expect(signature!.timestamps[0]).toMatchObject({ kind: 'signature', indication: 'TOTAL_PASSED', trusted: 'passed' });
    expect(signature!.timestamps[0]!.chain.map((c) => c.commonName)).toEqual(['kyso test TSA', 'kyso test intermediate CA', 'kyso test root CA']);
  });

  it('an expired signer with a valid earlier timestamp passes; the same without it does not', async () => {
    expect(verdict(await verifySample('expired-timestamped'))).toEqual(['TOTAL_PASSED']);
    expect(verdict(await verifySample('expired'))).toEqual(['INDETERMINATE/OUT_OF_BOUNDS_NO_POE']);
  });
});

describe('verify() never throws on bad documents', () => {
  const good = sample('cms/rsa-sha256.txt.p7s');
  // Changed by issue 13: bytes that are no document kyso knows (empty, random) carry no
  // signature to check: NO_SIGNATURE with the reason, not a broken signature.
  it.each([
    ['empty', new Uint8Array(0), 'DOC_EMPTY'],
    ['random bytes', new Uint8Array(2048).map((_, i) => (i * 7919) & 0xff), 'DOC_UNKNOWN_FORMAT'],
  ])('%s → NO_SIGNATURE with the reason in both languages', async (_name, bytes, code) => {
    const report = await verify(bytes, { trust, at: AT });
    expect(report.indication).toBe('NO_SIGNATURE');
    expect(report.subIndication).toBeUndefined();
    expect(report.messages.map((m) => m.code)).toEqual([code]);
  });

  it.each([
    ['truncated CMS', good.subarray(0, 200)],
    ['PEM text that is not a CMS', new TextEncoder().encode('-----BEGIN PKCS7-----\nnot base64!\n-----END PKCS7-----\n')],
  ])('%s → TOTAL_FAILED/FORMAT_FAILURE with a message in both languages', async (_name, bytes) => {
    const report = await verify(bytes, { trust, at: AT });
    expect(report.indication).toBe('TOTAL_FAILED');
    expect(report.subIndication).toBe('FORMAT_FAILURE');
    expect(report.messages.length).toBeGreaterThan(0);
    for (const message of report.messages) {
      expect(message.vi.length).toBeGreaterThan(0);
      expect(message.en.length).toBeGreaterThan(0);
    }
  });

  it('a CMS carrying content checked against other content → FORMAT_FAILURE, never the other content passing', async () => {
    const asn1js = await import('asn1js');
    const pkijs = await import('pkijs');
    const contentInfo = new pkijs.ContentInfo({ schema: asn1js.fromBER(good).result });
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    signedData.encapContentInfo = new pkijs.EncapsulatedContentInfo({
      eContentType: '1.2.840.113549.1.7.1',
      eContent: new asn1js.OctetString({ valueHex: new TextEncoder().encode('Chuyển 5 tỷ đồng cho công ty ABC').buffer }),
    });
    const smuggled = new Uint8Array(new pkijs.ContentInfo({ contentType: contentInfo.contentType, content: signedData.toSchema(true) }).toSchema().toBER(false));
    const withDetached = await verify(smuggled, { trust, at: AT, content: sample('cms/rsa-sha256.txt') });
    expect(withDetached).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(withDetached.messages.map((m) => m.code)).toContain('CMS_CONTENT_CONFLICT');
    const alone = await verify(smuggled, { trust, at: AT });
    expect(verdict(alone)).toEqual(['TOTAL_FAILED/HASH_FAILURE']);
  });

  it('a PEM-armoured CMS is read like the DER one', async () => {
    const pem = new TextEncoder().encode(`-----BEGIN PKCS7-----\n${Buffer.from(good).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END PKCS7-----\n`);
    const report = await verify(pem, { trust, at: AT, content: sample('cms/rsa-sha256.txt') });
    expect(report.indication).toBe('TOTAL_PASSED');
  });

  it('a detached signature without its content → INDETERMINATE/SIGNED_DATA_NOT_FOUND', async () => {
    const report = await verify(good, { trust, at: AT });
    expect(verdict(report)).toEqual(['INDETERMINATE/SIGNED_DATA_NOT_FOUND']);
  });

  it('a CMS with no SignerInfo is a certificate bundle → NO_SIGNATURE, not a failure', async () => {
    // A certs-only PKCS#7 (what `openssl crl2pkcs7 -nocrl` makes) has no SignerInfo: RFC 5652 §5.2's degenerate case.
    const { execFileSync } = await import('node:child_process');
    const bundle = new Uint8Array(
      execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', `${SAMPLES}pki/kyso-test-root.pem`, '-outform', 'DER']),
    );
    const report = await verify(bundle, { trust, at: AT });
    expect(report.indication).toBe('NO_SIGNATURE');
    expect(report.subIndication).toBeUndefined();
    expect(report.messages.map((m) => m.code)).toEqual(['CMS_CERTIFICATES_ONLY', 'DOC_NO_SIGNATURE']);
  });

  it('a CMS with more SignerInfos than the limit → INDETERMINATE (a bound hit is not a defect)', async () => {
    const asn1js = await import('asn1js');
    const pkijs = await import('pkijs');
    const { MAX_SIGNER_INFOS } = await import('../../src/cms/signed-data.js');
    const contentInfo = new pkijs.ContentInfo({ schema: asn1js.fromBER(good).result });
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    const one = signedData.signerInfos[0]!;
    signedData.signerInfos = Array.from({ length: MAX_SIGNER_INFOS + 1 }, () => one);
    const many = new pkijs.ContentInfo({ contentType: contentInfo.contentType, content: signedData.toSchema(true) });
    const report = await verify(new Uint8Array(many.toSchema().toBER(false)), { trust, at: AT, content: sample('cms/rsa-sha256.txt') });
    expect(report).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
    expect(report.messages.map((m) => m.code)).toContain('CMS_TOO_MANY_SIGNERS');

    signedData.signerInfos = Array.from({ length: MAX_SIGNER_INFOS }, () => one);
    const most = new pkijs.ContentInfo({ contentType: contentInfo.contentType, content: signedData.toSchema(true) });
    const allowed = await verify(new Uint8Array(most.toSchema().toBER(false)), { trust, at: AT, content: sample('cms/rsa-sha256.txt') });
    expect(allowed.signatures).toHaveLength(MAX_SIGNER_INFOS);
    expect(allowed.indication).toBe('TOTAL_PASSED');
  });

  it.each([
    ['at is not a date', { at: '2026-01-01' }],
    ['at is an invalid date', { at: new Date('nope') }],
    ['trust is not a store', { trust: {} }],
    ['content is a string', { content: 'hello' }],
    ['revocation mode unknown', { revocation: { mode: 'sometimes' } }],
    ['crls not bytes', { revocation: { crls: ['x'] } }],
    ['negative limit', { policy: { limits: { maxCmsBytes: -1 } } }],
  ])('option that makes no sense (%s) → TypeError', async (_name, options) => {
    await expect(verify(good, options as unknown as VerifyOptions)).rejects.toBeInstanceOf(TypeError);
  });
});

describe('verifyFile', () => {
  it('finds x.txt beside x.txt.p7s', async () => {
    const report = await verifyFile(`${SAMPLES}cms/rsa-sha256.txt.p7s`, { trust, at: AT });
    expect(report.indication).toBe('TOTAL_PASSED');
  });
});

describe('size limits', () => {
  it('a document over maxDocumentBytes is refused without being read', async () => {
    let reads = 0;
    const huge = { size: 3 * 1024 ** 3, read: async () => { reads++; return new Uint8Array(0); } };
    const report = await verify(huge, { trust: TrustStore.empty(), at: AT });
    expect(report).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND', sha256: '' });
    expect(report.messages.map((m) => m.code)).toEqual(['DOC_TOO_LARGE']);
    expect(reads).toBe(0);
  });

  it('the largest allowed size is read; one byte more is refused', async () => {
    const bytes = sample('cms/rsa-sha256.txt.p7s');
    const content = sample('cms/rsa-sha256.txt');
    const at = await verify(bytes, { trust, at: AT, content, policy: { limits: { maxDocumentBytes: bytes.length } } });
    expect(at.indication).toBe('TOTAL_PASSED');
    const over = await verify(bytes, { trust, at: AT, content, policy: { limits: { maxDocumentBytes: bytes.length - 1 } } });
    expect(over.messages.map((m) => m.code)).toEqual(['DOC_TOO_LARGE']);
  });
});
