/**
 * `kyso metrics merge`: metrics files (the shards `kyso queue work` writes, or the JSON of
 * `kyso metrics --format json`) summed into one, grouped by any subset of their
 * dimensions. Counts add, so the shards of a corpus merge to exactly what `kyso metrics`
 * gives over the whole corpus's reports.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { KysoIoError } from '../errors.js';
import type { Dimension, Metrics } from '../metrics/aggregate.js';
import { METRICS_SCHEMA, mergeMetrics } from '../metrics/aggregate.js';
import type { Lang } from '../metrics/output.js';
import { rankingTable, toCsv, toJsonDocument } from '../metrics/output.js';
import { MetricsInputError } from '../metrics/validate.js';
import { parseMetrics, projectMetrics } from '../queue/shard-metrics.js';
import { COMMAND_HELP, CommandUsageError, usageMessage, wantsHelp } from './command-help.js';
import { indicatorOptions, oneOf, parseBy } from './command-options.js';

export interface MergeIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}


const TEXT: Record<Lang, { documents: string; files: string; samePath: string; sameBytes: string; refused: string }> = {
  vi: {
    documents: 'Số văn bản đã đếm',
    files: 'tệp số liệu đã gộp',
    samePath: 'tệp {file} được đưa vào hai lần; không gộp để khỏi đếm trùng',
    sameBytes: 'tệp {file} có nội dung giống hệt tệp {first}; cả hai đều được đếm (phân đoạn của hai tiến trình xác minh khác nhau có thể giống nhau), nếu đó là bản sao thì hãy gộp lại không kèm nó',
    refused: 'từ chối tệp {file}: {reason} (tại {pointer})',
  },
  en: {
    documents: 'Documents counted',
    files: 'metrics files merged',
    samePath: '{file} is given twice; not merged, so that nothing is counted twice',
    sameBytes: '{file} has the same bytes as {first}; both are counted (two workers’ shards may well be alike): if it is a copy, merge again without it',
    refused: '{file} refused: {reason} (at {pointer})',
  },
};

/** An input refused before anything was summed, with its words in both languages. */
class RefusedInput extends Error {
  constructor(
    readonly key: 'samePath' | 'refused',
    readonly values: Readonly<Record<string, string>>,
  ) {
    super(key);
  }

  text(lang: Lang): string {
    return filled(TEXT[lang][this.key], this.values);
  }
}

function filled(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
}


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
  let lang = context.lang;
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { by: { type: 'string' }, format: { type: 'string' }, lang: { type: 'string' }, indicator: { type: 'string' }, indicators: { type: 'string' } },
    });
    if (positionals.length === 0) throw new CommandUsageError('needMergeInputs');
    const by: Dimension[] = parseBy(values.by);
    const format = oneOf(values.format, ['text', 'json', 'csv'] as const, '--format', 'text');
    lang = oneOf(values.lang, ['vi', 'en'] as const, '--lang', context.lang);
    const indicators = await indicatorOptions(values.indicators, values.indicator);

    const files = await inputs(positionals);
    if (files.length === 0) throw new CommandUsageError('needMergeInputs');
    // Every input is read and checked before anything is summed: a file given twice (by the same
    // path, through its folder, or as a copy) would count its documents twice.
    const paths = new Map<string, string>();
    const digests = new Map<string, string>();
    const inputsMetrics: Metrics[] = [];
    for (const file of files) {
      const fail = (error: unknown) => {
        throw new KysoIoError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      };
      // The same file by another path (a symlink, a hard link, its folder): same device and inode.
      const info = await stat(file).catch(fail);
      const identity = `${info.dev}:${info.ino}`;
      if (paths.has(identity)) throw new RefusedInput('samePath', { file });
      paths.set(identity, file);
      const bytes = await readFile(file).catch(fail);
      let metrics: Metrics;
      try {
        metrics = parseMetrics(new TextDecoder('utf-8', { fatal: true }).decode(bytes), file);
      } catch (error) {
        if (error instanceof MetricsInputError) throw new RefusedInput('refused', { file, pointer: error.pointer || '/', reason: lang === 'vi' ? error.vi : error.en });
        throw new KysoIoError(`${file}: ${(error as Error).message}`);
      }
      // A copy under another name would count twice, but so would two workers' shards that
      // counted alike (a shard names no worker): both are counted, and the likeness is said.
      // Files with nothing counted are alike by nature and add nothing.
      if (Object.values(metrics.total).some((n) => n !== 0)) {
        const digest = createHash('sha256').update(bytes).digest('hex');
        const first = digests.get(digest);
        if (first !== undefined) io.stderr(`kyso metrics merge: ${filled(TEXT[lang].sameBytes, { file, first })}\n`);
        else digests.set(digest, file);
      }
      try {
        inputsMetrics.push(projectMetrics(metrics, by));
      } catch (error) {
        throw new KysoIoError(`${file}: ${(error as Error).message}`);
      }
    }
    let merged: Metrics = { schema: METRICS_SCHEMA, by, total: {}, groups: [] };
    for (const metrics of inputsMetrics) merged = mergeMetrics(merged, metrics);

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
    if (error instanceof RefusedInput) {
      io.stderr(`kyso metrics merge: ${error.text(lang)}\n`);
      return 3;
    }
    if (error instanceof KysoIoError) {
      io.stderr(`kyso metrics merge: ${error.message}\n`);
      return 3;
    }
    throw error;
  }
}
