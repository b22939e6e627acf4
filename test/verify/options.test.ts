/**
 * resolveOptions builds the resolved options field by field: the same fields, in the same
 * order, with the same values and the same refusals as before, for a TrustStore and for
 * any other trust source.
 */
import { describe, expect, test } from 'vitest';
import { KysoOptionsError } from '../../src/errors.js';
import { DEFAULT_LIMITS } from '../../src/formats/limits.js';
import { portableHashFactory } from '../../src/io/hash.js';
import { resolveOptions } from '../../src/options.js';
import { defaultRoleRule } from '../../src/pki/describe.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import { DEFAULT_ALGORITHM_POLICY } from '../../src/validation/algorithm-policy.js';
import { sample } from '../helpers.js';

const trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
const at = new Date('2026-06-01T00:00:00Z');

describe('resolved options', () => {
  test('the fewest options: the defaults, in order', () => {
    const resolved = resolveOptions({ at });
    expect(Object.keys(resolved)).toEqual(['at', 'crls', 'ocspResponses', 'revocationMode', 'algorithms', 'limits', 'roleRule', 'packageSignature', 'passwords', 'hashFactory']);
    expect(resolved).toEqual({
      at,
      crls: [],
      ocspResponses: [],
      revocationMode: 'if-available',
      algorithms: DEFAULT_ALGORITHM_POLICY,
      limits: DEFAULT_LIMITS,
      roleRule: defaultRoleRule,
      packageSignature: 'report',
      passwords: [],
      hashFactory: portableHashFactory,
    });
    expect(resolveOptions(undefined).at).toBeInstanceOf(Date);
  });

  test('every option: each field where it was, holding what was given', () => {
    const content = new Uint8Array([1, 2, 3]);
    const fetch = { fetchCrl: async () => undefined, fetchOcsp: async () => undefined, fetchCertificate: async () => undefined };
    const crl = new Uint8Array([0x30, 0]);
    const roles = () => 'person' as const;
    const hashFactory = portableHashFactory;
    const resolved = resolveOptions({
      trust,
      at,
      content,
      revocation: { crls: [crl], ocspResponses: [crl], fetch: fetch as never, mode: 'require' },
      policy: { limits: { maxPdfRevisions: 5 }, algorithms: { rsaMinimumBits: 3072 }, roles, packageSignature: 'require' },
      passwords: ['mật khẩu'],
      hashFactory,
    });
    expect(Object.keys(resolved)).toEqual(['trust', 'at', 'content', 'crls', 'ocspResponses', 'fetcher', 'revocationMode', 'algorithms', 'limits', 'roleRule', 'packageSignature', 'passwords', 'hashFactory']);
    expect(resolved.trust).toBe(trust);
    expect(resolved.content?.size).toBe(3);
    expect(resolved.crls).toEqual([crl]);
    expect(resolved.fetcher).toBe(fetch);
    expect(resolved.revocationMode).toBe('require');
    expect(resolved.algorithms).toEqual({ ...DEFAULT_ALGORITHM_POLICY, rsaMinimumBits: 3072 });
    expect(resolved.limits).toEqual({ ...DEFAULT_LIMITS, maxPdfRevisions: 5 });
    expect(resolved.roleRule).toBe(roles);
    expect(resolved.packageSignature).toBe('require');
    expect(resolved.passwords).toEqual(['mật khẩu']);
    const byUri = resolveOptions({ at, content: { 'a.xml': content } });
    expect(Object.keys(byUri)).toEqual(['at', 'contentByUri', 'crls', 'ocspResponses', 'revocationMode', 'algorithms', 'limits', 'roleRule', 'packageSignature', 'passwords', 'hashFactory']);
    expect(byUri.contentByUri).toEqual(new Map([['a.xml', content]]));
  });

  test('a trust source that is not a TrustStore is still checked; a TrustStore passes as it is', () => {
    expect(() => resolveOptions({ trust: { anchors: 'x', intermediates: [] } as never })).toThrow(KysoOptionsError);
    expect(() => resolveOptions({ trust: { anchors: [], intermediates: [], nameAndKeyAnchors: ['x'] } as never })).toThrow(/nameAndKeyAnchors/);
    const plain = { anchors: trust.anchors, intermediates: [] };
    expect(resolveOptions({ trust: plain }).trust).toBe(plain);
    expect(resolveOptions({ trust: trust.withNameAndKeyAnchors(sample('pki/kyso-test-root.pem')) }).trust).toBeInstanceOf(TrustStore);
  });

  test('the first bad option is the one named', () => {
    expect(() => resolveOptions({ at: new Date(Number.NaN), revocation: { crls: 'x' as never } })).toThrow(/options\.at/);
    expect(() => resolveOptions({ at, revocation: { crls: 'x' as never, ocspResponses: 'y' as never } })).toThrow(/revocation\.crls/);
    expect(() => resolveOptions({ at, policy: { limits: { maxPdfRevisions: -1 } } })).toThrow(/limits\.maxPdfRevisions/);
  });
});
