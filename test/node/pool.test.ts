import { describe, expect, it } from 'vitest';
import { createPool } from '../../src/node/pool.js';
import { AT } from '../helpers.js';

const config = { at: AT, revocation: { crls: [], ocspResponses: [], online: false } };
const notADocument = { bytes: new Uint8Array([1, 2, 3]) };

describe('the worker pool', () => {
  it('begins with one thread fewer than jobs, and takes the last once 2,000 documents per thread are done', async () => {
    const pool = createPool(config, 2);
    try {
      const first = await pool.run<{ indication: string }[]>({ kind: 'many', documents: [notADocument] });
      expect(first.map((report) => report.indication)).toEqual(['NO_SIGNATURE']);
      expect(await pool.threads()).toBe(1);
      for (let done = 1; done < 2000; done += 100) await pool.run({ kind: 'many', documents: Array.from({ length: 100 }, () => notADocument) });
      await pool.run({ kind: 'many', documents: [notADocument] });
      expect(await pool.threads()).toBe(2);
    } finally {
      await pool.destroy();
    }
  });

  it('a long-lived pool starts every thread at once', async () => {
    const pool = createPool(config, 2, { keepWarm: true });
    try {
      await pool.run({ kind: 'many', documents: [notADocument] });
      expect(await pool.threads()).toBe(2);
    } finally {
      await pool.destroy();
    }
  });
});
