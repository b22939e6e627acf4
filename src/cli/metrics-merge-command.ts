/**
 * `kyso metrics merge`: metrics files (the shards `kyso queue work` writes, or the JSON of
 * `kyso metrics --format json`) summed into one, grouped by any subset of their
 * dimensions. Counts add, so the shards of a corpus merge to exactly what `kyso metrics`
 * gives over the whole corpus's reports.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { KysoIoError } from '../errors.js';
import type { Dimension, Metrics } from '../metrics/aggregate.js';
import { DIMENSIONS, METRICS_SCHEMA, mergeMetrics } from '../metrics/aggregate.js';
import type { IndicatorSet } from '../metrics/indicators.js';
import { checkIndicators, DEFAULT_INDICATORS } from '../metrics/indicators.js';
import type { Lang } from '../metrics/output.js';
import { rankingTable, toCsv, toJsonDocument } from '../metrics/output.js';
import { parseMetrics, projectMetrics } from '../queue/shard-metrics.js';

export interface MergeIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const USAGE = `Usage:
  kyso metrics merge [--by agency,province,month,year] [--format text|json|csv] [--lang vi|en]
                     [--indicator ID] [--indicators FILE] <metrics.json|dir>...

A folder stands for its *.metrics.json files (the shards of \`kyso queue work --out DIR\`).
--by (default: province, as kyso metrics) must be a subset of every input's grouping.
`;

const TEXT: Record<Lang, { documents: string; files: string }> = {
  vi: { documents: 'Số văn bản đã đếm', files: 'tệp số liệu đã gộp' },
  en: { documents: 'Documents counted', files: 'metrics files merged' },
};

class MergeUsageError extends Error {}

async function inputs(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((error: unknown) => {
      throw new KysoIoError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    });
    if (info.isDirectory()) {
      for (const name of (await readdir(path)).sort()) if (name.endsWith('.metrics.json')) files.push(join(path, name));
    } else {
      files.push(path);
    }
  }
  return files;
}

export async function metricsMergeCommand(args: readonly string[], io: MergeIo, context: { version: string; lang: Lang }): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { by: { type: 'string' }, format: { type: 'string' }, lang: { type: 'string' }, indicator: { type: 'string' }, indicators: { type: 'string' } },
    });
    if (positionals.length === 0) throw new MergeUsageError('merge needs at least one metrics file or folder');
    const by = (values.by === undefined ? ['province'] : values.by.trim() === '' ? [] : values.by.split(',').map((d) => d.trim())) as Dimension[];
    for (const d of by) if (!DIMENSIONS.includes(d)) throw new MergeUsageError(`--by takes ${DIMENSIONS.join(', ')} (got ${d})`);
    if (new Set(by).size !== by.length) throw new MergeUsageError('--by names a dimension twice');
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json' && format !== 'csv') throw new MergeUsageError('--format must be one of: text, json, csv');
    const lang = values.lang ?? context.lang;
    if (lang !== 'vi' && lang !== 'en') throw new MergeUsageError('--lang must be one of: vi, en');
    let indicators: IndicatorSet = DEFAULT_INDICATORS;
    if (values.indicators !== undefined) {
      const text = await readFile(values.indicators, 'utf8').catch((error: unknown) => {
        throw new KysoIoError(`cannot read ${values.indicators}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      });
      try {
        indicators = checkIndicators(JSON.parse(text));
      } catch (error) {
        throw new MergeUsageError(`${values.indicators}: ${(error as Error).message}`);
      }
    }
    if (values.indicator !== undefined && !indicators.indicators.some((d) => d.id === values.indicator)) {
      throw new MergeUsageError(`unknown indicator ${values.indicator} (known: ${indicators.indicators.map((d) => d.id).join(', ')})`);
    }

    const files = await inputs(positionals);
    if (files.length === 0) throw new MergeUsageError('no metrics files found');
    let merged: Metrics = { schema: METRICS_SCHEMA, by, total: {}, groups: [] };
    for (const file of files) {
      const text = await readFile(file, 'utf8').catch((error: unknown) => {
        throw new KysoIoError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      });
      let metrics: Metrics;
      try {
        metrics = projectMetrics(parseMetrics(text, file), by);
      } catch (error) {
        throw new KysoIoError(`${file}: ${(error as Error).message}`);
      }
      merged = mergeMetrics(merged, metrics);
    }

    if (format === 'json') {
      io.stdout(`${JSON.stringify(toJsonDocument(merged, { indicators, generator: `kyso ${context.version}` }), null, 2)}\n`);
    } else if (format === 'csv') {
      io.stdout(toCsv(merged, { indicators }));
    } else {
      const t = TEXT[lang];
      io.stdout(`${t.documents}: ${merged.total['documents'] ?? 0}; ${t.files}: ${files.length}\n\n${rankingTable(merged, { lang, indicators, ...(values.indicator ? { indicator: values.indicator } : {}) })}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof MergeUsageError || (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`kyso metrics merge: ${error.message}\n\n${USAGE}`);
      return 3;
    }
    if (error instanceof KysoIoError) {
      io.stderr(`kyso metrics merge: ${error.message}\n`);
      return 3;
    }
    throw error;
  }
}
