/**
 * Signed attributes as real signers store them (issue 10, CMS edge cases): RFC 5652 §5.4
 * signs their DER encoding, so a SET stored out of DER order is verified over the sorted
 * re-encoding and the defect reported; one whose signature holds only over the stored
 * non-DER bytes (openssl accepts it) is not valid, as DSS rules. And the RFC 6211
 * algorithm-protection attribute must name the SignerInfo's algorithms.
 *
 * Made from an openssl CMS (samples/pki-edge/good.txt.p7s) by editing its DER tree and,
 * where the signer must have signed the edited bytes, re-signing with the test key
 * samples/pki-edge/good.key — openssl cannot be made to produce these defects.
 */
import { createHash, createSign, constants, privateEncrypt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { SAMPLES, sample } from '../helpers.js';
import { encodeTree, parseTree, type DerNode } from '../asn1/craft.js';

const AT = new Date('2025-06-01T00:00:00Z');
const trust = TrustStore.from(sample('pki-edge/root.pem'));
const KEY = readFileSync(`${SAMPLES}pki-edge/good.key`, 'utf8');

function signerInfoOf(cms: DerNode): DerNode {
  const signedData = cms.children![1]!.children![0]!;
  const signerInfos = signedData.children![signedData.children!.length - 1]!;
  return signerInfos.children![0]!;
}

/** good.txt.p7s with its signed attributes edited; re-signed over `signOver` when given. */
function crafted(edit: (attributes: DerNode[], signerInfo: DerNode) => void, signOver?: 'stored' | 'sorted'): Uint8Array {
  const cms = parseTree(sample('pki-edge/good.txt.p7s'));
  const signerInfo = signerInfoOf(cms);
  const signedAttrs = signerInfo.children![3]!;
  expect(signedAttrs.id).toBe(0xa0);
  edit(signedAttrs.children!, signerInfo);
  if (signOver) {
    const encodings = signedAttrs.children!.map((a) => Buffer.from(encodeTree(a)));
    const ordered = signOver === 'sorted' ? [...encodings].sort(Buffer.compare) : encodings;
    const set = encodeTree({ id: 0x31, children: ordered.map((e) => parseTree(new Uint8Array(e))) });
    const signature = createSign('sha256').update(set).sign(KEY);
    signerInfo.children![5]!.content = new Uint8Array(signature);
  }
  return encodeTree(cms);
}

function check(cms: Uint8Array): Promise<DocumentReport> {
  return verify(cms, { trust, at: AT, content: sample('pki-edge/content.txt'), revocation: { mode: 'off' } });
}

function verdict(report: DocumentReport): string[] {
  return report.signatures.map((s) => (s.subIndication ? `${s.indication}/${s.subIndication}` : s.indication));
}

const codes = (report: DocumentReport) => report.signatures.flatMap((s) => s.messages.map((m) => m.code));

const oid = (hex: string): DerNode => ({ id: 0x06, content: Uint8Array.from(Buffer.from(hex, 'hex')) });
const SHA256 = '608648016503040201';
const SHA512 = '608648016503040203';

/** CMSAlgorithmProtection { digestAlgorithm, signatureAlgorithm [1] } as an Attribute. */
function protection(digestOid: string, signatureAlgorithm: DerNode): DerNode {
  const value: DerNode = {
    id: 0x30,
    children: [{ id: 0x30, children: [oid(digestOid)] }, { id: 0xa1, children: signatureAlgorithm.children! }],
  };
  return { id: 0x30, children: [oid('2a864886f70d010934'), { id: 0x31, children: [value] }] };
}

describe('signed attributes and DER', () => {
  it('the openssl original passes', async () => {
    expect(verdict(await check(sample('pki-edge/good.txt.p7s')))).toEqual(['TOTAL_PASSED']);
  });

  it('stored out of DER order, signed over the DER: verified over the sorted SET, passed, the defect reported', async () => {
    const report = await check(crafted((attributes) => attributes.reverse()));
    expect(verdict(report)).toEqual(['TOTAL_PASSED']);
    expect(codes(report)).toContain('CMS_SIGNED_ATTRIBUTES_REENCODED');
  });

  it('signed over the stored non-DER order only: not valid (openssl accepts it; DSS and RFC 5652 do not)', async () => {
    const report = await check(crafted((attributes) => attributes.reverse(), 'stored'));
    expect(verdict(report)).toEqual(['TOTAL_FAILED/SIG_CRYPTO_FAILURE']);
    expect(codes(report)).toEqual(expect.arrayContaining(['CMS_SIGNED_ATTRIBUTES_REENCODED', 'CMS_SIGNED_ATTRIBUTES_ONLY_STORED_VALID']));
  });
});

describe('RFC 6211 algorithm protection', () => {
  it('an attribute naming the SignerInfo’s own algorithms passes', async () => {
    const report = await check(
      crafted((attributes, signerInfo) => {
        attributes.push(protection(SHA256, signerInfo.children![4]!));
      }, 'sorted'),
    );
    expect(verdict(report)).toEqual(['TOTAL_PASSED']);
  });

  it('an attribute naming another digest than the SignerInfo → TOTAL_FAILED/FORMAT_FAILURE', async () => {
    const report = await check(
      crafted((attributes, signerInfo) => {
        attributes.push(protection(SHA512, signerInfo.children![4]!));
      }, 'sorted'),
    );
    expect(verdict(report)).toEqual(['TOTAL_FAILED/FORMAT_FAILURE']);
    expect(codes(report)).toContain('CMS_ALGORITHM_PROTECTION_MISMATCH');
  });
});

describe('RSA DigestInfo without the NULL parameters', () => {
  it('is accepted with a warning (RFC 8017 allows both readings)', async () => {
    const cms = parseTree(sample('pki-edge/good.txt.p7s'));
    const signerInfo = signerInfoOf(cms);
    const set = encodeTree({ id: 0x31, children: signerInfo.children![3]!.children! });
    // DigestInfo ::= SEQUENCE { SEQUENCE { id-sha256 }, OCTET STRING digest } — the NULL left out.
    const digest = createHash('sha256').update(set).digest();
    const digestInfo = encodeTree({ id: 0x30, children: [{ id: 0x30, children: [oid(SHA256)] }, { id: 0x04, content: new Uint8Array(digest) }] });
    signerInfo.children![5]!.content = new Uint8Array(privateEncrypt({ key: KEY, padding: constants.RSA_PKCS1_PADDING }, digestInfo));
    const report = await check(encodeTree(cms));
    expect(verdict(report)).toEqual(['TOTAL_PASSED']);
    expect(codes(report)).toContain('CMS_DIGEST_INFO_WITHOUT_NULL');
  });

  it('a DigestInfo over other bytes still fails', async () => {
    const cms = parseTree(sample('pki-edge/good.txt.p7s'));
    const signerInfo = signerInfoOf(cms);
    const digest = createHash('sha256').update('not the signed attributes').digest();
    const digestInfo = encodeTree({ id: 0x30, children: [{ id: 0x30, children: [oid(SHA256)] }, { id: 0x04, content: new Uint8Array(digest) }] });
    signerInfo.children![5]!.content = new Uint8Array(privateEncrypt({ key: KEY, padding: constants.RSA_PKCS1_PADDING }, digestInfo));
    expect(verdict(await check(encodeTree(cms)))).toEqual(['TOTAL_FAILED/SIG_CRYPTO_FAILURE']);
  });
});
