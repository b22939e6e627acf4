/**
 * Metrics out: JSON (schema kyso.metrics/1, rates beside the counts they come from),
 * CSV (UTF-8 with a byte-order mark so Excel reads Vietnamese, RFC 4180 quoting, CRLF)
 * and a ranking table for people. Rates are always derived from the counts written
 * next to them; reading JSON or CSV back keeps the counts and recomputes the rates.
 */
import { DIMENSIONS, METRICS_SCHEMA, UNKNOWN, type Dimension, type Metrics, type MetricsGroup } from './aggregate.js';
import { COUNT_NAMES, orderedCounts, type Counts } from './counts.js';
import { csvCell, csvCellValue } from './csv.js';
import { DEFAULT_INDICATORS, rate, rates, type IndicatorSet } from './indicators.js';
import { checkMetricsDocument, MetricsInputError } from './validate.js';

/**
 * The JSON document `kyso metrics --format json` writes (schema in `kyso/metrics/schema.json`): the
 * metrics, the indicator definitions used, and rates derived from the counts. Reading it back keeps
 * the counts and recomputes the rates.
 */
export interface MetricsDocument extends Metrics {
  /** What wrote it, e.g. `kyso 0.1.0`. */
  readonly generator?: string;
  /** Which indicator definitions the rates were computed with. */
  readonly indicators: {
    /** The indicator set's schema, `kyso.indicators/1`. */
    readonly schema: string;
    /** The indicator set's version. */
    readonly version: string;
    /** Whether the definitions are an authority's (false for kyso's bundled set). */
    readonly official: boolean;
    /** The definitions themselves, so the document explains its rates. */
    readonly definitions: IndicatorSet['indicators'];
  };
  /** Every indicator over the totals, by id; null where the denominator is 0. */
  readonly totalRates: Readonly<Record<string, number | null>>;
  /** Each group with its rates, in the metrics' order. */
  readonly groups: readonly (MetricsGroup & {
    /** Every indicator over the group's counts, by id; null where the denominator is 0. */
    readonly rates: Readonly<Record<string, number | null>>;
  })[];
}

/** The JSON document: the metrics with each group's rates derived from its counts. */
export function toJsonDocument(metrics: Metrics, options: { indicators?: IndicatorSet; generator?: string } = {}): MetricsDocument {
  const set = options.indicators ?? DEFAULT_INDICATORS;
  return {
    schema: METRICS_SCHEMA,
    ...(options.generator ? { generator: options.generator } : {}),
    by: metrics.by,
    indicators: { schema: set.schema, version: set.version, official: set.official === true, definitions: set.indicators },
    total: metrics.total,
    totalRates: rates(metrics.total, set),
    groups: metrics.groups.map((g) => ({ ...g, rates: rates(g.counts, set) })),
  };
}

const BOM = '\uFEFF';


function countNames(metrics: Metrics): string[] {
  const extra = new Set<string>();
  for (const counts of [metrics.total, ...metrics.groups.map((g) => g.counts)]) {
    for (const name of Object.keys(counts)) if (!(COUNT_NAMES as readonly string[]).includes(name)) extra.add(name);
  }
  return [...COUNT_NAMES, ...[...extra].sort()];
}

function labelColumns(by: readonly Dimension[]): ('agency' | 'province')[] {
  return (['agency', 'province'] as const).filter((d) => by.includes(d));
}

function formatRate(value: number | null): string {
  return value === null ? '' : String(Math.round(value * 1e6) / 1e6);
}

/**
 * CSV: one row per group, then a `total` row. Columns: `row`, the dimensions,
 * `agencyName`/`provinceName`, every count, then `rate:<indicator>` columns.
 */
export function toCsv(metrics: Metrics, options: { indicators?: IndicatorSet } = {}): string {
  const set = options.indicators ?? DEFAULT_INDICATORS;
  const names = countNames(metrics);
  const labels = labelColumns(metrics.by);
  const header = ['row', ...metrics.by, ...labels.map((d) => `${d}Name`), ...names, ...set.indicators.map((d) => `rate:${d.id}`)];
  const row = (kind: string, key: MetricsGroup['key'], groupLabels: MetricsGroup['labels'], counts: Counts) => [
    kind,
    ...metrics.by.map((d) => (kind === 'total' ? '' : (key[d] ?? UNKNOWN))),
    ...labels.map((d) => groupLabels?.[d] ?? ''),
    ...names.map((n) => String(counts[n] ?? 0)),
    ...set.indicators.map((d) => formatRate(rate(counts, d))),
  ];
  const rows = [header, ...metrics.groups.map((g) => row('group', g.key, g.labels, g.counts)), row('total', {}, undefined, metrics.total)];
  return BOM + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** RFC 4180 fields; a leading byte-order mark is dropped. Throws TypeError on an unterminated quote. */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (quoted) throw new TypeError('CSV: unterminated quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A count as toCsv writes it: digits, no sign, no leading zero, no exponent, no spaces. */
const COUNT_CELL = /^(?:0|[1-9][0-9]*)$/;
const COUNT_NAME = /^[a-z][A-Za-z0-9]*$/;

function csvRefusal(pointer: string, vi: string, en: string): MetricsInputError {
  return new MetricsInputError(pointer, `CSV: ${vi}`, `CSV: ${en}`);
}

/**
 * Metrics back from `toCsv` output: counts, keys and labels (rates are recomputed, never read).
 * Throws MetricsInputError (a TypeError, with Vietnamese and English text; its pointer is
 * `/ROW/COLUMN`, rows counted from 1 after the header) for anything toCsv never writes: a column
 * twice, a row of another length or kind, a count that is not plain digits (`1e9`, `0x10`, ` 5`,
 * `5.0`, an empty cell), no total or two, and then whatever `checkMetricsDocument` refuses (the same
 * group twice, a total that is not the sum of the groups, counts that contradict each other).
 */
export function metricsFromCsv(text: string): Metrics {
  // The `'` csvCell put before a formula-like value (an agency name from a document) is not part of it.
  const [header, ...rows] = parseCsv(text).map((r) => r.map(csvCellValue));
  if (!header || header[0] !== 'row') throw csvRefusal('', 'không phải bảng số liệu kyso (thiếu cột `row`)', 'not a kyso metrics table (no `row` column)');
  if (new Set(header).size !== header.length) throw csvRefusal('/0', 'một cột xuất hiện hai lần', 'a column appears twice');
  const by = header.filter((h): h is Dimension => (DIMENSIONS as readonly string[]).includes(h));
  const labels = (['agency', 'province'] as const).filter((d) => by.includes(d));
  const countColumns: { h: string; i: number }[] = [];
  header.forEach((h, i) => {
    if (i === 0 || by.includes(h as Dimension) || h.startsWith('rate:') || labels.some((d) => h === `${d}Name`)) return;
    if (!COUNT_NAME.test(h)) throw csvRefusal(`/0/${i}`, `cột "${h}" không phải tên một số đếm`, `column "${h}" is not the name of a count`);
    countColumns.push({ h, i });
  });
  const groups: MetricsGroup[] = [];
  let total: Counts | undefined;
  rows.forEach((cells, index) => {
    const row = index + 1;
    if (cells.length !== header.length) throw csvRefusal(`/${row}`, `dòng có ${cells.length} ô, tiêu đề có ${header.length}`, `the row has ${cells.length} cells, the header ${header.length}`);
    if (cells[0] !== 'group' && cells[0] !== 'total') throw csvRefusal(`/${row}/row`, `loại dòng "${cells[0]}" không phải group hay total`, `row kind "${cells[0]}" is neither group nor total`);
    if (total) throw csvRefusal(`/${row}`, 'có dòng sau dòng tổng', 'a row follows the total row');
    const counts: Record<string, number> = {};
    for (const { h, i } of countColumns) {
      const cell = cells[i]!;
      const n = Number(cell);
      if (!COUNT_CELL.test(cell) || !Number.isSafeInteger(n)) throw csvRefusal(`/${row}/${h}`, `số đếm ${h} "${cell}" không phải số nguyên không âm viết bằng chữ số`, `count ${h} "${cell}" is not a non-negative integer written in digits`);
      counts[h] = n;
    }
    if (cells[0] === 'total') {
      total = orderedCounts(counts);
      return;
    }
    const key = Object.fromEntries(by.map((d) => [d, cells[header.indexOf(d)]!]));
    const groupLabels: { agency?: string; province?: string } = {};
    for (const d of labels) {
      const cell = cells[header.indexOf(`${d}Name`)];
      if (cell) groupLabels[d] = cell;
    }
    groups.push({ key, ...(Object.keys(groupLabels).length > 0 ? { labels: groupLabels } : {}), counts: orderedCounts(counts) });
  });
  if (!total) throw csvRefusal('', 'không có dòng tổng', 'no total row');
  return checkMetricsDocument({ schema: METRICS_SCHEMA, by, total, groups });
}

/** The language of human-readable output: Vietnamese (`vi`) or English (`en`). */
export type Lang = 'vi' | 'en';

const HEAD: Record<Lang, Record<string, string>> = {
  vi: { rank: 'Hạng', group: 'Nhóm', documents: 'Văn bản', signed: 'Có ký', legallyComplete: 'Đủ chữ ký', governmentPki: 'CKS Chính phủ', weakAlgorithms: 'Thuật toán yếu', total: 'Tổng cộng', unknown: 'không xác định', ranked: 'Xếp theo', none: 'không có số liệu' },
  en: { rank: 'Rank', group: 'Group', documents: 'Documents', signed: 'Signed', legallyComplete: 'Complete', governmentPki: 'Gov. PKI', weakAlgorithms: 'Weak alg.', total: 'Total', unknown: 'unknown', ranked: 'Ranked by', none: 'no data' },
};

const DIMENSION_NAMES: Record<Lang, Record<Dimension, string>> = {
  vi: { agency: 'cơ quan', province: 'tỉnh', month: 'tháng', year: 'năm' },
  en: { agency: 'agency', province: 'province', month: 'month', year: 'year' },
};

function groupName(g: MetricsGroup, by: readonly Dimension[], lang: Lang): string {
  if (by.length === 0) return HEAD[lang]['total']!;
  return by
    .map((d) => {
      const value = g.key[d] ?? UNKNOWN;
      if (value === UNKNOWN) return `${DIMENSION_NAMES[lang][d]} ${HEAD[lang]['unknown']}`;
      const label = d === 'agency' || d === 'province' ? g.labels?.[d] : undefined;
      return label ? `${label} (${value.replace(/^[a-z-]+:/, '')})` : value;
    })
    .join(' · ');
}

function percent(value: number | null, lang: Lang): string {
  if (value === null) return '—';
  const text = (value * 100).toFixed(1);
  return `${lang === 'vi' ? text.replace('.', ',') : text} %`;
}

function pad(text: string, width: number, right = false): string {
  const length = [...text].length;
  return length >= width ? text : right ? ' '.repeat(width - length) + text : text + ' '.repeat(width - length);
}

/**
 * The ranking table: groups ordered by one indicator (highest first, groups with no
 * rate last), its rate beside the counts it comes from.
 */
export function rankingTable(metrics: Metrics, options: { indicator?: string; indicators?: IndicatorSet; lang?: Lang } = {}): string {
  const lang = options.lang ?? 'vi';
  const set = options.indicators ?? DEFAULT_INDICATORS;
  const definition = set.indicators.find((d) => d.id === (options.indicator ?? set.indicators[0]!.id));
  if (!definition) throw new TypeError(`unknown indicator: ${options.indicator} (known: ${set.indicators.map((d) => d.id).join(', ')})`);
  const h = HEAD[lang];
  const ranked = metrics.groups
    .map((g) => ({ g, r: rate(g.counts, definition) }))
    .sort((a, b) => (b.r ?? -1) - (a.r ?? -1) || (b.g.counts['documents'] ?? 0) - (a.g.counts['documents'] ?? 0));
  const columns = ['documents', 'signed', 'legallyComplete', 'governmentPki', 'weakAlgorithms'];
  const numerator = (counts: Counts) => (counts[definition.numerator] ?? 0) - (definition.subtract ? (counts[definition.subtract] ?? 0) : 0);
  const rows = [
    ...ranked.map(({ g, r }, i) => [String(i + 1), groupName(g, metrics.by, lang), percent(r, lang), `${numerator(g.counts)}/${g.counts[definition.denominator] ?? 0}`, ...columns.map((c) => String(g.counts[c] ?? 0))]),
    ['', h['total']!, percent(rate(metrics.total, definition), lang), `${numerator(metrics.total)}/${metrics.total[definition.denominator] ?? 0}`, ...columns.map((c) => String(metrics.total[c] ?? 0))],
  ];
  const header = [h['rank']!, h['group']!, '%', '', ...columns.map((c) => h[c]!)];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => [...r[i]!].length)));
  const line = (r: string[]) => r.map((cell, i) => pad(cell, widths[i]!, i !== 1)).join('  ').trimEnd();
  return [`${h['ranked']}: ${definition[lang]} (${definition.id})`, '', line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line), ''].join('\n');
}
