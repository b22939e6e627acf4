/**
 * The json and jsonl writers write a document's report in pieces (a report of thousands of
 * PDF signatures outgrew a V8 string): the bytes must stay those JSON.stringify wrote.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWriter } from '../../src/cli/writers.js';
import type { Tally } from '../../src/cli/text-report.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, REPO, sample } from '../helpers.js';

const info = { kyso: 'kyso test', at: AT, lang: 'en' as const, quiet: false };
const summary = { total: 2, passed: 1, failed: 1, indeterminate: 0, unsigned: 0, skipped: 0, errors: 0, exitCode: 1 } as never;
const tally = {} as Tally;

async function written(format: 'json' | 'jsonl', reports: readonly DocumentReport[]): Promise<string> {
  let out = '';
  const writer = await createWriter(format, { write: (text) => void (out += text) }, info, { count: 0 });
  for (const [i, report] of reports.entries()) await writer.document({ path: `doc-${i}`, report });
  await writer.end(summary, tally);
  return out;
}

describe('json and jsonl writers', () => {
  it('write what JSON.stringify of the whole wrote, byte for byte', async () => {
    const trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
    const reports = [
      await verify(new Uint8Array(readFileSync(`${REPO}test/fixtures/attacks/pdf/signatures-12-unused-2000-page-changed.pdf`)), { trust, at: AT }),
      await verify(sample('pdf/person-then-organization.pdf'), { trust, at: AT }),
    ];
    const run = { kyso: info.kyso, validationTime: AT.toISOString() };
    const lines = reports.map((report, i) => JSON.stringify({ ...run, path: `doc-${i}`, ...report }));
    const jsonl = await written('jsonl', reports);
    expect(jsonl.split('\n').slice(0, 2)).toEqual(lines);

    const json = await written('json', reports);
    const whole = JSON.parse(json) as { documents: unknown[] };
    expect(whole.documents).toEqual(reports.map((report, i) => JSON.parse(JSON.stringify({ path: `doc-${i}`, ...report }))));
    const indent = (text: string) => text.split('\n').map((line) => `    ${line}`).join('\n');
    expect(json).toContain(`"documents": [\n${reports.map((report, i) => indent(JSON.stringify({ path: `doc-${i}`, ...report }, null, 2))).join(',\n')}\n  ],`);
  });
});
