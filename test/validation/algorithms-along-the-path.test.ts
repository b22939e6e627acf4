/**
 * The algorithm policy judges every key a verdict rests on: the CAs of the path and
 * whoever signed the revocation data, not only the signer (samples/pki-edge, made by
 * samples/make-pki.sh; validation time 2025-06-01, no timestamp, so RSA-1024 is too weak).
 */
import { describe, expect, it } from 'vitest';
import { verify } from '../../src/verify.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { sample } from '../helpers.js';

const AT = new Date('2025-06-01T00:00:00Z');
const trust = TrustStore.from(sample('pki-edge/root.pem'));
const edge = (name: string) => sample(`pki-edge/${name}`);

function verdict(report: DocumentReport): string[] {
  return report.signatures.map((s) => (s.subIndication ? `${s.indication}/${s.subIndication}` : s.indication));
}

function policyMessages(report: DocumentReport): string[] {
  return (report.signatures[0]?.messages ?? []).filter((m) => m.code.startsWith('POLICY_')).map((m) => m.en);
}

describe('algorithm policy along the path', () => {
  it('a CA certificate with a 1024-bit key below the anchor makes the signature INDETERMINATE, naming the CA', async () => {
    const report = await verify(edge('weak-ca.txt.p7s'), { trust, at: AT, content: edge('content.txt'), revocation: { mode: 'off' } });
    expect(verdict(report)).toEqual(['INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE']);
    expect(policyMessages(report).join('\n')).toMatch(/Certificate CN=kyso pki-edge CA with a 1024-bit key,.* uses RSA-1024/);
  });

  it('an OCSP response signed with a 1024-bit responder key is held to the policy too', async () => {
    const report = await verify(edge('good.txt.p7s'), {
      trust,
      at: AT,
      content: edge('content.txt'),
      revocation: { mode: 'require', crls: [edge('root.crl')], ocspResponses: [edge('good-by-weak-responder.ocsp')] },
    });
    expect(report.signatures[0]?.revocation[0]).toMatchObject({ status: 'good', method: 'ocsp' });
    expect(verdict(report)).toEqual(['INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE']);
    expect(policyMessages(report).join('\n')).toContain('Revocation data signer');
  });

  it('the same signature with the revocation answered by a 2048-bit responder passes', async () => {
    const report = await verify(edge('good.txt.p7s'), {
      trust,
      at: AT,
      content: edge('content.txt'),
      revocation: { mode: 'require', crls: [edge('root.crl'), edge('ca.crl')] },
    });
    expect(verdict(report)).toEqual(['TOTAL_PASSED']);
  });
});
