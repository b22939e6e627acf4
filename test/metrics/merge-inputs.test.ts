/** `kyso metrics merge` checks every input before summing: the shipped schema, sums, versions, and no file counted twice. */
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeMetrics } from '../../src/metrics/aggregate.js';
import { checkMetricsDocument, MetricsInputError } from '../../src/metrics/validate.js';
import { run } from '../cli/run.js';
import { SAMPLES } from '../helpers.js';
import { writeCraftedShard } from './reports.js';

const OPTIONS = ['--at', '2026-06-01T00:00:00Z', '--trust', `${SAMPLES}pki`, '--by', 'agency,province,month,year', '--format', 'json'];
const temp = mkdtempSync(join(tmpdir(), 'kyso-merge-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let shardA: string;
let shardB: string;
let genuine: Record<string, unknown> & { total: Record<string, number>; groups: { key: Record<string, string>; counts: Record<string, number> }[] };

beforeAll(async () => {
  // Two documents with signatures of their own (person-signed.pdf is the first stage of the PDF signed.edxml carries: one document with it).
  const a = await run(['metrics', ...OPTIONS, `${SAMPLES}edxml/signed.edxml`, `${SAMPLES}pdf/expired-signed.pdf`]);
  const b = await run(['metrics', ...OPTIONS, `${SAMPLES}pdf/unsigned-fields.pdf`]);
  expect([a.code, b.code]).toEqual([0, 0]);
  mkdirSync(join(temp, 'shards'));
  shardA = join(temp, 'shards', 'a.metrics.json');
  shardB = join(temp, 'shards', 'b.metrics.json');
  writeFileSync(shardA, a.stdout);
  writeFileSync(shardB, b.stdout);
  writeFileSync(join(temp, 'none.jsonl'), '');
  genuine = JSON.parse(a.stdout) as typeof genuine;
});

/** A crafted copy of shard A written to its own file. */
function crafted(name: string, edit: (doc: typeof genuine) => void): string {
  return writeCraftedShard(temp, genuine, name, edit);
}

describe('kyso metrics merge refuses what would count wrong', () => {
  it('two different shards merge to their sum', async () => {
    const merged = await run(['metrics', 'merge', '--by', '', '--format', 'json', shardA, shardB]);
    expect(merged.code).toBe(0);
    expect((JSON.parse(merged.stdout) as { total: Record<string, number> }).total['documents']).toBe(3);
  });

  it('the same file given twice, or through its folder, is refused (exit 3), in English and Vietnamese; a copy under another name is counted and said', async () => {
    const twice = await run(['metrics', 'merge', '--lang', 'en', shardA, shardA]);
    expect(twice).toEqual({ code: 3, stdout: '', stderr: `kyso metrics merge: ${shardA} is given twice; not merged, so that nothing is counted twice\n` });
    const viaFolder = await run(['metrics', 'merge', '--lang', 'vi', join(temp, 'shards'), shardB]);
    expect(viaFolder).toEqual({ code: 3, stdout: '', stderr: `kyso metrics merge: tệp ${shardB} được đưa vào hai lần; không gộp để khỏi đếm trùng\n` });
    const copy = join(temp, 'copy-of-a.json');
    copyFileSync(shardA, copy);
    // Two workers' shards that counted alike have the same bytes too (a shard names no worker):
    // identical bytes cannot tell a copy from a genuine shard, so both count and the likeness is said.
    const copied = await run(['metrics', 'merge', '--lang', 'en', '--by', '', '--format', 'json', shardA, copy]);
    expect(copied.code).toBe(0);
    expect(copied.stderr).toBe(`kyso metrics merge: ${copy} has the same bytes as ${shardA}; both are counted (two workers’ shards may well be alike): if it is a copy, merge again without it\n`);
    const alone = await run(['metrics', 'merge', '--by', '', '--format', 'json', shardA]);
    const documents = (out: string) => (JSON.parse(out) as { total: Record<string, number> }).total['documents'];
    expect(documents(copied.stdout)).toBe(2 * documents(alone.stdout)!);
    const copiedVi = await run(['metrics', 'merge', '--lang', 'vi', shardA, copy]);
    expect(copiedVi.stderr).toBe(`kyso metrics merge: tệp ${copy} có nội dung giống hệt tệp ${shardA}; cả hai đều được đếm (phân đoạn của hai tiến trình xác minh khác nhau có thể giống nhau), nếu đó là bản sao thì hãy gộp lại không kèm nó\n`);
    const link = join(temp, 'hard-link-to-a.json');
    linkSync(shardA, link);
    expect(await run(['metrics', 'merge', '--lang', 'en', shardA, link])).toEqual({ code: 3, stdout: '', stderr: `kyso metrics merge: ${link} is given twice; not merged, so that nothing is counted twice\n` });
  });

  it('shards that counted nothing are alike by nature and merge (they add nothing)', async () => {
    const empty = (await run(['metrics', ...OPTIONS.filter((o) => o !== '--format' && o !== 'json'), '--format', 'json', join(temp, 'none.jsonl')])).stdout;
    const e1 = join(temp, 'e1.metrics.json');
    const e2 = join(temp, 'e2.metrics.json');
    writeFileSync(e1, empty);
    writeFileSync(e2, empty);
    const merged = await run(['metrics', 'merge', '--by', '', '--format', 'json', e1, e2, shardB]);
    expect(merged.stderr).toBe('');
    expect((JSON.parse(merged.stdout) as { total: Record<string, number> }).total['documents']).toBe(1);
  });

  const cases: [string, (doc: typeof genuine) => void, string, string][] = [
    ['a count given as a string is never concatenated', (d) => void ((d.total as Record<string, unknown>)['documents'] = '10'), '/total/documents', 'does not match the kyso.metrics/1 schema (type: must be integer)'],
    ['a negative count', (d) => void (d.groups[0]!.counts['signed'] = -1), '/groups/0/counts/signed', 'does not match the kyso.metrics/1 schema (minimum: must be >= 0)'],
    ['a fractional count', (d) => void (d.groups[0]!.counts['passed'] = 0.5), '/groups/0/counts/passed', 'does not match the kyso.metrics/1 schema (type: must be integer)'],
    ['a count past 2^53', (d) => void (d.groups[0]!.counts['ltv'] = 2 ** 60), '/groups/0/counts/ltv', 'the count is too large'],
    ['a total that is not the sum of the groups', (d) => void (d.total['documents'] = d.total['documents']! + 5), '/total/documents', 'the total 7 is not the sum of the groups, 2'],
    ['another schema version', (d) => void (d['schema'] = 'kyso.metrics/2'), '/schema', 'does not match the kyso.metrics/1 schema (const: must be equal to constant)'],
    ['a generator that is not kyso', (d) => void (d['generator'] = 'excel'), '/generator', '"excel" is not a kyso version'],
    ['a group keyed by fewer dimensions than `by`', (d) => void delete d.groups[0]!.key['year'], '/groups/0/key', 'a group key must have exactly the dimensions [agency,province,month,year]'],
    ['the same group twice', (d) => void d.groups.push(structuredClone(d.groups[0]!)), '/groups/2/key', 'this group appears twice'],
  ];
  for (const [name, edit, pointer, reason] of cases) {
    it(`refused: ${name}`, async () => {
      const path = crafted(name.replace(/\W+/g, '-'), edit);
      const result = await run(['metrics', 'merge', '--lang', 'en', '--format', 'csv', path]);
      expect(result).toEqual({ code: 3, stdout: '', stderr: `kyso metrics merge: ${path} refused: ${reason} (at ${pointer})\n` });
    });
  }

  it('the Vietnamese message names the file, the reason and where', async () => {
    const path = crafted('vi-total', (d) => void (d.total['signed'] = 0));
    const result = await run(['metrics', 'merge', '--lang', 'vi', path]);
    expect(result).toEqual({ code: 3, stdout: '', stderr: `kyso metrics merge: từ chối tệp ${path}: tổng 0 khác tổng các nhóm 2 (tại /total/signed)\n` });
  });

  it('the library refuses the same, and mergeMetrics never adds a string or a negative count', () => {
    expect(checkMetricsDocument(JSON.parse(readFileSync(shardA, 'utf8')))).toMatchObject({ schema: 'kyso.metrics/1', total: genuine.total });
    expect(() => checkMetricsDocument({ ...genuine, total: { ...genuine.total, documents: '2' } })).toThrow(MetricsInputError);
    const base = checkMetricsDocument(genuine);
    const stringy = { ...base, total: { ...base.total, documents: '2' as unknown as number } };
    expect(() => mergeMetrics(base, stringy)).toThrow(new TypeError('count documents is not a non-negative integer: "2"'));
    expect(() => mergeMetrics(base, { ...base, total: { ...base.total, signed: -1 } })).toThrow(new TypeError('count signed is not a non-negative integer: -1'));
  });
});
