/**
 * Adoption indicators as data: each a ratio of counts, defined in a versioned file
 * (data/indicators.json) that ranking tools replace when the official formulas
 * change. The DTI index publishes no machine-readable definitions, so the bundled set
 * is kyso's own and says so (`official: false`).
 */
import indicatorsData from './data/indicators.json' with { type: 'json' };
import type { Counts } from './counts.js';

/** One adoption indicator: a ratio of two counts, with its name in Vietnamese and English. */
export interface IndicatorDefinition {
  /** Its identifier, the key in `rates()` output (letters and digits). */
  readonly id: string;
  /** The count on top (a CountName). */
  readonly numerator: string;
  /** Subtracted from the numerator: `documents − agencyUndetermined`. */
  readonly subtract?: string;
  /** The count below; the rate is null when it is 0. */
  readonly denominator: string;
  /** Its name in Vietnamese, for tables and reports. */
  readonly vi: string;
  /** Its name in English. */
  readonly en: string;
}

/**
 * A versioned set of indicator definitions (`src/metrics/data/indicators.json` is the bundled one),
 * replaceable when official formulas change.
 */
export interface IndicatorSet {
  /** Always `kyso.indicators/1`. */
  readonly schema: 'kyso.indicators/1';
  /** Which edition of the definitions this is, recorded in metrics documents. */
  readonly version: string;
  /**
   * True only when the definitions are an authority's published formulas; the bundled set is kyso's
   * own (false).
   */
  readonly official?: boolean;
  /** Where the definitions come from, in prose. */
  readonly about?: string;
  /** The definitions, in display order; ids are unique. */
  readonly indicators: readonly IndicatorDefinition[];
}

const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** Checks an indicator set read from a file; throws TypeError naming what is wrong. */
export function checkIndicators(value: unknown): IndicatorSet {
  const set = value as Partial<IndicatorSet> | null;
  if (typeof set !== 'object' || set === null || set.schema !== 'kyso.indicators/1') throw new TypeError('indicators: schema must be "kyso.indicators/1"');
  if (typeof set.version !== 'string' || set.version === '') throw new TypeError('indicators: version must be a non-empty string');
  if (!Array.isArray(set.indicators) || set.indicators.length === 0) throw new TypeError('indicators: indicators must be a non-empty list');
  const ids = new Set<string>();
  for (const [i, d] of set.indicators.entries()) {
    const where = `indicators[${i}]`;
    if (typeof d !== 'object' || d === null) throw new TypeError(`${where} must be an object`);
    for (const field of ['id', 'numerator', 'denominator'] as const) {
      if (typeof d[field] !== 'string' || !NAME.test(d[field])) throw new TypeError(`${where}.${field} must be a name (letters and digits)`);
    }
    if (d.subtract !== undefined && (typeof d.subtract !== 'string' || !NAME.test(d.subtract))) throw new TypeError(`${where}.subtract must be a name`);
    if (typeof d.vi !== 'string' || typeof d.en !== 'string') throw new TypeError(`${where} needs vi and en texts`);
    if (ids.has(d.id)) throw new TypeError(`${where}.id ${d.id} is repeated`);
    ids.add(d.id);
  }
  return set as IndicatorSet;
}

/** The bundled indicator set (kyso's own definitions, `official: false`). */
export const DEFAULT_INDICATORS: IndicatorSet = checkIndicators(indicatorsData);

/** One indicator over counts: null when the denominator is 0 (no documents to rate). */
export function rate(counts: Counts, d: IndicatorDefinition): number | null {
  const denominator = counts[d.denominator] ?? 0;
  if (denominator === 0) return null;
  const numerator = (counts[d.numerator] ?? 0) - (d.subtract ? (counts[d.subtract] ?? 0) : 0);
  return numerator / denominator;
}

/** Every indicator of the set over the counts, by id; null where the denominator is 0. */
export function rates(counts: Counts, set: IndicatorSet = DEFAULT_INDICATORS): Record<string, number | null> {
  return Object.fromEntries(set.indicators.map((d) => [d.id, rate(counts, d)]));
}
