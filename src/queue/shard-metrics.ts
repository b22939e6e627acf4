/**
 * Per-shard metrics: the counts of the reports a shard holds, additive so that the
 * shards of a corpus merge into the corpus's own counts.
 *
 * SEAM(metrics, issue 11): an interim tally by indication until src/metrics
 * (aggregate, mergeMetrics) lands; then this file delegates to it.
 */
import type { DocumentReport } from '../report/types.js';

export interface ShardMetrics {
  readonly schema: 'kyso-queue-interim/0';
  readonly documents: number;
  readonly indications: Readonly<Record<string, number>>;
}

export function emptyMetrics(): ShardMetrics {
  return { schema: 'kyso-queue-interim/0', documents: 0, indications: {} };
}

export function metricsOf(reports: readonly DocumentReport[]): ShardMetrics {
  const indications: Record<string, number> = {};
  for (const report of reports) indications[report.indication] = (indications[report.indication] ?? 0) + 1;
  return { schema: 'kyso-queue-interim/0', documents: reports.length, indications };
}

export function mergeShardMetrics(a: ShardMetrics, b: ShardMetrics): ShardMetrics {
  const indications: Record<string, number> = { ...a.indications };
  for (const [key, count] of Object.entries(b.indications)) indications[key] = (indications[key] ?? 0) + count;
  return { schema: 'kyso-queue-interim/0', documents: a.documents + b.documents, indications };
}
