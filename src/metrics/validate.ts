/**
 * Checks a metrics document read from outside (a shard's `.metrics.json`, `kyso metrics --format
 * json` output) before anything adds it up.
 *
 * Warning first: a metrics file is only a claim; whoever can write the file can write any
 * numbers. This refuses what kyso never writes — another schema, counts that are not
 * non-negative integers (a string "10" would be concatenated, not added), a total that is not the
 * sum of its groups, groups keyed by other dimensions than `by`, the same group twice, a
 * generator that is not a kyso version, counts that contradict each other (more documents passed
 * than counted, more signed than carrying a signature...), rates that are not what the counts
 * beside them give — so that a broken or crafted file is reported, never summed. It cannot tell a
 * consistent forgery from a real count.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import schema from './data/kyso.metrics-1.schema.json' with { type: 'json' };
import { METRICS_SCHEMA, UNKNOWN, type Dimension, type Metrics, type MetricsGroup } from './aggregate.js';
import { countsContradiction, type Counts } from './counts.js';
import { checkIndicators, rate, type IndicatorSet } from './indicators.js';

let validator: ValidateFunction | undefined;

/** `generator` as kyso writes it: `kyso` and a semantic version. */
const GENERATOR = /^kyso \d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$/;

/** Why a metrics document was refused: a JSON pointer into it (empty for the whole) and what is wrong, in Vietnamese and English. */
export class MetricsInputError extends TypeError {
  constructor(
    /** Where in the document (JSON pointer), `''` for the document itself. */
    readonly pointer: string,
    /** What is wrong, in Vietnamese. */
    readonly vi: string,
    /** What is wrong, in English. */
    readonly en: string,
  ) {
    super(`${pointer || '/'}: ${en}`);
    this.name = 'MetricsInputError';
  }
}

function schemaCheck(value: unknown): void {
  validator ??= new Ajv2020({ strict: true, allErrors: false }).compile(schema);
  if (validator(value)) return;
  const error = validator.errors?.[0];
  const detail = error ? `${error.keyword}: ${error.message ?? ''}` : '';
  throw new MetricsInputError(error?.instancePath ?? '', `không đúng lược đồ ${METRICS_SCHEMA} (${detail})`, `does not match the ${METRICS_SCHEMA} schema (${detail})`);
}

function groupKey(by: readonly Dimension[], group: MetricsGroup, index: number): string {
  const dimensions = Object.keys(group.key);
  if (dimensions.length !== by.length || by.some((d) => group.key[d] === undefined)) {
    throw new MetricsInputError(`/groups/${index}/key`, `khóa nhóm phải có đúng các chiều [${by.join(',')}]`, `a group key must have exactly the dimensions [${by.join(',')}]`);
  }
  return JSON.stringify(by.map((d) => group.key[d] ?? UNKNOWN));
}

/**
 * The metrics in `value`, a parsed `kyso.metrics/1` document, after checking it against the shipped
 * JSON Schema (`kyso/metrics/schema.json`) and what the schema cannot say (see the module's
 * comment). Throws MetricsInputError naming the first problem.
 */
export function checkMetricsDocument(value: unknown): Metrics {
  schemaCheck(value);
  const document = value as Metrics & { generator?: string };
  if (document.generator !== undefined && !GENERATOR.test(document.generator)) {
    throw new MetricsInputError('/generator', `"${document.generator}" không phải một phiên bản kyso`, `"${document.generator}" is not a kyso version`);
  }
  const seen = new Set<string>();
  const sums: Record<string, number> = {};
  document.groups.forEach((group, index) => {
    const key = groupKey(document.by, group, index);
    if (seen.has(key)) throw new MetricsInputError(`/groups/${index}/key`, 'nhóm này xuất hiện hai lần', 'this group appears twice');
    seen.add(key);
    for (const [name, count] of Object.entries(group.counts)) {
      if (!Number.isSafeInteger(count)) throw new MetricsInputError(`/groups/${index}/counts/${name}`, 'số đếm quá lớn', 'the count is too large');
      sums[name] = (sums[name] ?? 0) + count;
    }
  });
  for (const name of new Set([...Object.keys(document.total), ...Object.keys(sums)])) {
    const total = document.total[name] ?? 0;
    const sum = sums[name] ?? 0;
    if (!Number.isSafeInteger(total) || !Number.isSafeInteger(sum) || total !== sum) {
      throw new MetricsInputError(`/total/${name}`, `tổng ${total} khác tổng các nhóm ${sum}`, `the total ${total} is not the sum of the groups, ${sum}`);
    }
  }
  consistent(document.total, '/total');
  document.groups.forEach((group, index) => consistent(group.counts, `/groups/${index}/counts`));
  checkRates(value as Record<string, unknown>);
  return { schema: METRICS_SCHEMA, by: document.by, total: document.total, groups: document.groups };
}

/** Counts that kyso's counting could have made (metrics/counts.ts countsContradiction). */
function consistent(counts: Counts, pointer: string): void {
  const contradiction = countsContradiction(counts);
  if (contradiction) {
    throw new MetricsInputError(pointer, `các số đếm mâu thuẫn nhau, kyso không bao giờ ghi như vậy: ${contradiction.vi}`, `the counts contradict each other, which kyso never writes: ${contradiction.en}`);
  }
}

/**
 * Rates written beside the counts (`totalRates`, `groups[].rates`) must be what the document's own
 * indicator definitions give over those counts: a reader that takes the rates and not the counts
 * must not be told another story. Rates without their definitions cannot be checked and are refused.
 */
function checkRates(document: Record<string, unknown>): void {
  const groups = document['groups'] as readonly (MetricsGroup & { rates?: unknown })[];
  const written: { pointer: string; rates: unknown; counts: Counts }[] = [];
  if (document['totalRates'] !== undefined) written.push({ pointer: '/totalRates', rates: document['totalRates'], counts: document['total'] as Counts });
  groups.forEach((g, i) => {
    if (g.rates !== undefined) written.push({ pointer: `/groups/${i}/rates`, rates: g.rates, counts: g.counts });
  });
  if (written.length === 0) return;
  const indicators = document['indicators'] as { definitions?: unknown; schema?: unknown; version?: unknown } | undefined;
  let set: IndicatorSet;
  try {
    set = checkIndicators({ schema: indicators?.schema, version: indicators?.version, indicators: indicators?.definitions });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MetricsInputError('/indicators', `tỷ lệ không kèm định nghĩa chỉ số hợp lệ để kiểm tra (${reason})`, `rates without valid indicator definitions to check them by (${reason})`);
  }
  for (const { pointer, rates, counts } of written) {
    if (typeof rates !== 'object' || rates === null || Array.isArray(rates)) throw new MetricsInputError(pointer, 'tỷ lệ phải là một đối tượng', 'rates must be an object');
    for (const [id, value] of Object.entries(rates)) {
      const definition = set.indicators.find((d) => d.id === id);
      if (!definition) throw new MetricsInputError(`${pointer}/${id}`, `tỷ lệ ${id} không có trong định nghĩa chỉ số`, `rate ${id} is not among the indicator definitions`);
      const derived = rate(counts, definition);
      if (value !== derived) {
        throw new MetricsInputError(`${pointer}/${id}`, `tỷ lệ ${JSON.stringify(value)} không phải tỷ lệ các số đếm cho (${JSON.stringify(derived)})`, `the rate ${JSON.stringify(value)} is not what the counts give (${JSON.stringify(derived)})`);
      }
    }
  }
}
