/**
 * Red team: the adoption counts kyso hands to ranking tools, gamed by those who are ranked
 * (test/fixtures/attacks/metrics/, samples/make-attacks-metrics.sh: pdfsig, openssl cms, xmlsec1,
 * python3 for byte layout).
 *
 * - One signed document counted as many: bytes after %%EOF, an update that adds nothing, the same
 *   PDF in a ZIP and in an edXML package, an e-invoice with line breaks outside what is signed, a
 *   detached CMS written as PEM. Each was a further signed, valid document (10 documents for 4);
 *   now a document whose every signing act was counted is a copy, and of copies the best verdict
 *   stands, so a rival's spoilt copy takes nothing away.
 * - An edXML header naming a province's People's Committee, signed by any company: the package
 *   was that agency's (and its province's), with the unsigned document it carries.
 * - Months: a signing time that has not come, a header date no signature covers ahead of the date
 *   the signers signed.
 * - Shards and CSV read back: counts that contradict each other, rates that are not the counts',
 *   numbers written as `1e9`, `0x10`, ` 5`, `5.0`, rows injected or repeated.
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregate, aggregateStream } from '../../src/metrics/aggregate.js';
import { documentIdentity } from '../../src/metrics/dedup.js';
import { metricsFromCsv, toCsv } from '../../src/metrics/output.js';
import { checkMetricsDocument, MetricsInputError } from '../../src/metrics/validate.js';
import { verifyFiles } from '../../src/node.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { run } from '../cli/run.js';
import { AT, sample, SAMPLES } from '../helpers.js';
import { writeCraftedShard } from '../metrics/reports.js';

const ATTACKS = fileURLToPath(new URL('../fixtures/attacks/metrics/', import.meta.url));
const COPIES = join(ATTACKS, 'copies');
const STAGES = join(ATTACKS, 'stages');
const OPTIONS = ['--at', AT.toISOString(), '--trust', `${SAMPLES}pki`];
const temp = mkdtempSync(join(tmpdir(), 'kyso-metrics-gaming-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

type Json = { total: Record<string, number>; groups: { key: Record<string, string>; counts: Record<string, number> }[] };

async function reportsOf(folder: string): Promise<(DocumentReport & { path: string })[]> {
  const out: (DocumentReport & { path: string })[] = [];
  for await (const result of verifyFiles([folder], { trust, at: AT, jobs: 1 })) {
    if (!('report' in result)) throw new Error(`not verified: ${result.path}`);
    out.push({ ...result.report, path: result.path.slice(folder.length + 1) });
  }
  return out;
}

async function jsonl(name: string, reports: readonly unknown[]): Promise<string> {
  const path = join(temp, name);
  writeFileSync(path, reports.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
}

const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));

/** What the copies folder holds, once each: the signed PDF, the control PDF, the e-invoice, the detached pair. */
const ONCE_EACH = {
  documents: 4,
  passed: 4,
  signed: 4,
  allSignaturesPassed: 4,
  legallyComplete: 2,
  organizationOnly: 2,
  otherPki: 4,
  revocationNotChecked: 4,
  einvoiceMessages: 1,
  einvoiceSellerSigned: 1,
  signatures: 6,
  personSignatures: 2,
  organizationSignatures: 4,
};

describe('one signed document made to look like many', () => {
  it('each copy is a document kyso accepts on its own, and carries the same acts of signing as the genuine one', async () => {
    const reports = await reportsOf(COPIES);
    expect(reports.map((r) => [r.path, r.indication])).toEqual([
      ['a-spoilt.pdf', 'TOTAL_FAILED'],
      ['appended.pdf', 'TOTAL_PASSED'],
      ['ban-sao.txt.p7s', 'TOTAL_PASSED'],
      ['empty-update.pdf', 'TOTAL_PASSED'],
      ['forwarded.edxml', 'TOTAL_PASSED'],
      ['genuine.pdf', 'TOTAL_PASSED'],
      ['hop-dong.txt.p7s', 'TOTAL_PASSED'],
      ['invoice-reindented.xml', 'TOTAL_PASSED'],
      ['invoice.xml', 'TOTAL_PASSED'],
      ['other.pdf', 'TOTAL_PASSED'],
      ['zipped.zip', 'TOTAL_PASSED'],
    ]);
    const acts = (path: string) => documentIdentity(reports.find((r) => r.path === path)!).signingActs;
    const genuine = acts('genuine.pdf');
    expect(genuine).toHaveLength(2);
    for (const copy of ['a-spoilt.pdf', 'appended.pdf', 'empty-update.pdf', 'forwarded.edxml', 'zipped.zip']) expect(acts(copy), copy).toEqual(genuine);
    expect(acts('invoice-reindented.xml')).toEqual(acts('invoice.xml'));
    expect(acts('ban-sao.txt.p7s')).toEqual(acts('hop-dong.txt.p7s'));
    expect(acts('other.pdf')).not.toEqual(genuine);
    // The bytes differ: counting by SHA-256 alone saw eleven documents.
    expect(new Set(reports.map((r) => r.sha256)).size).toBe(11);
  });

  it('kyso metrics on the folder counts each signed document once (it counted 10) and says why, in Vietnamese and English', async () => {
    const vi = await run(['metrics', ...OPTIONS, '--format', 'json', '--lang', 'vi', COPIES]);
    expect(vi.code).toBe(0);
    expect(vi.stderr).toBe('kyso metrics: bản sao mang đúng những chữ ký đã đếm ở văn bản khác (khác byte nhưng cùng lần ký), chỉ đếm một lần: 7\n');
    expect(nonZero((JSON.parse(vi.stdout) as Json).total)).toEqual(ONCE_EACH);
    const en = await run(['metrics', ...OPTIONS, '--lang', 'en', COPIES]);
    expect(en.stdout.split('\n')[0]).toBe(
      'Documents counted: 4; 2 detached pairs counted as one document each; copies carrying only signatures already counted in another document (other bytes, the same acts of signing), counted once: 7',
    );
  });

  it('in any order: the spoilt copy never takes the genuine one’s place (JSONL forwards and backwards)', async () => {
    const reports = await reportsOf(COPIES);
    const forwards = await jsonl('forwards.jsonl', reports);
    const backwards = await jsonl('backwards.jsonl', [...reports].reverse());
    for (const path of [forwards, backwards]) {
      const result = await run(['metrics', '--format', 'json', '--by', 'agency,month', path]);
      expect(result.code).toBe(0);
      const json = JSON.parse(result.stdout) as Json;
      expect(nonZero(json.total)).toEqual(ONCE_EACH);
      expect(json.total['failed']).toBe(0);
    }
  });

  it('aggregate and aggregateStream count each document once by default; copies: count sums every report', async () => {
    const reports = await reportsOf(COPIES);
    expect(nonZero(aggregate(reports).total)).toEqual(ONCE_EACH);
    async function* stream() {
      yield* reports;
    }
    expect(nonZero((await aggregateStream(stream())).total)).toEqual(ONCE_EACH);
    // Every report: the two detached pairs are one report each already (verifyFiles pairs them).
    expect(aggregate(reports, { copies: 'count' }).total).toMatchObject({ documents: 11, failed: 1, legallyComplete: 6 });
    expect(() => aggregate(reports, { copies: 'some' as 'count' })).toThrow(TypeError);
  });

  it('a document at two stages is one (the later kept); another agency’s signature added to it counts apart and takes nothing away', async () => {
    const reports = await reportsOf(STAGES);
    expect(reports.map((r) => [r.path, r.indication, r.facts?.agency?.key])).toEqual([
      ['countersigned.pdf', 'TOTAL_PASSED', 'tax-code:0309777777'],
      ['draft.pdf', 'TOTAL_PASSED', undefined],
      ['final.pdf', 'TOTAL_PASSED', 'tax-code:0101234567'],
    ]);
    for (const order of [reports, [...reports].reverse(), [reports[1]!, reports[2]!, reports[0]!]]) {
      const metrics = aggregate(order, { by: ['agency'] });
      expect(metrics.groups.map((g) => [g.key['agency'], g.counts['documents'], g.counts['legallyComplete']])).toEqual([
        ['tax-code:0101234567', 1, 1],
        ['tax-code:0309777777', 1, 1],
      ]);
    }
  });
});

describe('who an edXML package is counted for', () => {
  const check = (name: string) => verify(new Uint8Array(readFileSync(join(ATTACKS, name))), { trust, at: AT });

  it('a company’s certificate over a header naming a province’s People’s Committee does not make the package that agency’s (it was, with its unsigned PDF)', async () => {
    const report = await check('company-names-province.edxml');
    expect([report.indication, report.packageSignature?.indication]).toEqual(['NO_SIGNATURE', 'TOTAL_PASSED']);
    expect(report.facts?.edxml?.sender).toBe('other-signed');
    expect(report.facts?.agency).toBeUndefined();
    expect(report.facts?.province).toBeUndefined();
    const metrics = aggregate([report], { by: ['agency', 'province'] });
    expect(metrics.groups.map((g) => g.key)).toEqual([{ agency: 'unknown', province: 'unknown' }]);
  });

  it('around another agency’s signed PDF, the package is the signing agency’s (it was the header’s)', async () => {
    const report = await check('company-wraps-agency.edxml');
    expect(report.facts?.edxml?.sender).toBe('other-signed');
    expect(report.facts?.agency).toMatchObject({ key: 'tax-code:0101234567', source: 'certificate' });
    expect(report.facts?.province).toMatchObject({ key: '63:01', source: 'certificate-st' });
  });

  it('control: the agency’s own package (its organisation signs the header and the PDF) names it by its OrganId', async () => {
    const report = await verify(sample('edxml/signed.edxml'), { trust, at: AT });
    expect(report.facts?.edxml?.sender).toBe('organization-signed');
    expect(report.facts?.agency).toMatchObject({ key: 'organ-id:000.00.00.H99', source: 'edxml-sender' });
  });
});

describe('which month a document is counted in', () => {
  it('a signing time after the validation time dates nothing (it put the document in 2027-01)', async () => {
    const report = await verify(new Uint8Array(readFileSync(join(ATTACKS, 'future.txt.p7s'))), { trust, at: AT, content: new Uint8Array(readFileSync(join(ATTACKS, 'future.txt'))) });
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.signatures[0]!.times.claimedSigningTime).toBe('2027-01-01T09:00:00.000Z');
    expect(report.facts?.documentDate).toBeUndefined();
    expect(aggregate([report], { by: ['month'] }).groups.map((g) => [g.key['month'], g.counts['dateUndetermined']])).toEqual([['unknown', 1]]);
  });

  it('a header date no signature covers comes after the date the signers signed (it moved the document to 2024-12)', async () => {
    const report = await verify(new Uint8Array(readFileSync(join(ATTACKS, 'header-backdated.edxml'))), { trust, at: AT });
    expect(report.facts?.documentDate).toEqual({ value: '2025-03-01', source: 'claimed-signing-time', signed: false });
  });

  it('control: a timestamp still dates the document, and a covered header date still comes first', async () => {
    const content = sample('cms/timestamped.txt');
    const timestamped = await verify(sample('cms/timestamped.txt.p7s'), { trust, at: AT, content });
    expect(timestamped.facts?.documentDate).toEqual({ value: '2025-03-01', source: 'signature-timestamp', signed: true });
    const covered = await verify(sample('edxml/signed.edxml'), { trust, at: AT });
    expect(covered.facts?.documentDate).toEqual({ value: '2025-03-01', source: 'edxml-promulgation-date', signed: true });
  });
});

describe('shards and CSV read back refuse what kyso never writes', () => {
  let genuine: Json & Record<string, unknown>;
  let shard: string;
  beforeAll(async () => {
    const result = await run(['metrics', ...OPTIONS, '--format', 'json', '--by', 'agency,province,month,year', `${SAMPLES}edxml/signed.edxml`, `${SAMPLES}pdf/expired-signed.pdf`]);
    expect(result.code).toBe(0);
    genuine = JSON.parse(result.stdout) as typeof genuine;
    shard = join(temp, 'genuine.metrics.json');
    writeFileSync(shard, result.stdout);
  });

  function crafted(name: string, edit: (doc: typeof genuine) => void): string {
    return writeCraftedShard(temp, genuine, name, edit);
  }

  /** Adds n to one count in a group and in the total, so that the sums still hold. */
  const inflate = (name: string, n: number) => (doc: typeof genuine) => {
    doc.groups[0]!.counts[name]! += n;
    doc.total[name]! += n;
  };

  it('control: the genuine shard merges', async () => {
    const result = await run(['metrics', 'merge', '--format', 'json', '--by', '', shard]);
    expect(result.code).toBe(0);
  });

  it.each([
    ['more documents passed than counted', inflate('passed', 1000), '/total', 'passed + failed + indeterminate + noSignature = 1002, not documents = 2', 'passed + failed + indeterminate + noSignature = 1002, khác documents = 2'],
    ['legally complete documents with no document counted', (doc: typeof genuine) => (inflate('legallyComplete', 5)(doc), inflate('signed', 5)(doc), inflate('signatures', 5)(doc), inflate('personSignatures', 5)(doc)), '/total', 'signed = 7, more than documents = 2', 'signed = 7, lớn hơn documents = 2'],
    ['package-signature states that are not one per package', inflate('packageSignaturePassed', 3), '/total', 'packageSignaturePassed + packageSignatureFailed + packageSignatureIndeterminate + packageSignatureAbsent = 4, not edxmlPackages = 1', 'packageSignaturePassed + packageSignatureFailed + packageSignatureIndeterminate + packageSignatureAbsent = 4, khác edxmlPackages = 1'],
  ])('refused: %s, even with the sums of the groups kept', async (name, edit, pointer, en, vi) => {
    const path = crafted(name.replace(/\W+/g, '-'), edit);
    const english = await run(['metrics', 'merge', '--lang', 'en', path]);
    expect(english).toEqual({ code: 3, stdout: '', stderr: `kyso metrics merge: ${path} refused: the counts contradict each other, which kyso never writes: ${en} (at ${pointer})\n` });
    const vietnamese = await run(['metrics', 'merge', '--lang', 'vi', path]);
    expect(vietnamese.stderr).toBe(`kyso metrics merge: từ chối tệp ${path}: các số đếm mâu thuẫn nhau, kyso không bao giờ ghi như vậy: ${vi} (tại ${pointer})\n`);
  });

  it('refused: a rate that is not what the counts beside it give, and rates without their definitions', async () => {
    const rate = crafted('rate', (doc) => ((doc['totalRates'] as Record<string, number>)['legallyCompleteShare'] = 1));
    const result = await run(['metrics', 'merge', '--lang', 'en', rate]);
    expect(result).toEqual({ code: 3, stdout: '', stderr: `kyso metrics merge: ${rate} refused: the rate 1 is not what the counts give (0.5) (at /totalRates/legallyCompleteShare)\n` });
    const vi = await run(['metrics', 'merge', '--lang', 'vi', rate]);
    expect(vi.stderr).toBe(`kyso metrics merge: từ chối tệp ${rate}: tỷ lệ 1 không phải tỷ lệ các số đếm cho (0.5) (tại /totalRates/legallyCompleteShare)\n`);
    const bare = crafted('bare-rates', (doc) => delete doc['indicators']);
    expect((await run(['metrics', 'merge', '--lang', 'en', bare])).stderr).toMatch(/refused: rates without valid indicator definitions to check them by .*\(at \/indicators\)\n$/);
    const unknown = crafted('unknown-rate', (doc) => ((doc['totalRates'] as Record<string, number>)['bonus'] = 1));
    expect((await run(['metrics', 'merge', '--lang', 'en', unknown])).stderr).toBe(`kyso metrics merge: ${unknown} refused: rate bonus is not among the indicator definitions (at /totalRates/bonus)\n`);
  });

  it('CSV: a count written any way toCsv never writes is refused with a pointer to its cell', () => {
    const metrics = checkMetricsDocument(genuine);
    const csv = toCsv(metrics);
    // Read back: the counts, keys and labels (rates are recomputed, never read).
    const groups = metrics.groups.map((g) => ({ key: g.key, ...(g.labels ? { labels: g.labels } : {}), counts: g.counts }));
    expect(metricsFromCsv(csv)).toEqual({ schema: 'kyso.metrics/1', by: metrics.by, total: metrics.total, groups });
    const lines = csv.split('\r\n');
    const header = lines[0]!.replace(/^\uFEFF/, '').split(',');
    const column = header.indexOf('documents');
    const withCell = (row: number, value: string) => {
      const copy = [...lines];
      const cells = copy[row]!.split(',');
      cells[column] = value;
      copy[row] = cells.join(',');
      return copy.join('\r\n');
    };
    for (const written of ['1e0', '0x1', ' 1', '1.0', '+1', '', '01', "'=1+0", '"1 "']) {
      let refused: unknown;
      try {
        metricsFromCsv(withCell(1, written));
      } catch (error) {
        refused = error;
      }
      expect(refused, written).toBeInstanceOf(MetricsInputError);
      expect((refused as MetricsInputError).pointer, written).toBe('/1/documents');
      expect((refused as MetricsInputError).vi, written).toContain('không phải số nguyên không âm viết bằng chữ số');
    }
  });

  it('CSV: a row repeated, injected, of another length or after the total, a second total, a total that is not the sum: refused', () => {
    const csv = toCsv(checkMetricsDocument(genuine));
    const lines = csv.replace(/\r\n$/, '').split('\r\n');
    const [head, first, ...rest] = lines;
    const total = rest.at(-1)!;
    const refusal = (text: string) => {
      try {
        metricsFromCsv(text + '\r\n');
      } catch (error) {
        expect(error).toBeInstanceOf(MetricsInputError);
        return (error as MetricsInputError).en;
      }
      return 'accepted';
    };
    expect(refusal([head, first, first, ...rest].join('\r\n'))).toBe('this group appears twice');
    expect(refusal([head, first!.replace(/^group/, 'bonus'), ...rest].join('\r\n'))).toBe('CSV: row kind "bonus" is neither group nor total');
    expect(refusal([head, `${first},1`, ...rest].join('\r\n'))).toMatch(/^CSV: the row has \d+ cells, the header \d+$/);
    expect(refusal([head, ...rest, first].join('\r\n'))).toBe('CSV: a row follows the total row');
    expect(refusal([head, first, ...rest, total].join('\r\n'))).toBe('CSV: a row follows the total row');
    const column = head!.replace(/^\uFEFF/, '').split(',').indexOf('documents');
    const cells = total.split(',');
    cells[column] = '1000';
    expect(refusal([head, first, ...rest.slice(0, -1), cells.join(',')].join('\r\n'))).toMatch(/^the total 1000 is not the sum of the groups, \d+$/);
  });
});
