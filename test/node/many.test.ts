import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verify } from '../../src/index.js';
import { verifyMany, type VerifyManyInput } from '../../src/node.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import { AT, SAMPLES, sample } from '../helpers.js';
import { DOCUMENT_KINDS } from './fixture.js';

const trust = TrustStore.from(readFileSync(`${SAMPLES}pki/kyso-test-root.pem`, 'utf8'));

/** Documents of every format, each with the verdict it must get. */
const KINDS = DOCUMENT_KINDS;

describe('verifyMany', () => {
  it('1,000 documents come back in input order, each with the report verify() gives it', async () => {
    const expected = await Promise.all(
      KINDS.map((input) => (input instanceof Uint8Array ? verify(input, { trust, at: AT }) : verify(input.bytes, { trust, at: AT, ...(input.content ? { content: input.content } : {}) }))),
    );
    // A sequence no reordering can pass: kind i at position n is (n * 7) % 10.
    const order = Array.from({ length: 1000 }, (_, n) => (n * 7) % KINDS.length);
    let pulled = 0;
    let yielded = 0;
    let mostAhead = 0;
    function* inputs(): Generator<VerifyManyInput> {
      for (const kind of order) {
        pulled++;
        mostAhead = Math.max(mostAhead, pulled - yielded);
        yield KINDS[kind]!;
      }
    }
    const got: string[] = [];
    for await (const report of verifyMany(inputs(), { trust, at: AT, concurrency: 2 })) {
      got.push(`${report.sha256} ${report.indication} ${report.subIndication ?? ''}`);
      yielded++;
    }
    expect(got).toEqual(order.map((kind) => `${expected[kind]!.sha256} ${expected[kind]!.indication} ${expected[kind]!.subIndication ?? ''}`));
    // Bounded memory: small documents run ahead by at most four batches of 8 per worker.
    expect(mostAhead).toBeLessThanOrEqual(2 * 4 * 8 + 1);
  });

  it('large documents are not pulled ahead past twice the concurrency', async () => {
    // 6 MiB each: past two per worker, the 16 MiB allowance for batching small documents is spent.
    const big = new Uint8Array(6 * 1024 * 1024);
    let pulled = 0;
    let yielded = 0;
    let mostAhead = 0;
    function* inputs(): Generator<VerifyManyInput> {
      for (let i = 0; i < 12; i++) {
        pulled++;
        mostAhead = Math.max(mostAhead, pulled - yielded);
        yield big;
      }
    }
    for await (const report of verifyMany(inputs(), { trust, at: AT, concurrency: 2 })) {
      expect(report.indication).toBe('NO_SIGNATURE');
      yielded++;
    }
    expect(yielded).toBe(12);
    expect(mostAhead).toBeLessThanOrEqual(2 * 2 + 1);
  });

  it('reports made in a worker equal the in-process ones', async () => {
    const inputs = KINDS.slice(0, 7);
    const reports = [];
    for await (const report of verifyMany(inputs, { trust, at: AT, concurrency: 2 })) reports.push(report);
    const expected = await Promise.all(inputs.map((input) => (input instanceof Uint8Array ? verify(input, { trust, at: AT }) : verify(input.bytes, { trust, at: AT, ...(input.content ? { content: input.content } : {}) }))));
    expect(reports).toEqual(expected);
  });

  it('bad options and inputs throw KysoOptionsError', async () => {
    const drain = async (it: AsyncIterable<unknown>) => {
      for await (const _ of it) void _;
    };
    await expect(drain(verifyMany([sample('pdf/person-signed.pdf')], { concurrency: 0 }))).rejects.toMatchObject({ code: 'ERR_KYSO_INVALID_OPTIONS' });
    await expect(drain(verifyMany(['x' as unknown as Uint8Array], { trust, at: AT }))).rejects.toMatchObject({ code: 'ERR_KYSO_INVALID_OPTIONS' });
  });
});
