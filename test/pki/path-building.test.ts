/** Path building and RFC 5280 checks on openssl-made fixtures (test/pki/fixtures/make.sh). */
import { describe, expect, test } from 'vitest';
import { validateCertificatePath } from '../../src/pki/validate-path.js';
import { DEFAULT_BUDGET } from '../../src/pki/budget.js';
import type { ValidatePathInput } from '../../src/pki/types.js';
import { certFile, codes, expectStatus, FIXTURES, VN_CA } from './helpers.js';

const fixture = (path: string): Uint8Array => certFile(`${FIXTURES}${path}`);
const AT = new Date('2025-06-01T00:00:00Z');

const ROOT = fixture('pki/root.pem');
const CA = fixture('pki/ca.pem');

function run(leaf: Uint8Array, extra: Partial<ValidatePathInput> = {}) {
  return validateCertificatePath({ leaf, intermediates: [CA], trustAnchors: [ROOT], at: AT, revocationMode: 'off', ...extra });
}

describe('a ring of cross-certificates (X by Y, Y by Z, Z by X)', () => {
  const ring = ['loop/x-by-y.pem', 'loop/y-by-z.pem', 'loop/z-by-x.pem'].map(fixture);
  const leaf = fixture('loop/leaf.pem');

  test('ends with NO_CERTIFICATE_CHAIN_FOUND when no anchor is in the ring', async () => {
    const result = await run(leaf, { intermediates: ring });
    expectStatus(result, 'invalid', 'NO_CERTIFICATE_CHAIN_FOUND');
    expect(result.rejected).toBeDefined();
  });

  test('ends even with every ring certificate offered many times over', async () => {
    const result = await run(leaf, { intermediates: Array.from({ length: 50 }, () => ring).flat() });
    expectStatus(result, 'invalid', 'NO_CERTIFICATE_CHAIN_FOUND');
  });

  test('finds the way through the ring to an anchor that is in it', async () => {
    // The anchor is CA Z (its certificate by X): leaf → X (by Y) → Y (by Z) → Z.
    const anchorZ = fixture('loop/z-by-x.pem');
    const result = await run(leaf, { intermediates: ring, trustAnchors: [anchorZ] });
    expectStatus(result, 'valid');
    expect(result.path.map((p) => p.role)).toEqual(['end-entity', 'intermediate', 'intermediate', 'anchor']);
  });

  test('a budget of one signature check stops the search with a message naming the budget', async () => {
    const result = await run(leaf, { intermediates: ring, trustAnchors: [fixture('loop/z-by-x.pem')], budget: { signatureChecks: 1 } });
    expect(result.status).not.toBe('valid');
    const message = result.messages.find((m) => m.code === 'PKI_BUDGET_EXHAUSTED');
    expect(message?.params).toMatchObject({ budget: 'signatureChecks', limit: 1 });
    expect(message?.vi).toContain('giới hạn');
  });

  test('a budget of two build calls stops the search too', async () => {
    const result = await run(leaf, { intermediates: ring, trustAnchors: [fixture('loop/z-by-x.pem')], budget: { buildCalls: 2 } });
    expect(result.status).not.toBe('valid');
    expect(codes(result)).toContain('PKI_BUDGET_EXHAUSTED');
  });
});

describe('path length', () => {
  const long = [1, 2, 3, 4, 5, 6, 7].map((i) => fixture(`long/l${i}.pem`));
  const leaf = fixture('long/leaf.pem');
  const root = fixture('long/root.pem');

  test('the default limit is six intermediates (webpki, Go)', () => {
    expect(DEFAULT_BUDGET).toEqual({ signatureChecks: 100, buildCalls: 200_000, nameConstraintComparisons: 250_000, maxDepth: 6 });
  });

  test('seven intermediates are refused with a clear reason', async () => {
    const result = await run(leaf, { intermediates: long, trustAnchors: [root] });
    expectStatus(result, 'invalid', 'CHAIN_CONSTRAINTS_FAILURE');
    const message = result.messages.find((m) => m.code === 'PKI_PATH_TOO_LONG');
    expect(message?.params).toMatchObject({ limit: 6 });
  });

  test('seven intermediates pass when the caller allows seven', async () => {
    const result = await run(leaf, { intermediates: long, trustAnchors: [root], budget: { maxDepth: 7 } });
    expectStatus(result, 'valid');
    expect(result.path).toHaveLength(9);
  });

  test('the intermediates may come in any order', async () => {
    const result = await run(leaf, { intermediates: [...long].reverse(), trustAnchors: [root], budget: { maxDepth: 7 } });
    expectStatus(result, 'valid');
  });
});

describe('what the end entity is good for', () => {
  test('document signing needs digitalSignature or nonRepudiation when keyUsage is present', async () => {
    const result = await run(fixture('pki/encipher-only.pem'), { usage: 'document-signing' });
    expectStatus(result, 'invalid', 'CHAIN_CONSTRAINTS_FAILURE');
    expect(codes(result)).toContain('PKI_LEAF_KEY_USAGE');
    expect(result.rejected?.subject).toContain('Lê Văn Mã Hoá');
    expectStatus(await run(fixture('pki/encipher-only.pem'), { usage: 'any' }), 'valid');
  });

  test('document signing accepts digitalSignature + nonRepudiation', async () => {
    expectStatus(await run(fixture('pki/good.pem'), { usage: 'document-signing' }), 'valid');
  });

  test('timestamping needs id-kp-timeStamping; a signer certificate does not have it', async () => {
    const result = await run(fixture('pki/good.pem'), { usage: 'timestamping' });
    expectStatus(result, 'invalid', 'CHAIN_CONSTRAINTS_FAILURE');
    expect(codes(result)).toContain('PKI_LEAF_EXTENDED_KEY_USAGE');
  });

  test('OCSP signing needs id-kp-OCSPSigning: the responder has it, a signer does not', async () => {
    expectStatus(await run(fixture('pki/ocsp-responder.pem'), { usage: 'ocsp-signing' }), 'valid');
    expectStatus(await run(fixture('pki/good.pem'), { usage: 'ocsp-signing' }), 'invalid', 'CHAIN_CONSTRAINTS_FAILURE');
  });
});

describe('anchors and hostile input', () => {
  test('a leaf that is itself an anchor is valid with the path [anchor]', async () => {
    const result = await run(ROOT);
    expectStatus(result, 'valid');
    expect(result.path.map((p) => p.role)).toEqual(['anchor']);
    expect(codes(result)).toContain('PKI_LEAF_IS_ANCHOR');
  });

  test('a leaf that does not decode is FORMAT_FAILURE, not an exception', async () => {
    const result = await run(Uint8Array.from([0x30, 0x82, 0xff, 0xff, 0x00]));
    expectStatus(result, 'invalid', 'FORMAT_FAILURE');
    expect(codes(result)).toEqual(['PKI_LEAF_UNREADABLE', 'PKI_DER_TRUNCATED']);
  });

  test('a candidate that does not decode is skipped with a warning', async () => {
    const result = await run(fixture('pki/good.pem'), { intermediates: [new Uint8Array(10), CA] });
    expectStatus(result, 'valid');
    expect(codes(result)).toContain('PKI_CANDIDATE_UNREADABLE');
  });

  test('past 16 unreadable candidates the rest are counted in one message; the same arrays again give the same messages', async () => {
    const junk = Array.from({ length: 40 }, (_, i) => Uint8Array.from([0x02, 0x01, i]));
    const first = await run(fixture('pki/good.pem'), { intermediates: [...junk, CA] });
    expectStatus(first, 'valid');
    expect(codes(first).filter((c) => c === 'PKI_CANDIDATE_UNREADABLE')).toHaveLength(16);
    expect(first.messages.find((m) => m.code === 'PKI_CANDIDATES_UNREADABLE_MORE')?.params).toEqual({ count: 24 });
    // The second validation takes the failures decoding the same arrays gave (remembered by identity).
    const again = await run(fixture('pki/good.pem'), { intermediates: [...junk, CA] });
    expect(again.messages).toEqual(first.messages);
  });

  test('every truncation of a real certificate is handled without throwing', async () => {
    const der = certFile(`${VN_CA}leaf-examples/g2-cpcag2-leaf-tong-cuc-thue-org.pem`);
    for (let n = 0; n < der.length; n += 7) {
      const result = await run(der.subarray(0, n));
      expect(result.status).toBe('invalid');
    }
  });

  test('a flipped byte in a signature makes the link fail, naming the certificate', async () => {
    const good = fixture('pki/good.pem').slice();
    good[good.length - 5]! ^= 0xff;
    const result = await run(good);
    expectStatus(result, 'invalid', 'CHAIN_CONSTRAINTS_FAILURE');
    expect(codes(result)).toContain('PKI_SIGNATURE_INVALID');
    expect(result.rejected?.subject).toContain('Nguyễn Văn Tốt');
  });

  test('no anchors at all: NO_CERTIFICATE_CHAIN_FOUND with a message saying so', async () => {
    const result = await run(fixture('pki/good.pem'), { trustAnchors: [] });
    expectStatus(result, 'invalid', 'NO_CERTIFICATE_CHAIN_FOUND');
    expect(codes(result)).toContain('PKI_NO_ANCHORS');
  });

  test.each([
    ['an invalid date', { at: new Date('nope') }],
    ['a string leaf', { leaf: 'MII' as unknown as Uint8Array }],
    ['an unknown mode', { revocationMode: 'sometimes' as 'off' }],
    ['an unknown usage', { usage: 'email' as 'any' }],
    ['a negative budget', { budget: { maxDepth: -1 } }],
  ])('bad options (%s) throw TypeError', async (_name, extra) => {
    await expect(run(fixture('pki/good.pem'), extra as Partial<ValidatePathInput>)).rejects.toThrow(TypeError);
  });
});

describe('Vietnamese names across root generations', () => {
  test('the G2 leaf chains although its names are UTF8String with diacritics', async () => {
    const anchors = [certFile(`${VN_CA}vgca/rootca-chuyen-dung-chinh-phu-g2.pem`)];
    const intermediates = [certFile(`${VN_CA}vgca/ca-phuc-vu-co-quan-nha-nuoc-g2.pem`)];
    const leaf = certFile(`${VN_CA}leaf-examples/g2-cpcag2-leaf-tong-cuc-thue-org.pem`);
    const result = await validateCertificatePath({ leaf, intermediates, trustAnchors: anchors, at: new Date('2024-01-01T00:00:00Z') });
    expectStatus(result, 'valid');
    expect(result.messages[0]?.vi).toContain('TỔNG CỤC THUẾ');
  });
});
