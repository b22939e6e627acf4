/**
 * Aggregation over document reports and exact merging of the results.
 *
 * Counts add, so `mergeMetrics` is a per-group sum: shards of a national corpus merge
 * in any order (associative, commutative) to what aggregating the whole would give.
 * Group labels (an agency's or province's name) merge to the smallest name in code-unit
 * order, which keeps the merge order-free too. Memory grows with the number of groups,
 * never with the number of documents.
 */
import { deriveFacts, type AnchorPkiLookup, type DocumentFacts } from '../report/facts.js';
import type { DocumentIndication } from '../report/indications.js';
import type { DocumentReport } from '../report/types.js';
import { addCounts, COUNT_NAMES, documentCounts, orderedCounts, zeroCounts, type Counts } from './counts.js';
import { documentIdentity, DuplicateFilter, type DocumentIdentity } from './dedup.js';
import { BUNDLED_PLACES, type Places } from './places.js';

/** The schema name and version every Metrics carries; a reader refuses any other. */
export const METRICS_SCHEMA = 'kyso.metrics/1';

/**
 * What metrics can be grouped by: the document's agency (AgencyFact key), province (ProvinceFact
 * key), month (`yyyy-MM`) or year (`yyyy`) of its date.
 */
export type Dimension = 'agency' | 'province' | 'month' | 'year';
/** Every Dimension, in the order the CLI lists them. */
export const DIMENSIONS: readonly Dimension[] = ['agency', 'province', 'month', 'year'];

/** The value of a dimension when the document's agency, province or date could not be determined. */
export const UNKNOWN = 'unknown';

/** The counts of the documents that share one key. */
export interface MetricsGroup {
  /** One value per dimension of `by`: an agency key (`organ-id:000.00.00.H41`, `tax-code:0101234567`), a province key (`63:02`, `34:08`), `2025-06`, `2025`, or `unknown`. */
  readonly key: Readonly<Partial<Record<Dimension, string>>>;
  /** Names for the agency and province keys, when known. */
  readonly labels?: Readonly<{
    /** The agency's name, when known (the alphabetically first if documents disagree). */
    agency?: string;
    /** The province's name on its map, when known. */
    province?: string;
  }>;
  /** The group's counts; they add across shards (see `mergeMetrics`). */
  readonly counts: Counts;
}

/**
 * Adoption counts over a set of reports (schema `kyso.metrics/1`): totals, and per group when
 * grouped. Only counts: rates are derived from them (`rates`), so two Metrics merge exactly.
 */
export interface Metrics {
  /** Always `kyso.metrics/1`; a reader checks it before trusting the shape. */
  readonly schema: typeof METRICS_SCHEMA;
  /** The dimensions the groups are keyed by, in key order; empty for totals only. */
  readonly by: readonly Dimension[];
  /** The counts over every document. */
  readonly total: Counts;
  /** Sorted by key (dimension values in `by` order). */
  readonly groups: readonly MetricsGroup[];
}

/** What the aggregation reads from one document: its indication and facts. */
export interface Observation {
  /** The document's indication. */
  readonly indication: DocumentIndication;
  /** The document's facts. */
  readonly facts: DocumentFacts;
  /** Which bytes it is and which signing acts it carries (metrics/dedup.ts): lets DuplicateFilter count the same document once. The aggregation itself ignores it. */
  readonly document?: DocumentIdentity;
}

/** What one `Aggregator.observe` added, so that `retract` can take it back out (a duplicate found later). */
export interface Counted {
  /** The group it went to. */
  readonly group: string;
  /** The counts it added, in COUNT_NAMES order. */
  readonly counts: Uint32Array;
}

/** Options of `aggregate`, `aggregateStream` and `Aggregator`. */
export interface AggregateOptions {
  /** Dimensions to group by, in key order. Default: none (totals only). */
  readonly by?: readonly Dimension[];
  /**
   * For reports that carry no facts (older kyso): what each anchor is. Pass
   * `await bundledAnchorPki()`; without it a trusted chain counts as `otherPki`.
   */
  readonly anchorPki?: AnchorPkiLookup;
  /**
   * The province, agency and tax-prefix tables facts are derived with; default BUNDLED_PLACES. Only
   * used for reports that carry no facts.
   */
  readonly places?: Places;
  /**
   * `aggregate` and `aggregateStream` only. `drop` (default): a report of bytes already counted, a
   * document a counted package carries, and a document whose every signing act was counted in
   * another (the same signed document with bytes added after it, in another package, ...) are not
   * counted again (metrics/dedup.ts `DuplicateFilter`). `count`: every report counts, as the queue's
   * shards do; then reports of one document in two inputs count twice.
   */
  readonly copies?: 'drop' | 'count';
}

function checkBy(by: readonly Dimension[] | undefined): readonly Dimension[] {
  const list = by ?? [];
  for (const d of list) if (!DIMENSIONS.includes(d)) throw new TypeError(`unknown metrics dimension: ${String(d)} (expected ${DIMENSIONS.join(', ')})`);
  if (new Set(list).size !== list.length) throw new TypeError('a metrics dimension is repeated');
  return [...list];
}

function keyValue(dimension: Dimension, facts: DocumentFacts): { value: string; label?: string } {
  switch (dimension) {
    case 'agency':
      return facts.agency ? { value: facts.agency.key, ...(facts.agency.name ? { label: facts.agency.name } : {}) } : { value: UNKNOWN };
    case 'province':
      return facts.province ? { value: facts.province.key, label: facts.province.name } : { value: UNKNOWN };
    case 'month':
      return { value: facts.documentDate ? facts.documentDate.value.slice(0, 7) : UNKNOWN };
    case 'year':
      return { value: facts.documentDate ? facts.documentDate.value.slice(0, 4) : UNKNOWN };
  }
}

function minLabel(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a <= b ? a : b;
}

interface MutableGroup {
  id?: string;
  key: Partial<Record<Dimension, string>>;
  labels: { agency?: string; province?: string };
  counts: Record<string, number>;
}

function groupId(by: readonly Dimension[], key: Partial<Record<Dimension, string>>): string {
  return JSON.stringify(by.map((d) => key[d] ?? UNKNOWN));
}

function finish(by: readonly Dimension[], total: Counts, groups: Iterable<[string, MutableGroup]>): Metrics {
  const sorted = [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    schema: METRICS_SCHEMA,
    by: [...by],
    total: orderedCounts(total),
    groups: sorted.map(([, g]) => {
      const labels = { ...(g.labels.agency !== undefined ? { agency: g.labels.agency } : {}), ...(g.labels.province !== undefined ? { province: g.labels.province } : {}) };
      return { key: { ...g.key }, ...(Object.keys(labels).length > 0 ? { labels } : {}), counts: orderedCounts(g.counts) };
    }),
  };
}

/** Incremental aggregation: add documents one at a time (a stream), read the result at the end. */
export class Aggregator {
  /** The dimensions it groups by. */
  readonly by: readonly Dimension[];
  readonly #total: Record<string, number> = zeroCounts();
  readonly #groups = new Map<string, MutableGroup>();
  readonly #options: AggregateOptions;
  readonly #retracted = new WeakSet<Counted>();

  constructor(options: AggregateOptions = {}) {
    this.by = checkBy(options.by);
    this.#options = options;
  }

  /** Adds one document report (its facts, derived if the report has none). */
  add(report: DocumentReport): void {
    this.observe({ indication: report.indication, facts: reportFacts(report, this.#options) });
  }

  /** Adds one document given as its indication and facts (a detached pair combined, for instance); returns what it added. */
  observe(observation: Observation): Counted {
    const counts = documentCounts(observation.indication, observation.facts);
    addCounts(this.#total, counts);
    const key: Partial<Record<Dimension, string>> = {};
    const labels: { agency?: string; province?: string } = {};
    for (const dimension of this.by) {
      const { value, label } = keyValue(dimension, observation.facts);
      key[dimension] = value;
      if (label !== undefined && (dimension === 'agency' || dimension === 'province')) labels[dimension] = label;
    }
    const id = groupId(this.by, key);
    let group = this.#groups.get(id);
    if (!group) {
      group = { id, key, labels: {}, counts: zeroCounts() };
      this.#groups.set(id, group);
    }
    addCounts(group.counts, counts);
    group.labels.agency = minLabel(group.labels.agency, labels.agency);
    group.labels.province = minLabel(group.labels.province, labels.province);
    return { group: group.id ?? id, counts: Uint32Array.from(COUNT_NAMES, (name) => counts[name]) };
  }

  /**
   * Takes back what one `observe` added (each Counted once; a second time throws TypeError). A group
   * left with nothing is dropped; its label stays the smallest name seen, the taken-back document's
   * included.
   */
  retract(counted: Counted): void {
    if (this.#retracted.has(counted)) throw new TypeError('these counts were already taken back');
    this.#retracted.add(counted);
    const group = this.#groups.get(counted.group);
    COUNT_NAMES.forEach((name, i) => {
      const n = counted.counts[i]!;
      if (n === 0) return;
      this.#total[name] = (this.#total[name] ?? 0) - n;
      if (group) group.counts[name] = (group.counts[name] ?? 0) - n;
    });
    if (group && Object.values(group.counts).every((n) => n === 0)) this.#groups.delete(counted.group);
  }

  /** How many documents were added so far. */
  get documents(): number {
    return this.#total['documents'] ?? 0;
  }

  /** The metrics over everything added so far; adding more afterwards is allowed. */
  result(): Metrics {
    return finish(this.by, this.#total, this.#groups.entries());
  }
}

function reportFacts(report: DocumentReport, options: AggregateOptions): DocumentFacts {
  return report.facts ?? deriveFacts(report, { ...(options.anchorPki ? { anchorPki: options.anchorPki } : {}), places: options.places ?? BUNDLED_PLACES });
}

/** What counts each report: the aggregator itself, or a DuplicateFilter before it (`copies`). */
function counter(aggregator: Aggregator, options: AggregateOptions): (report: DocumentReport) => void {
  if (options.copies !== undefined && options.copies !== 'drop' && options.copies !== 'count') throw new TypeError(`copies must be 'drop' or 'count', not ${String(options.copies)}`);
  if (options.copies === 'count') return (report) => aggregator.add(report);
  const filter = new DuplicateFilter(aggregator);
  return (report) => filter.add({ indication: report.indication, facts: reportFacts(report, options), document: documentIdentity(report) });
}

/**
 * Aggregates document reports (as `verify()` returns them, or read back from JSONL), each document
 * once unless `options.copies` is `count`.
 */
export function aggregate(reports: Iterable<DocumentReport>, options: AggregateOptions = {}): Metrics {
  const aggregator = new Aggregator(options);
  const count = counter(aggregator, options);
  for (const report of reports) count(report);
  return aggregator.result();
}

/**
 * Aggregates a stream of reports (an async iterable), each document once unless `options.copies` is
 * `count`. Memory grows with the groups, and with the distinct documents unless copies are counted.
 */
export async function aggregateStream(reports: AsyncIterable<DocumentReport>, options: AggregateOptions = {}): Promise<Metrics> {
  const aggregator = new Aggregator(options);
  const count = counter(aggregator, options);
  for await (const report of reports) count(report);
  return aggregator.result();
}

/**
 * The exact sum of two metrics grouped the same way. Throws TypeError when their
 * schemas or dimensions differ (the sum would mean nothing).
 */
export function mergeMetrics(a: Metrics, b: Metrics): Metrics {
  if (a.schema !== METRICS_SCHEMA || b.schema !== METRICS_SCHEMA) throw new TypeError(`mergeMetrics reads ${METRICS_SCHEMA} only`);
  if (a.by.length !== b.by.length || a.by.some((d, i) => b.by[i] !== d)) throw new TypeError(`cannot merge metrics grouped by [${a.by.join(',')}] with [${b.by.join(',')}]`);
  const by = checkBy(a.by);
  const total: Record<string, number> = {};
  addCounts(total, a.total);
  addCounts(total, b.total);
  const groups = new Map<string, MutableGroup>();
  for (const g of [...a.groups, ...b.groups]) {
    const id = groupId(by, g.key);
    let group = groups.get(id);
    if (!group) {
      group = { key: Object.fromEntries(by.map((d) => [d, g.key[d] ?? UNKNOWN])), labels: {}, counts: {} };
      groups.set(id, group);
    }
    addCounts(group.counts, g.counts);
    group.labels.agency = minLabel(group.labels.agency, g.labels?.agency);
    group.labels.province = minLabel(group.labels.province, g.labels?.province);
  }
  return finish(by, total, groups.entries());
}
