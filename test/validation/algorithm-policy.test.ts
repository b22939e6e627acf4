import { describe, expect, it } from 'vitest';
import type { IntegrityResult } from '../../src/cms/types.js';
import type { ParsedSignature } from '../../src/formats/types.js';
import { resolveOptions } from '../../src/options.js';
import { parseCertificates } from '../../src/pki/index.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import { DEFAULT_ALGORITHM_POLICY, judgeAlgorithms } from '../../src/validation/algorithm-policy.js';
import { evaluateSignature } from '../../src/validation/signature.js';
import { buildValidationContext } from '../../src/verify.js';
import { shared } from '../helpers.js';

const what = { vi: 'Chữ ký', en: 'The signature' };

describe('algorithm policy by date', () => {
  it.each([
    ['SHA-256 at any time', { what, digest: 'SHA-256', publicKey: 'RSA-2048' }, '2026-01-01', 'acceptable'],
    ['SHA-1 before the cut-off', { what, digest: 'SHA-1' }, '2019-12-31', 'acceptable'],
    ['SHA-1 on the cut-off day', { what, digest: 'SHA-1' }, '2020-01-01', 'expired-no-poe'],
    ['sha1WithRSAEncryption after the cut-off', { what, digest: 'sha1WithRSAEncryption' }, '2024-01-01', 'expired-no-poe'],
    ['RSA-1024 before 2014', { what, digest: 'SHA-256', publicKey: 'RSA-1024' }, '2013-06-01', 'acceptable'],
    ['RSA-1024 after 2014', { what, digest: 'SHA-256', publicKey: 'RSA-1024' }, '2014-06-01', 'expired-no-poe'],
    ['RSA-512 at any time', { what, digest: 'SHA-256', publicKey: 'RSA-512' }, '2000-01-01', 'unacceptable'],
    ['EC keys are not judged by RSA size', { what, digest: 'SHA-256', publicKey: 'EC-P-256' }, '2026-01-01', 'acceptable'],
  ])('%s → %s', (_name, use, when, expected) => {
    expect(judgeAlgorithms([use], new Date(`${when}T00:00:00Z`), DEFAULT_ALGORITHM_POLICY).judgement).toBe(expected);
  });

  it('the worst use wins and every weak use is named', () => {
    const result = judgeAlgorithms(
      [
        { what, digest: 'SHA-256', publicKey: 'RSA-512' },
        { what: { vi: 'Chứng thư X', en: 'Certificate X' }, digest: 'sha1WithRSAEncryption' },
      ],
      new Date('2024-01-01T00:00:00Z'),
      DEFAULT_ALGORITHM_POLICY,
    );
    expect(result.judgement).toBe('unacceptable');
    expect(result.messages.map((m) => m.code)).toEqual(['POLICY_ALGORITHM_UNACCEPTABLE', 'POLICY_WEAK_ALGORITHM_EXPIRED']);
    expect(result.messages[1]!.en).toContain('Certificate X uses SHA-1');
    expect(result.messages[1]!.vi).toContain('Chứng thư X dùng SHA-1');
  });
});

describe('a CA pinned in the trust store is not judged by its own algorithm', () => {
  // A real organisation certificate of a tax office (SHA-256), issued by the Ministry of
  // Finance's G1 sub-CA, which is itself SHA-1-signed by the G1 root.
  const leaf = parseCertificates(new TextDecoder().decode(shared('vn-ca/leaf-examples/g1-btc-leaf-chi-cuc-thue-org.pem')))[0]!;
  const subCa = parseCertificates(new TextDecoder().decode(shared('vn-ca/vgca/g1-co-quan-chung-thuc-so-bo-tai-chinh.pem')))[0]!;
  const root = new TextDecoder().decode(shared('vn-ca/vgca/rootca-chuyen-dung-chinh-phu-g1-sha1.pem'));
  const at = new Date('2024-01-01T00:00:00Z');

  // The integrity facts are given: no private key of a real signer is at hand, and this test is about the path's algorithms.
  function signedBy(certificates: Uint8Array[]): ParsedSignature {
    const integrity: IntegrityResult = {
      wellFormed: true,
      intact: 'passed',
      valid: 'passed',
      signerIdentification: 'found',
      certificateBinding: 'none',
      signerCertificate: leaf,
      certificates,
      revocation: {},
      digestAlgorithm: 'SHA-256',
      signatureAlgorithm: 'RSASSA-PKCS1-v1_5 SHA-256',
      timestamps: [],
      messages: [],
    };
    return { id: 'signer-1', format: 'cms', integrity, formatFailure: false, messages: [] };
  }

  it('with the bundled store, the SHA-1 G1 sub-CA is pinned: passes, reported as information', async () => {
    const context = await buildValidationContext(resolveOptions({ trust: await TrustStore.bundled(), at }));
    const report = await evaluateSignature(signedBy([]), context);
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.signer).toMatchObject({ role: 'organization', identifiers: [{ type: 'MST', value: '0301519977-029' }] });
    expect(report.chain.map((c) => c.source)).toEqual(['document', 'trust-store', 'trust-store']);
    expect(report.messages.find((m) => m.code === 'POLICY_PINNED_CA_ALGORITHM')).toMatchObject({ severity: 'info' });
  });

  it('the same sub-CA arriving only inside the document is judged: SHA-1 in 2024 → CRYPTO_CONSTRAINTS_FAILURE_NO_POE', async () => {
    const context = await buildValidationContext(resolveOptions({ trust: TrustStore.from(root), at }));
    const report = await evaluateSignature(signedBy([subCa]), context);
    expect(report.indication).toBe('INDETERMINATE');
    expect(report.subIndication).toBe('CRYPTO_CONSTRAINTS_FAILURE_NO_POE');
  });
});
