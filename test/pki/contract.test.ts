/**
 * The path-validation contract as issue 3 writes it — `{ leaf, intermediates,
 * trustAnchors, at, crls, ocspResponses, requireRevocation, policy }` — gives the same
 * answers as the structured form: every PKITS case with revocation data, in the short form.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { validateCertificatePath } from '../../src/pki/validate-path.js';
import { sample } from '../helpers.js';
import { pkitsCases, pkitsFile as file } from './helpers.js';

const cases = pkitsCases().filter((c) => c.requireRevocation || c.crls.length > 1);
const known = new Set((JSON.parse(readFileSync(new URL('./pkits-known-differences.json', import.meta.url), 'utf8')) as { name: string }[]).map((k) => k.name));

describe('validateCertificatePath, short form of the contract', () => {
  test.each(cases.filter((c) => !known.has(c.name)).map((c) => [c.id, c.name, c] as const))('%s %s', async (_id, _name, c) => {
    const result = await validateCertificatePath({
      leaf: file('certs', c.leaf),
      intermediates: c.certs.map((name) => file('certs', name)),
      trustAnchors: [file('certs', 'TrustAnchorRootCertificate.crt')],
      at: new Date('2022-05-01T00:00:00Z'),
      crls: c.crls.map((name) => file('crls', name)),
      requireRevocation: c.requireRevocation,
      ...(c.policy ? { policy: c.policy } : {}),
    });
    expect(result.status).toBe(c.expect);
  });

  test('OCSP responses in the short form: a revoked signer is revoked', async () => {
    const pem = (name: string) => new TextDecoder().decode(sample(name));
    const der = (text: string) => new Uint8Array(Buffer.from(text.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
    const result = await validateCertificatePath({
      leaf: der(pem('ca/revoked.pem')),
      intermediates: [der(pem('ca/intermediate.pem'))],
      trustAnchors: [der(pem('pki/kyso-test-root.pem'))],
      at: new Date('2026-06-01T00:00:00Z'),
      ocspResponses: [sample('ca/ocsp-revoked-revoked.ocsp')],
      crls: [sample('ca/root.crl')],
      requireRevocation: true,
    });
    expect(result).toMatchObject({ status: 'revoked', subIndication: 'REVOKED' });
  });

  test('requireRevocation that contradicts revocationMode is a TypeError', async () => {
    await expect(
      validateCertificatePath({ leaf: new Uint8Array([0x30]), trustAnchors: [], at: new Date(), requireRevocation: true, revocationMode: 'off' }),
    ).rejects.toBeInstanceOf(TypeError);
  });
});
