/**
 * Per-shard metrics (kyso.metrics/1), grouped by every dimension so that any coarser
 * view is a projection: `kyso metrics merge --by province` over the shards of a corpus
 * gives exactly what `kyso metrics --by province` gives over the whole corpus's reports.
 * Counts add, so projection and merging are per-group sums (metrics/aggregate.ts).
 */
import type { Dimension, Metrics } from '../metrics/aggregate.js';
import { Aggregator, DIMENSIONS, METRICS_SCHEMA, mergeMetrics } from '../metrics/aggregate.js';
import { bundledAnchorPki } from '../metrics/anchors.js';
import { BUNDLED_PLACES } from '../metrics/places.js';
import { checkMetricsDocument } from '../metrics/validate.js';

/** The grouping every shard's metrics file uses. */
export const SHARD_BY: readonly Dimension[] = DIMENSIONS;

/** An aggregator for one shard; reports without facts (older kyso) get them derived with the bundled tables. */
export async function shardAggregator(): Promise<Aggregator> {
  return new Aggregator({ by: SHARD_BY, anchorPki: await bundledAnchorPki(), places: BUNDLED_PLACES });
}

/** The same counts grouped by fewer dimensions (a subset of `metrics.by`, in any order). */
export function projectMetrics(metrics: Metrics, by: readonly Dimension[]): Metrics {
  const missing = by.filter((d) => !metrics.by.includes(d));
  if (missing.length > 0) throw new TypeError(`these metrics are not grouped by ${missing.join(', ')}`);
  // Groups that project to the same key are summed by mergeMetrics, which adds up every
  // group of its inputs by key (duplicates within one input included).
  const projected: Metrics = {
    schema: METRICS_SCHEMA,
    by: [...by],
    total: metrics.total,
    groups: metrics.groups.map((group) => {
      const labels = Object.fromEntries(Object.entries(group.labels ?? {}).filter(([d]) => by.includes(d as Dimension)));
      return { key: Object.fromEntries(by.map((d) => [d, group.key[d]])), ...(Object.keys(labels).length > 0 ? { labels } : {}), counts: group.counts };
    }),
  };
  return mergeMetrics(projected, { schema: METRICS_SCHEMA, by: [...by], total: {}, groups: [] });
}

/**
 * Reads a metrics file written by a shard (or by `kyso metrics --format json`), checked against the
 * shipped JSON Schema and what it cannot say (metrics/validate.ts): throws MetricsInputError for a
 * document kyso would never write, TypeError for one that is not JSON.
 */
export function parseMetrics(text: string, where: string): Metrics {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TypeError(`${where} is not JSON`);
  }
  return checkMetricsDocument(value);
}
