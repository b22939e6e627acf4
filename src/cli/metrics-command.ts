/**
 * `kyso metrics`: adoption counts from documents, folders, or the JSON Lines that
 * `kyso verify --format jsonl` writes (so a national run verifies once and counts many
 * times). Everything is streamed: memory grows with the number of groups, not of
 * documents. A detached pair (`x.pdf` + `x.pdf.p7s`) counts as one document.
 */
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { KysoIoError } from '../errors.js';
import { Aggregator } from '../metrics/aggregate.js';
import { rankingTable, toCsv, toJsonDocument, type Lang } from '../metrics/output.js';
import { documentIdentity, DuplicateFilter } from '../metrics/dedup.js';
import { DetachedPairer } from '../metrics/pairing.js';
import { collectFiles, verifyFile } from '../node.js';
import type { VerifyOptions } from '../options.js';
import { createHttpFetcher } from '../pki/node.js';
import { bundledAnchorPki } from '../metrics/anchors.js';
import { BUNDLED_PLACES } from '../metrics/places.js';
import { deriveFacts, type AnchorPkiLookup } from '../report/facts.js';
import type { DocumentReport } from '../report/types.js';
import { COMMAND_HELP, CommandUsageError, usageMessage, wantsHelp } from './command-help.js';
import { atOption, indicatorOptions, oneOf, parseBy } from './command-options.js';
import { loadPasswords, loadRevocation, loadTrust, trustArgs } from './trust-options.js';

export interface MetricsIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** JSONL read from `-`. Default: process.stdin. */
  readonly stdin?: AsyncIterable<Uint8Array | string>;
}

export interface MetricsContext {
  readonly version: string;
  readonly lang: Lang;
}

/** The help of `kyso metrics`, in the reader's language (command-help.ts). */
export function metricsUsage(lang: Lang): string {
  return COMMAND_HELP[lang].metrics;
}

/** A JSON line longer than this is refused rather than buffered (a hostile or broken file). */
const MAX_LINE_CHARS = 64 * 1024 * 1024;

const TEXT: Record<Lang, { documents: string; pairs: string; skipped: string; jsonl: string; duplicates: string; carried: string; signedCopies: string }> = {
  vi: {
    documents: 'Số văn bản đã đếm',
    pairs: 'cặp chữ ký tách rời được tính là một văn bản',
    skipped: 'tệp không phải văn bản bị bỏ qua',
    jsonl: 'dòng báo cáo',
    duplicates: 'báo cáo trùng nội dung (cùng SHA-256), chỉ đếm một lần',
    carried: 'bản sao tệp đính kèm của một gói đã đếm, không đếm lại',
    signedCopies: 'bản sao mang đúng những chữ ký đã đếm ở văn bản khác (khác byte nhưng cùng lần ký), chỉ đếm một lần',
  },
  en: {
    documents: 'Documents counted',
    pairs: 'detached pairs counted as one document each',
    skipped: 'files skipped (not documents)',
    jsonl: 'report lines',
    duplicates: 'reports of the same bytes (same SHA-256), counted once',
    carried: 'copies of an attachment of a counted package, not counted again',
    signedCopies: 'copies carrying only signatures already counted in another document (other bytes, the same acts of signing), counted once',
  },
};

function isJsonl(path: string): boolean {
  return path === '-' || /\.(jsonl|ndjson)$/i.test(path);
}

/** Lines of a byte or text stream, decoded as UTF-8, each bounded in length. */
async function* lines(stream: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let buffered = '';
  for await (const chunk of stream) {
    buffered += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      yield buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
    }
    if (buffered.length > MAX_LINE_CHARS) throw new KysoIoError(`a JSON line is longer than ${MAX_LINE_CHARS} characters`);
  }
  buffered += decoder.decode();
  if (buffered.length > 0) yield buffered;
}

function asReport(value: unknown, where: string): DocumentReport & { path?: string } {
  const r = value as Partial<DocumentReport> | null;
  if (typeof r !== 'object' || r === null || typeof r.indication !== 'string' || !Array.isArray(r.signatures) || typeof r.roles !== 'object') {
    throw new KysoIoError(`${where} is not a kyso document report`);
  }
  return r as DocumentReport & { path?: string };
}

export async function metricsCommand(args: string[], io: MetricsIo, context: MetricsContext): Promise<number> {
  if (wantsHelp(args)) {
    io.stdout(metricsUsage(context.lang));
    return 0;
  }
  try {
    return await run(args, io, context);
  } catch (error) {
    const message = usageMessage(error, 'metrics', context.lang);
    if (message !== undefined) {
      io.stderr(message);
      return 3;
    }
    throw error;
  }
}

async function run(args: string[], io: MetricsIo, context: MetricsContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      by: { type: 'string' },
      format: { type: 'string' },
      lang: { type: 'string' },
      indicator: { type: 'string' },
      indicators: { type: 'string' },
      trust: { type: 'string', multiple: true },
      'trust-name-and-key': { type: 'string', multiple: true },
      'no-default-trust': { type: 'boolean' },
      'trust-store': { type: 'string' },
      at: { type: 'string' },
      revocation: { type: 'string', multiple: true },
      'revocation-mode': { type: 'string' },
      online: { type: 'boolean' },
      'allow-private-networks': { type: 'boolean' },
      password: { type: 'string', multiple: true },
      'password-file': { type: 'string', multiple: true },
      jobs: { type: 'string' },
      'count-extracted-copies': { type: 'boolean' },
    },
  });
  if (positionals.length === 0) throw new CommandUsageError('needInputs');
  const by = parseBy(values.by);
  const format = oneOf(values.format, ['text', 'json', 'csv'] as const, '--format', 'text');
  const lang = oneOf(values.lang, ['vi', 'en'] as const, '--lang', context.lang);
  const at = atOption(values.at);
  const revocationMode = oneOf(values['revocation-mode'], ['require', 'if-available', 'off'] as const, '--revocation-mode', 'if-available');
  const jobs = values.jobs === undefined ? 2 : Number(values.jobs);
  if (!/^\d+$/.test(values.jobs ?? '2') || !Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new CommandUsageError('integer', { option: '--jobs', min: 1, max: 256 });
  if (values['no-default-trust'] && !values.trust?.length && !values['trust-name-and-key']?.length) throw new CommandUsageError('noDefaultTrust');
  const indicators = await indicatorOptions(values.indicators, values.indicator);

  const anchorPki: AnchorPkiLookup = await bundledAnchorPki();
  const aggregator = new Aggregator({ by, anchorPki });
  // The same bytes count once (by SHA-256, as the queue keys its jobs), and so do the same signing acts in other bytes, after detached pairs are joined.
  const filter = new DuplicateFilter(aggregator, { extractedCopies: values['count-extracted-copies'] ? 'count' : 'drop' });
  const pairer = new DetachedPairer((observation) => filter.add(observation));
  const push = (path: string, report: DocumentReport) =>
    pairer.push(path, { indication: report.indication, facts: factsOf(report), document: documentIdentity(report) }, { detachedSignature: report.format === 'cms' });
  // Facts of an edXML package written before they said its kind are derived again, so that an older report of a status message is not counted as a document.
  const factsOf = (report: DocumentReport) =>
    report.facts && !(report.format === 'edxml' && report.facts.edxml && report.facts.edxml.kind === undefined) ? report.facts : deriveFacts(report, { anchorPki, places: BUNDLED_PLACES });

  let verifyOptions: VerifyOptions | undefined;
  const options = async (): Promise<VerifyOptions> => {
    if (verifyOptions) return verifyOptions;
    const trust = await loadTrust(trustArgs(values));
    const revocation = await loadRevocation(values.revocation);
    const passwords = await loadPasswords(values.password, values['password-file'], lang);
    verifyOptions = {
      trust,
      at,
      revocation: { ...revocation, mode: revocationMode, ...(values.online ? { fetch: createHttpFetcher({ allowPrivateNetworks: values['allow-private-networks'] ?? false }) } : { fetch: false as const }) },
      ...(passwords.length > 0 ? { passwords } : {}),
    };
    return verifyOptions;
  };

  let skipped = 0;
  let lineCount = 0;
  for (const input of positionals) {
    if (isJsonl(input)) {
      const stream = input === '-' ? (io.stdin ?? process.stdin) : createReadStream(input);
      let number = 0;
      try {
        for await (const line of lines(stream)) {
          number++;
          if (line.trim() === '') continue;
          lineCount++;
          const where = `${input === '-' ? 'stdin' : input}:${number}`;
          let value: unknown;
          try {
            value = JSON.parse(line);
          } catch {
            throw new KysoIoError(`${where} is not JSON`);
          }
          // kyso verify's summary record and its lines for unreadable files are not document reports.
          const record = (value as { record?: unknown } | null)?.record;
          if (record === 'summary' || record === 'error') continue;
          const report = asReport(value, where);
          push(typeof report.path === 'string' ? report.path : where, report);
        }
      } catch (error) {
        if (error instanceof KysoIoError) throw error;
        throw new KysoIoError(`cannot read ${input}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      continue;
    }
    // Every file counts, as in kyso verify: a file in a register that is not a signed document is an unsigned document.
    const files = await collectFiles([input]);
    const verifyWith = await options();
    for (let i = 0; i < files.length; i += jobs) {
      const batch = files.slice(i, i + jobs);
      const reports = await Promise.all(batch.map((file) => verifyFile(file, verifyWith)));
      reports.forEach((report, j) => push(batch[j]!, report));
    }
  }
  pairer.flush();

  const metrics = aggregator.result();
  const t = TEXT[lang];
  const dropped: string[] = [];
  if (filter.duplicates > 0) dropped.push(`${t.duplicates}: ${filter.duplicates}`);
  if (filter.carriedCopies > 0) dropped.push(`${t.carried}: ${filter.carriedCopies}`);
  if (filter.signedCopies > 0) dropped.push(`${t.signedCopies}: ${filter.signedCopies}`);
  // JSON and CSV keep standard output for the data; what was dropped goes to standard error.
  if (format !== 'text' && dropped.length > 0) io.stderr(`kyso metrics: ${dropped.join('; ')}\n`);
  if (format === 'json') {
    io.stdout(`${JSON.stringify(toJsonDocument(metrics, { indicators, generator: `kyso ${context.version}` }), null, 2)}\n`);
  } else if (format === 'csv') {
    io.stdout(toCsv(metrics, { indicators }));
  } else {
    const notes = [`${t.documents}: ${aggregator.documents}`];
    if (lineCount > 0) notes.push(`${t.jsonl}: ${lineCount}`);
    if (pairer.pairs > 0) notes.push(`${pairer.pairs} ${t.pairs}`);
    notes.push(...dropped);
    if (skipped > 0) notes.push(`${skipped} ${t.skipped}`);
    io.stdout(`${notes.join('; ')}\n\n${rankingTable(metrics, { lang, indicators, ...(values.indicator ? { indicator: values.indicator } : {}) })}`);
  }
  return 0;
}
