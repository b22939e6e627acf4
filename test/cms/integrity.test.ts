import { describe, expect, it } from 'vitest';
import { verifyCmsWithContent, verifyDetachedCms } from '../../src/cms/verify.js';
import type { IntegrityResult } from '../../src/cms/types.js';
import { bytesSource } from '../../src/io/byte-source.js';
import { sample } from '../helpers.js';

async function integrityOf(name: string, content = sample(`cms/${name}.txt`)): Promise<IntegrityResult[]> {
  return verifyDetachedCms(sample(`cms/${name}.txt.p7s`), { source: bytesSource(content), ranges: [{ offset: 0, length: content.length }] });
}

function codes(result: IntegrityResult): string[] {
  return result.messages.map((m) => m.code);
}

describe('CMS integrity of openssl-made detached signatures', () => {
  it.each([
    ['rsa-sha256', 'SHA-256', 'RSASSA-PKCS1-v1_5 SHA-256', 'none'],
    ['sha1', 'SHA-1', 'RSASSA-PKCS1-v1_5 SHA-1', 'none'],
    ['sha384', 'SHA-384', 'RSASSA-PKCS1-v1_5 SHA-384', 'none'],
    ['sha512', 'SHA-512', 'RSASSA-PKCS1-v1_5 SHA-512', 'none'],
    ['rsa-pss', 'SHA-256', 'RSA-PSS SHA-256', 'none'],
    ['ecdsa-p256', 'SHA-256', 'ECDSA P-256 SHA-256', 'none'],
    ['ecdsa-p384', 'SHA-384', 'ECDSA P-384 SHA-384', 'none'],
    ['ecdsa-p521', 'SHA-512', 'ECDSA P-521 SHA-512', 'none'],
    ['cades-v2', 'SHA-256', 'RSASSA-PKCS1-v1_5 SHA-256', 'signing-certificate-v2'],
    ['cades-v1', 'SHA-1', 'RSASSA-PKCS1-v1_5 SHA-1', 'signing-certificate-v1'],
    ['noattr', 'SHA-256', 'RSASSA-PKCS1-v1_5 SHA-256', 'none'],
    ['subject-key-id', 'SHA-256', 'RSASSA-PKCS1-v1_5 SHA-256', 'none'],
  ])('%s is intact and valid with %s / %s, binding %s', async (name, digest, signature, binding) => {
    const [result, ...rest] = await integrityOf(name);
    expect(rest).toHaveLength(0);
    expect(result).toMatchObject({
      wellFormed: true,
      intact: 'passed',
      valid: 'passed',
      signerIdentification: 'found',
      certificateBinding: binding,
      digestAlgorithm: digest,
      signatureAlgorithm: signature,
    });
  });

  it('reads the claimed signing time from signingTime, and none without signed attributes', async () => {
    const [withAttrs] = await integrityOf('rsa-sha256');
    expect(withAttrs!.claimedSigningTime?.toISOString()).toBe('2025-03-01T09:00:00.000Z');
    const [noattr] = await integrityOf('noattr');
    expect(noattr!.claimedSigningTime).toBeUndefined();
  });

  it('a changed content breaks the message digest (HASH_FAILURE material)', async () => {
    const [result] = await integrityOf('tampered-content');
    expect(result).toMatchObject({ intact: 'failed', valid: 'passed' });
    expect(codes(result!)).toContain('CMS_DIGEST_MISMATCH');
  });

  it('a flipped signature byte breaks only the signature value', async () => {
    const [result] = await integrityOf('tampered-signature');
    expect(result).toMatchObject({ wellFormed: true, intact: 'passed', valid: 'failed' });
    expect(codes(result!)).toContain('CMS_SIGNATURE_INVALID');
  });

  it('without signed attributes, changed content fails the signature itself', async () => {
    const content = sample('cms/noattr.txt');
    const changed = content.slice();
    changed[0] ^= 1;
    const [result] = await integrityOf('noattr', changed);
    expect(result).toMatchObject({ valid: 'failed' });
  });

  it('a certificate that matches issuerAndSerialNumber but not signingCertificateV2 is a mismatch', async () => {
    const [result] = await integrityOf('cert-mismatch');
    expect(result).toMatchObject({ signerIdentification: 'mismatch', certificateBinding: 'signing-certificate-v2' });
    expect(codes(result!)).toContain('CMS_SIGNING_CERTIFICATE_MISMATCH');
  });

  it('two SignerInfos give two results', async () => {
    const results = await integrityOf('two-signers');
    expect(results.map((r) => [r.intact, r.valid, r.signerIdentification])).toEqual([
      ['passed', 'passed', 'found'],
      ['passed', 'passed', 'found'],
    ]);
  });

  it('a signature timestamp is verified and its imprint matches the signature value', async () => {
    const [result] = await integrityOf('timestamped');
    expect(result!.timestamps).toHaveLength(1);
    const [timestamp] = result!.timestamps;
    expect(timestamp).toMatchObject({ kind: 'signature', imprintMatches: 'passed' });
    expect(timestamp!.genTime?.toISOString()).toBe('2025-03-01T09:00:05.000Z');
    expect(timestamp!.token).toMatchObject({ intact: 'passed', valid: 'passed', signerIdentification: 'found', certificateBinding: 'signing-certificate-v2' });
  });

  it('without content, a detached signature cannot be checked: unknown, with the reason', async () => {
    const [result] = await verifyCmsWithContent(sample('cms/rsa-sha256.txt.p7s'), undefined);
    expect(result).toMatchObject({ intact: 'unknown', unknownReason: 'no-content' });
  });
});

describe('CMS integrity never throws on bad bytes', () => {
  const good = sample('cms/rsa-sha256.txt.p7s');
  const random = new Uint8Array(4096).map((_, i) => (i * 2654435761) >>> 24);
  const pem = new TextEncoder().encode(`-----BEGIN PKCS7-----\n${Buffer.from(good).toString('base64')}\n-----END PKCS7-----\n`);
  it.each([
    ['empty', new Uint8Array(0), 'CMS_NOT_DER'],
    ['truncated', good.subarray(0, good.length >> 1), 'CMS_NOT_DER'],
    ['one byte', good.subarray(0, 1), 'CMS_NOT_DER'],
    ['random', random, 'CMS_NOT_DER'],
    ['PEM where DER was expected', pem, 'CMS_NOT_DER'],
    ['trailing garbage', new Uint8Array([...good, 1, 2, 3]), 'CMS_TRAILING_BYTES'],
  ])('%s → one unreadable result', async (_name, bytes, code) => {
    const results = await verifyCmsWithContent(bytes, new Uint8Array(0));
    expect(results).toHaveLength(1);
    expect(results[0]!.wellFormed).toBe(false);
    expect(results[0]!.messages.map((m) => m.code)).toContain(code);
  });
});
