import { describe, expect, it } from 'vitest';
import { RememberedDecodings } from '../../src/pki/revocation/remembered.js';

describe('RememberedDecodings', () => {
  it('an array that failed to decode fails again with the same error, without being decoded again; equal bytes in another array are decoded', async () => {
    const cache = new RememberedDecodings<string>(8, 1024, 512);
    let calls = 0;
    const decode = (bytes: Uint8Array) => {
      calls++;
      if (bytes[0] !== 0x30) throw new Error(`junk ${bytes[0]}`);
      return 'ok';
    };
    const junk = Uint8Array.from([2, 1, 0]);
    const first = await cache.decode(junk, decode).catch((e: unknown) => e);
    expect(first).toEqual(new Error('junk 2'));
    expect(await cache.decode(junk, decode).catch((e: unknown) => e)).toBe(first);
    expect(calls).toBe(1);
    expect(await cache.decode(junk.slice(), decode).catch((e: unknown) => e)).not.toBe(first);
    expect(calls).toBe(2);
    const good = Uint8Array.from([0x30, 0]);
    expect(await cache.decode(good, decode)).toBe('ok');
    expect(await cache.decode(good, decode)).toBe('ok');
    expect(calls).toBe(3);
  });
});
