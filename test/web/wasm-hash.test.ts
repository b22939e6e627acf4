import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createWasmHashFactory } from '../../src/browser.js';
import type { DigestAlgorithm } from '../../src/index.js';

const NODE_NAMES: Record<DigestAlgorithm, string> = {
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
  'SHA3-256': 'sha3-256',
  'SHA3-384': 'sha3-384',
  'SHA3-512': 'sha3-512',
};

function bytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

describe('WebAssembly hashing for browsers', () => {
  it('gives the digests node:crypto gives, for every algorithm, in chunks of any size', async () => {
    const factory = await createWasmHashFactory(2);
    const data = bytes(3 * 65536 + 17, 7);
    for (const algorithm of Object.keys(NODE_NAMES) as DigestAlgorithm[]) {
      const hash = factory(algorithm);
      for (let at = 0; at < data.length; at += 40_000) hash.update(data.subarray(at, at + 40_000));
      expect(Buffer.from(hash.digest()).toString('hex')).toBe(createHash(NODE_NAMES[algorithm]).update(data).digest('hex'));
    }
  });

  it('hashes lent at once stay apart, and more than the pool holds still come out right', async () => {
    const factory = await createWasmHashFactory(1);
    const a = bytes(1000, 1);
    const b = bytes(2000, 2);
    const c = bytes(3000, 3);
    const [ha, hb, hc] = [factory('SHA-256'), factory('SHA-256'), factory('SHA-256')];
    ha.update(a);
    hb.update(b);
    hc.update(c);
    const hex = (h: { digest(): Uint8Array }) => Buffer.from(h.digest()).toString('hex');
    expect([hex(hc), hex(ha), hex(hb)]).toEqual([c, a, b].map((x) => createHash('sha256').update(x).digest('hex')));
    const again = factory('SHA-256');
    again.update(a);
    expect(hex(again)).toBe(createHash('sha256').update(a).digest('hex'));
  });

  it('refuses a pool size that makes no sense', async () => {
    await expect(createWasmHashFactory(0)).rejects.toThrow(TypeError);
  });
});
