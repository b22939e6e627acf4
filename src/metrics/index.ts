/**
 * kyso/metrics: adoption counts from verification reports. Reads reports only, never
 * documents; counts add, so shards merge exactly; rates are derived from counts.
 *
 * ```ts
 * import { aggregate, mergeMetrics, toCsv } from 'kyso/metrics';
 * const metrics = aggregate(reports, { by: ['province', 'month'] });
 * ```
 *
 * @module kyso/metrics
 */
export { aggregate, aggregateStream, Aggregator, mergeMetrics, METRICS_SCHEMA, DIMENSIONS, UNKNOWN } from './aggregate.js';
export type { AggregateOptions, Counted, Dimension, Metrics, MetricsGroup, Observation } from './aggregate.js';
export { COUNT_NAMES, documentCounts } from './counts.js';
export type { CountName, Counts } from './counts.js';
export { checkIndicators, DEFAULT_INDICATORS, rate, rates } from './indicators.js';
export type { IndicatorDefinition, IndicatorSet } from './indicators.js';
export { metricsFromCsv, parseCsv, rankingTable, toCsv, toJsonDocument } from './output.js';
export type { Lang, MetricsDocument } from './output.js';
export { DetachedPairer, DETACHED_SUFFIXES } from './pairing.js';
export { documentIdentity, DuplicateFilter } from './dedup.js';
export type { DocumentIdentity } from './dedup.js';
export { BUNDLED_PLACES, foldName, placesFrom } from './places.js';
export type { AgencyEntry, AgencyTable, OrganLookup, Places, ProvinceRef, ProvinceTables, ProvinceUnit, TaxPrefixTable } from './places.js';
export { bundledAnchorPki } from './anchors.js';
export { checkMetricsDocument, MetricsInputError } from './validate.js';
export { combineDetached, deriveFacts, rolesOf } from '../report/facts.js';
export type { AgencyFact, AnchorPkiLookup, DateFact, DocumentFacts, FactsOptions, ProvinceFact, SignatureFacts, VerdictAndFacts } from '../report/facts.js';

import metricsJsonSchema from './data/kyso.metrics-1.schema.json' with { type: 'json' };

/** The JSON Schema (draft 2020-12) of `toJsonDocument` output, also shipped as `kyso/metrics/schema.json`. */
export const METRICS_JSON_SCHEMA: Readonly<Record<string, unknown>> = metricsJsonSchema;
