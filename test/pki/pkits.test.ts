/**
 * NIST PKITS (../shared/conformance/pkits): every case at 2022-05-01T00:00:00Z must get
 * its expected status. Known differences (DSA: no WebCrypto support) are listed with
 * their reason in pkits-known-differences.json and must never report `valid`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { validateCertificatePath } from '../../src/pki/validate-path.js';
import type { PathStatus } from '../../src/pki/types.js';
import type { PkitsCase } from './helpers.js';
import { pkitsCases, pkitsFile } from './helpers.js';

interface KnownDifference {
  id: string;
  name: string;
  expected: PathStatus;
  reason: string;
}

const AT = new Date('2022-05-01T00:00:00Z');
const cases = pkitsCases();
const known = JSON.parse(readFileSync(new URL('./pkits-known-differences.json', import.meta.url), 'utf8')) as KnownDifference[];
const knownByName = new Map(known.map((k) => [k.name, k]));

const file = pkitsFile;
const anchor = file('certs', 'TrustAnchorRootCertificate.crt');

async function run(c: PkitsCase) {
  return validateCertificatePath({
    leaf: file('certs', c.leaf),
    intermediates: c.certs.map((name) => file('certs', name)),
    trustAnchors: [anchor],
    at: AT,
    revocation: { supplied: { crls: c.crls.map((name) => file('crls', name)) } },
    revocationMode: c.requireRevocation ? 'require' : 'if-available',
    ...(c.policy ? { policy: c.policy } : {}),
  });
}

describe('NIST PKITS', () => {
  test('the known-differences file lists only DSA cases that exist', () => {
    for (const k of known) {
      const c = cases.find((x) => x.name === k.name);
      expect(c, k.name).toBeDefined();
      expect(k.reason).toMatch(/DSA/);
    }
  });

  test.each(cases.filter((c) => !knownByName.has(c.name)).map((c) => [`${c.id} ${c.name}`, c] as const))('%s', async (_label, c) => {
    const result = await run(c);
    const detail = JSON.stringify({ subIndication: result.subIndication, messages: result.messages.map((m) => `${m.code}: ${m.en}`) }, null, 1);
    expect(result.status, detail).toBe(c.expect);
  });

  test.each(known.map((k) => [`${k.id} ${k.name}`, k] as const))('%s (known difference) is never valid', async (_label, k) => {
    const c = cases.find((x) => x.name === k.name) as PkitsCase;
    const result = await run(c);
    expect(result.status).not.toBe('valid');
    expect(result.messages.map((m) => m.code)).toContain('PKI_SIGNATURE_UNSUPPORTED');
  });
});

describe('work budgets on PKITS paths', () => {
  const byName = (name: string) => cases.find((c) => c.name === name) as PkitsCase;

  test('name-constraint comparisons are charged: a budget of 0 stops 4.13.1, the default passes it', async () => {
    const c = byName('valid_dn_nameconstraints_test1');
    const base = {
      leaf: file('certs', c.leaf),
      intermediates: c.certs.map((name) => file('certs', name)),
      trustAnchors: [anchor],
      at: AT,
      revocationMode: 'off' as const,
    };
    expect((await validateCertificatePath(base)).status).toBe('valid');
    const starved = await validateCertificatePath({ ...base, budget: { nameConstraintComparisons: 0 } });
    expect(starved.status).toBe('invalid');
    expect(starved.messages.find((m) => m.code === 'PKI_BUDGET_EXHAUSTED')?.params).toMatchObject({ budget: 'nameConstraintComparisons' });
  });

  test('signature checks of CRLs count too: 4.4.19 (separate CRL signing key) needs more than two', async () => {
    const c = byName('valid_separate_certificate_and_crl_keys_test19');
    expect((await run(c)).status).toBe('valid');
    const limited = await validateCertificatePath({
      leaf: file('certs', c.leaf),
      intermediates: c.certs.map((name) => file('certs', name)),
      trustAnchors: [anchor],
      at: AT,
      revocation: { supplied: { crls: c.crls.map((name) => file('crls', name)) } },
      revocationMode: 'require',
      budget: { signatureChecks: 2 },
    });
    expect(limited.status).not.toBe('valid');
    expect(limited.messages.map((m) => m.code)).toContain('PKI_BUDGET_EXHAUSTED');
  });

  test('revocation data beyond 512 items is skipped with one warning', async () => {
    const c = byName('valid_signatures_test1');
    const garbage = Array.from({ length: 512 }, () => Uint8Array.of(0x30, 0x00));
    const result = await validateCertificatePath({
      leaf: file('certs', c.leaf),
      intermediates: c.certs.map((name) => file('certs', name)),
      trustAnchors: [anchor],
      at: AT,
      revocation: { supplied: { crls: [...garbage, file('crls', 'TrustAnchorRootCRL.crl'), file('crls', 'GoodCACRL.crl')] } },
      revocationMode: 'require',
    });
    expect(result.status).toBe('revocation-unknown');
    expect(result.messages.filter((m) => m.code === 'PKI_REVOCATION_DATA_LIMIT')).toHaveLength(1);
  });
});
