/** Certificate signature algorithms, on openssl-made pairs (test/pki/fixtures/algs). */
import { describe, expect, test } from 'vitest';
import { validateCertificatePath } from '../../src/pki/validate-path.js';
import { certFile, codes, expectStatus, FIXTURES } from './helpers.js';

const AT = new Date('2025-06-01T00:00:00Z');

async function validate(name: string, tamper = false) {
  const leaf = certFile(`${FIXTURES}algs/${name}-leaf.pem`).slice();
  if (tamper) leaf[leaf.length - 3]! ^= 0x01;
  return validateCertificatePath({ leaf, trustAnchors: [certFile(`${FIXTURES}algs/${name}-ca.pem`)], at: AT, revocationMode: 'off' });
}

describe('supported certificate signature algorithms', () => {
  test.each(['ecdsa-p256-sha256', 'ecdsa-p384-sha384', 'ecdsa-p521-sha512', 'rsa-pss-sha256', 'rsa-sha1', 'rsa-sha512', 'ed25519'])(
    '%s: a good signature validates, a flipped bit does not',
    async (name) => {
      expectStatus(await validate(name), 'valid');
      const bad = await validate(name, true);
      expectStatus(bad, 'invalid', 'CHAIN_CONSTRAINTS_FAILURE');
      expect(codes(bad)).toContain('PKI_SIGNATURE_INVALID');
    },
  );
});

describe('unsupported algorithms never pass', () => {
  test('DSA is reported as unsupported, not as valid', async () => {
    const result = await validate('dsa-sha256');
    expectStatus(result, 'invalid', 'CHAIN_CONSTRAINTS_FAILURE');
    const message = result.messages.find((m) => m.code === 'PKI_SIGNATURE_UNSUPPORTED');
    expect(message?.en).toMatch(/dsa-with-SHA256/);
  });
});
