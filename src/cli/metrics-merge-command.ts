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
import { METRICS_SCHEMA, mergeMetrics } from '../metrics/aggregate.js';
import type { Lang } from '../metrics/output.js';
import { rankingTable, toCsv, toJsonDocument } from '../metrics/output.js';
import { parseMetrics, projectMetrics } from '../queue/shard-metrics.js';
import { COMMAND_HELP, CommandUsageError, usageMessage, wantsHelp } from './command-help.js';
import { indicatorOptions, oneOf, parseBy } from './command-options.js';

export interface MergeIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}


const TEXT: Record<Lang, { documents: string; files: string }> = {
  vi: { documents: 'Số văn bản đã đếm', files: 'tệp số liệu đã gộp' },
  en: { documents: 'Documents counted', files: 'metrics files merged' },
};


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
  if (wantsHelp(args)) {
    io.stdout(COMMAND_HELP[context.lang].merge);
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { by: { type: 'string' }, format: { type: 'string' }, lang: { type: 'string' }, indicator: { type: 'string' }, indicators: { type: 'string' } },
    });
    if (positionals.length === 0) throw new CommandUsageError('needMergeInputs');
    const by: Dimension[] = parseBy(values.by);
    const format = oneOf(values.format, ['text', 'json', 'csv'] as const, '--format', 'text');
    const lang = oneOf(values.lang, ['vi', 'en'] as const, '--lang', context.lang);
    const indicators = await indicatorOptions(values.indicators, values.indicator);

    const files = await inputs(positionals);
    if (files.length === 0) throw new CommandUsageError('needMergeInputs');
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
    const message = usageMessage(error, 'merge', context.lang);
    if (message !== undefined) {
      io.stderr(message);
      return 3;
    }
    if (error instanceof KysoIoError) {
      io.stderr(`kyso metrics merge: ${error.message}\n`);
      return 3;
    }
    throw error;
  }
}
