/**
 * Option checks shared by `kyso metrics` and `kyso metrics merge` (and `--at` by `kyso queue
 * submit`): each mistake is a CommandUsageError, worded in the reader's language.
 */
import { readFile } from 'node:fs/promises';
import { KysoIoError } from '../errors.js';
import { DIMENSIONS, type Dimension } from '../metrics/aggregate.js';
import { checkIndicators, DEFAULT_INDICATORS, type IndicatorSet } from '../metrics/indicators.js';
import { CommandUsageError } from './command-help.js';
import { parseIsoTime } from './time.js';

/** `--by`: a comma-separated subset of the dimensions, each once; `""` for no grouping. Shared with `metrics merge`. */
export function parseBy(value: string | undefined): Dimension[] {
  if (value === undefined) return ['province'];
  if (value.trim() === '') return [];
  const list = value.split(',').map((d) => d.trim());
  for (const d of list) if (!(DIMENSIONS as readonly string[]).includes(d)) throw new CommandUsageError('byUnknown', { choices: DIMENSIONS.join(', '), value: d });
  if (new Set(list).size !== list.length) throw new CommandUsageError('byTwice');
  return list as Dimension[];
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new CommandUsageError('choice', { option, choices: allowed.join(', ') });
  return value as T;
}

/** `--at`: ISO 8601 only, as in `kyso verify` (a date or a date-time with its zone). */
export function atOption(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const at = parseIsoTime(value);
  if (!at) throw new CommandUsageError('at', { value });
  return at;
}

/** `--indicators FILE` and `--indicator ID`, checked. Shared with `metrics merge`. */
export async function indicatorOptions(file: string | undefined, id: string | undefined): Promise<IndicatorSet> {
  let indicators: IndicatorSet = DEFAULT_INDICATORS;
  if (file !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new KysoIoError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    try {
      indicators = checkIndicators(parsed);
    } catch (error) {
      throw new CommandUsageError('badIndicators', { path: file, detail: (error as Error).message });
    }
  }
  if (id !== undefined && !indicators.indicators.some((d) => d.id === id)) {
    throw new CommandUsageError('unknownIndicator', { value: id, choices: indicators.indicators.map((d) => d.id).join(', ') });
  }
  return indicators;
}
