/** `kyso metrics` counts a document once: the same bytes (by SHA-256) and a package's extracted attachment are not counted again. */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';
import { SAMPLES } from '../helpers.js';

const TRUST = ['--trust', `${SAMPLES}pki`];
const AT = ['--at', '2026-06-01T00:00:00Z'];
const JSON_BY = ['--format', 'json', '--by', 'agency,province,month'];
const temp = mkdtempSync(join(tmpdir(), 'kyso-dedup-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const PACKAGE = `${SAMPLES}edxml/signed.edxml`;
// The PDF signed.edxml carries as its attachment 123-UBND-VP.pdf (the same bytes).
const CARRIED = `${SAMPLES}pdf/person-then-organization.pdf`;

const EN_DUPLICATES = (n: number) => `reports of the same bytes (same SHA-256), counted once: ${n}`;
const EN_CARRIED = (n: number) => `copies of an attachment of a counted package, not counted again: ${n}`;

let folder: string;
let packageOnly: unknown;

async function jsonl(name: string, ...args: string[]): Promise<string> {
  const verified = await run(['verify', ...TRUST, '--format', 'jsonl', ...args]);
  const path = join(temp, name);
  writeFileSync(path, verified.stdout);
  return path;
}

beforeAll(async () => {
  folder = join(temp, 'inbox');
  mkdirSync(folder);
  copyFileSync(PACKAGE, join(folder, 'a.edxml'));
  copyFileSync(PACKAGE, join(folder, 'b.edxml'));
  copyFileSync(CARRIED, join(folder, 'c.pdf'));
  const alone = await run(['metrics', ...TRUST, ...AT, ...JSON_BY, PACKAGE]);
  expect(alone).toMatchObject({ code: 0, stderr: '' });
  packageOnly = JSON.parse(alone.stdout);
});

describe('kyso metrics counts each document once', () => {
  it('two names for the same package and the PDF extracted from it are one document, and standard error says what was dropped', async () => {
    const result = await run(['metrics', ...TRUST, ...AT, ...JSON_BY, '--lang', 'en', folder]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`kyso metrics: ${EN_DUPLICATES(1)}; ${EN_CARRIED(1)}\n`);
    expect(JSON.parse(result.stdout)).toEqual(packageOnly);
    const vi = await run(['metrics', ...TRUST, ...AT, ...JSON_BY, '--lang', 'vi', folder]);
    expect(vi.stderr).toBe('kyso metrics: báo cáo trùng nội dung (cùng SHA-256), chỉ đếm một lần: 1; bản sao tệp đính kèm của một gói đã đếm, không đếm lại: 1\n');
    const text = await run(['metrics', ...TRUST, ...AT, '--lang', 'en', folder]);
    expect(text.stdout.split('\n')[0]).toBe(`Documents counted: 1; ${EN_DUPLICATES(1)}; ${EN_CARRIED(1)}`);
  });

  it('the extracted PDF before its package is taken back out when the package comes (any order gives the same counts)', async () => {
    const reversed = await jsonl('reversed.jsonl', ...AT, CARRIED, PACKAGE);
    const result = await run(['metrics', ...JSON_BY, '--lang', 'en', reversed]);
    expect(result.stderr).toBe(`kyso metrics: ${EN_CARRIED(1)}\n`);
    expect(JSON.parse(result.stdout)).toEqual(packageOnly);
  });

  it('--count-extracted-copies counts the extracted PDF apart (what shard metrics of the queue count)', async () => {
    const result = await run(['metrics', ...TRUST, ...AT, '--format', 'json', '--lang', 'en', '--count-extracted-copies', folder]);
    expect(result.stderr).toBe(`kyso metrics: ${EN_DUPLICATES(1)}\n`);
    expect((JSON.parse(result.stdout) as { total: Record<string, number> }).total).toMatchObject({ documents: 2, edxmlPackages: 1 });
  });

  it('a JSONL file given twice counts once', async () => {
    const once = await jsonl('once.jsonl', ...AT, PACKAGE, `${SAMPLES}pdf/unsigned-fields.pdf`);
    const single = await run(['metrics', ...JSON_BY, once]);
    const twice = await run(['metrics', ...JSON_BY, '--lang', 'en', once, once]);
    expect(twice.stderr).toBe(`kyso metrics: ${EN_DUPLICATES(2)}\n`);
    expect(JSON.parse(twice.stdout)).toEqual(JSON.parse(single.stdout));
  });

  it('the same bytes verified at two times are one document, judged by the later report, whichever comes first', async () => {
    const early = await jsonl('2026.jsonl', ...AT, PACKAGE);
    // In 2050 the test certificates have expired and nothing proves the signatures older: not TOTAL_PASSED.
    const late = await jsonl('2050.jsonl', '--at', '2050-06-01T00:00:00Z', PACKAGE);
    const lateOnly = JSON.parse((await run(['metrics', ...JSON_BY, late])).stdout) as { total: Record<string, number> };
    expect(lateOnly.total).toMatchObject({ documents: 1, passed: 0 });
    for (const order of [[early, late], [late, early]]) {
      const result = await run(['metrics', ...JSON_BY, '--lang', 'en', ...order]);
      expect(result.stderr).toBe(`kyso metrics: ${EN_DUPLICATES(1)}\n`);
      expect(JSON.parse(result.stdout)).toEqual(lateOnly);
    }
  });
});

describe('report lines are input', () => {
  it('an attachment that is not an object is passed over, and a report naming its own bytes among what it carries still counts', async () => {
    const { documentIdentity, DuplicateFilter } = await import('../../src/metrics/dedup.js');
    const { Aggregator } = await import('../../src/metrics/aggregate.js');
    const { verify, TrustStore } = await import('../../src/index.js');
    const { readFileSync } = await import('node:fs');
    const report = await verify(new Uint8Array(readFileSync(CARRIED)), { trust: TrustStore.from(readFileSync(`${SAMPLES}pki/kyso-test-root.pem`, 'utf8')), at: new Date('2026-06-01T00:00:00Z') });
    const line = { ...report, attachments: [null, 7, { sha256: 'ab', attachments: [null] }] } as unknown as typeof report;
    expect(documentIdentity(line).carried).toEqual(['AB']);
    const aggregator = new Aggregator();
    const filter = new DuplicateFilter(aggregator);
    filter.add({ indication: report.indication, facts: report.facts!, document: { sha256: report.sha256, carried: [report.sha256] } });
    expect(aggregator.result().total['documents']).toBe(1);
    expect(filter.carriedCopies).toBe(0);
  });
});
