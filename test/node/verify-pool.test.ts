import { readFileSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verify } from '../../src/index.js';
import { createVerifyPool, type FileResult, type VerifyManyInput } from '../../src/node.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import { AT, SAMPLES } from '../helpers.js';
import { DOCUMENT_KINDS, mixedFolder } from './fixture.js';

const trust = TrustStore.from(readFileSync(`${SAMPLES}pki/kyso-test-root.pem`, 'utf8'));
const folder = mixedFolder();
afterAll(() => rmSync(folder.root, { recursive: true, force: true }));

const KINDS = DOCUMENT_KINDS;

function inProcess(input: VerifyManyInput) {
  return input instanceof Uint8Array ? verify(input, { trust, at: AT }) : verify(input.bytes, { trust, at: AT, ...(input.content ? { content: input.content } : {}) });
}

function outcome(result: FileResult): string {
  if ('report' in result) return result.report.indication;
  if ('error' in result) return result.error.code;
  return result.skipped;
}

describe('createVerifyPool', () => {
  it('one pool serves verify, verifyMany and verifyFiles, again and again, with the reports verify() gives', async () => {
    const expected = await Promise.all(KINDS.map(inProcess));
    const pool = createVerifyPool({ trust, at: AT, threads: 2 });
    try {
      expect(pool.threads).toBe(2);
      for (let round = 0; round < 3; round++) {
        // Single documents at the same time share the threads and their batches, and each still gets its own report.
        expect(await Promise.all(KINDS.map((input) => pool.verify(input)))).toEqual(expected);
        const order = Array.from({ length: 200 }, (_, n) => (n * 7 + round) % KINDS.length);
        const reports = [];
        for await (const report of pool.verifyMany(order.map((kind) => KINDS[kind]!))) reports.push(report);
        expect(reports).toEqual(order.map((kind) => expected[kind]));
        const files: [string, string][] = [];
        for await (const result of pool.verifyFiles([folder.root])) files.push([relative(folder.root, result.path), outcome(result)]);
        expect(files).toEqual(folder.expected);
      }
    } finally {
      await pool.close();
    }
  });

  it("one caller's abort ends its own run only: another run on the same pool gets every report", async () => {
    const pool = createVerifyPool({ trust, at: AT, threads: 2 });
    try {
      const expected = await Promise.all(KINDS.map(inProcess));
      const controller = new AbortController();
      const aborted = (async () => {
        let got = 0;
        for await (const _ of pool.verifyMany(Array.from({ length: 400 }, (_, n) => KINDS[n % KINDS.length]!), { signal: controller.signal })) {
          if (++got === 20) controller.abort();
        }
        return got;
      })();
      const other = (async () => {
        const reports = [];
        for await (const report of pool.verifyMany(Array.from({ length: 300 }, (_, n) => KINDS[n % KINDS.length]!))) reports.push(report);
        return reports;
      })();
      const [got, reports] = await Promise.all([aborted, other]);
      expect(got).toBeGreaterThanOrEqual(20);
      expect(got).toBeLessThan(400);
      expect(reports).toEqual(Array.from({ length: 300 }, (_, n) => expected[n % KINDS.length]));
      // The threads are still there for the next caller.
      expect(await pool.verify(KINDS[0]!)).toEqual(expected[0]);
    } finally {
      await pool.close();
    }
  });

  it('options that cannot cross to a thread, bad inputs and a closed pool throw KysoOptionsError', async () => {
    expect(() => createVerifyPool({ trust, at: AT, threads: 0 })).toThrow(expect.objectContaining({ code: 'ERR_KYSO_INVALID_OPTIONS' }));
    expect(() => createVerifyPool({ trust, at: AT, policy: { roles: () => undefined } as never })).toThrow(expect.objectContaining({ code: 'ERR_KYSO_INVALID_OPTIONS' }));
    const pool = createVerifyPool({ trust, at: AT, threads: 1 });
    await expect(pool.verify('x' as unknown as Uint8Array)).rejects.toMatchObject({ code: 'ERR_KYSO_INVALID_OPTIONS' });
    await pool.close();
    await pool.close();
    await expect(pool.verify(KINDS[0]!)).rejects.toMatchObject({ code: 'ERR_KYSO_INVALID_OPTIONS' });
    const drain = async (it: AsyncIterable<unknown>) => {
      for await (const _ of it) void _;
    };
    await expect(drain(pool.verifyMany([KINDS[0]!]))).rejects.toMatchObject({ code: 'ERR_KYSO_INVALID_OPTIONS' });
  });
});
