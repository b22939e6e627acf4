/**
 * verify() never throws on damaged documents: seeded random mutations (byte flips,
 * truncations, insertions, deletions) of real samples made by openssl, pdfsig and
 * xmlsec1 each get a plain-data report; a mutant that still passes must have kept the
 * signed content (a detached CMS then still verifies the same file).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import { verify } from '../../src/verify.js';
import { AT, sample } from '../helpers.js';

/** Small deterministic PRNG (mulberry32), so every run mutates the same way. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(bytes: Uint8Array, random: () => number): Uint8Array {
  const at = Math.floor(random() * bytes.length);
  switch (Math.floor(random() * 4)) {
    case 0: {
      const out = bytes.slice();
      out[at] = (out[at]! ^ (1 + Math.floor(random() * 255))) & 0xff;
      return out;
    }
    case 1:
      return bytes.slice(0, at);
    case 2:
      return new Uint8Array([...bytes.subarray(0, at), Math.floor(random() * 256), ...bytes.subarray(at)]);
    default:
      return new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + 1)]);
  }
}

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

const ROUNDS = 40;

describe.each([
  ['cms/rsa-sha256.txt.p7s', 'cms/rsa-sha256.txt'],
  ['pdf/person-then-organization.pdf', undefined],
  ['xml/xades-baseline-b.xml', undefined],
  ['edxml/signed.edxml', undefined],
])('%s, seeded mutations', (name, contentName) => {
  it('every mutant gets a plain-data report, and no exception escapes', async () => {
    const original = sample(name);
    const content = contentName ? sample(contentName) : undefined;
    const baseline = await verify(original, { trust, at: AT, ...(content ? { content } : {}) });
    expect(baseline.indication).toBe('TOTAL_PASSED');
    const random = prng(0x6b79736f);
    for (let i = 0; i < ROUNDS; i++) {
      const mutant = mutate(original, random);
      const report = await verify(mutant, { trust, at: AT, ...(content ? { content } : {}) });
      expect(['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE', 'NO_SIGNATURE']).toContain(report.indication);
      expect(JSON.parse(JSON.stringify(report))).toEqual(report);
      // Damage never makes someone else's signature pass: every passing signature is one of the original signers'.
      const signers = new Set(baseline.signatures.map((s) => s.signer?.sha256));
      for (const signature of report.signatures.filter((s) => s.indication === 'TOTAL_PASSED')) {
        expect(signers.has(signature.signer?.sha256)).toBe(true);
      }
    }
  });
});
