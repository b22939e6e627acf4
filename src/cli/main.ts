/**
 * The `kyso` command. Exit codes (design.md): 0 every document TOTAL_PASSED; 1 any
 * TOTAL_FAILED; 2 otherwise any INDETERMINATE or NO_SIGNATURE; 3 usage or I/O error.
 */
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { KysoError } from '../errors.js';
import { collectFiles, isDocumentFile, loadRevocationFiles, loadTrustFiles, verifyFile } from '../node.js';
import { createHttpFetcher } from '../pki/node.js';
import { TrustStore } from '../pki/trust-store.js';
import { describeCertificate } from '../pki/describe.js';
import type { DocumentReport } from '../report/types.js';
import type { VerifyOptions } from '../options.js';
import { openFileSource } from '../io/node-file.js';
import type { Lang, Tally } from './text-report.js';
import { documentLines, summaryLines } from './text-report.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

const USAGE = `Usage:
  kyso verify [--trust PATH]... [--no-default-trust] [--at ISO-8601] [--revocation FILE]...
              [--revocation-mode require|if-available|off] [--online] [--content FILE]
              [--format text|json|jsonl] [--lang vi|en] [--jobs N] <file|dir>...
  kyso metrics [--by agency,province,month,year] [--format text|json|csv] [--lang vi|en] <file|dir|reports.jsonl>...
  kyso trust list [--format text|json]
  kyso metrics merge [--by ...] [--format text|json|csv] <metrics.json|dir>...
  kyso queue submit|work|status ...   (kyso queue --help)
  kyso --version

Exit codes: 0 all documents passed; 1 a document failed; 2 indeterminate or unsigned; 3 usage or I/O error.
`;

class UsageError extends Error {}

async function version(): Promise<string> {
  const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

function defaultLang(): Lang {
  const env = process.env['LC_ALL'] || process.env['LC_MESSAGES'] || process.env['LANG'] || '';
  return env.toLowerCase().startsWith('vi') ? 'vi' : 'en';
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${name} must be one of: ${allowed.join(', ')}`);
  return value as T;
}

/** Runs `count` tasks with at most `jobs` in flight; results keep their order. */
async function mapLimited<T, R>(items: readonly T[], jobs: number, task: (item: T) => Promise<R>, onDone: (index: number, result: R) => void): Promise<void> {
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      onDone(index, await task(items[index]!));
    }
  }
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
}

function tally(reports: readonly DocumentReport[]): Tally {
  return {
    total: reports.length,
    passed: reports.filter((r) => r.indication === 'TOTAL_PASSED').length,
    failed: reports.filter((r) => r.indication === 'TOTAL_FAILED').length,
    indeterminate: reports.filter((r) => r.indication === 'INDETERMINATE').length,
    unsigned: reports.filter((r) => r.indication === 'NO_SIGNATURE').length,
  };
}

export function exitCodeFor(reports: readonly DocumentReport[]): number {
  if (reports.some((r) => r.indication === 'TOTAL_FAILED')) return 1;
  if (reports.some((r) => r.indication !== 'TOTAL_PASSED')) return 2;
  return 0;
}

async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      trust: { type: 'string', multiple: true },
      'no-default-trust': { type: 'boolean' },
      at: { type: 'string' },
      revocation: { type: 'string', multiple: true },
      'revocation-mode': { type: 'string' },
      online: { type: 'boolean' },
      content: { type: 'string' },
      format: { type: 'string' },
      lang: { type: 'string' },
      jobs: { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new UsageError('verify needs at least one file or folder');
  const format = oneOf(values.format, ['text', 'json', 'jsonl'] as const, '--format', 'text');
  const lang = oneOf(values.lang, ['vi', 'en'] as const, '--lang', defaultLang());
  const revocationMode = oneOf(values['revocation-mode'], ['require', 'if-available', 'off'] as const, '--revocation-mode', 'if-available');
  const at = values.at === undefined ? new Date() : new Date(values.at);
  if (Number.isNaN(at.getTime())) throw new UsageError(`--at ${values.at} is not an ISO-8601 time`);
  const jobs = values.jobs === undefined ? Math.max(1, Math.min(4, cpus().length)) : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError('--jobs must be an integer from 1 to 256');
  if (values.content !== undefined && positionals.length !== 1) throw new UsageError('--content goes with exactly one signature file');
  if (values['no-default-trust'] && !values.trust?.length) throw new UsageError('--no-default-trust needs at least one --trust PATH');

  let trust = values['no-default-trust'] ? TrustStore.empty() : await TrustStore.bundled();
  if (values.trust?.length) trust = trust.merge(await loadTrustFiles(values.trust));
  const revocation = values.revocation?.length ? await loadRevocationFiles(values.revocation) : { crls: [], ocspResponses: [] };
  const contentFile = values.content !== undefined ? await openFileSource(values.content) : undefined;
  const options: VerifyOptions = {
    trust,
    at,
    revocation: { ...revocation, mode: revocationMode, ...(values.online ? { fetch: createHttpFetcher() } : { fetch: false as const }) },
    ...(contentFile ? { content: contentFile } : {}),
  };

  try {
    // Named files are verified whatever they hold; inside folders, only files that look like documents.
    const files: string[] = [];
    let skipped = 0;
    for (const path of positionals) {
      const found = await collectFiles([path]);
      if (found.length === 1 && found[0] === path) {
        files.push(path);
        continue;
      }
      for (const file of found) {
        if (await isDocumentFile(file)) files.push(file);
        else skipped++;
      }
    }
    if (files.length === 0) throw new UsageError('no documents found');

    const kysoVersion = await version();
    const reports: DocumentReport[] = new Array(files.length);
    let printed = 0;
    await mapLimited(files, jobs, (file) => verifyFile(file, options), (index, report) => {
      reports[index] = report;
      if (format === 'json') return;
      // Printed in input order as soon as every earlier document is done, so big folders stream.
      while (printed < files.length && reports[printed] !== undefined) {
        if (format === 'jsonl') {
          io.stdout(`${JSON.stringify({ kyso: kysoVersion, validationTime: at.toISOString(), path: files[printed], ...reports[printed]! })}\n`);
        } else {
          io.stdout(`${documentLines(files[printed]!, reports[printed]!, lang).join('\n')}\n\n`);
        }
        printed++;
      }
    });
    if (format === 'json') {
      const output = { kyso: kysoVersion, validationTime: at.toISOString(), documents: reports.map((r, i) => ({ path: files[i], ...r })) };
      io.stdout(`${JSON.stringify(output, null, 2)}\n`);
    } else if (format === 'text') {
      io.stdout(`${summaryLines(tally(reports), skipped, at.toISOString(), lang).join('\n')}\n`);
    }
    return exitCodeFor(reports);
  } finally {
    await contentFile?.close();
  }
}

async function trustCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' } } });
  if (positionals[0] !== 'list' || positionals.length !== 1) throw new UsageError('trust takes one subcommand: list');
  const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
  const store = await TrustStore.bundled();
  const rows = [
    ...store.anchors.map((der) => ({ role: 'anchor', ...describeCertificate(der, 'trust-store') })),
    ...store.intermediates.map((der) => ({ role: 'intermediate', ...describeCertificate(der, 'trust-store') })),
  ];
  if (format === 'json') io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  else for (const row of rows) io.stdout(`${row.role.padEnd(12)} ${row.sha256}  ${row.notBefore.slice(0, 10)} → ${row.notAfter.slice(0, 10)}  ${row.subject}\n`);
  return 0;
}

export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'verify':
        return await verifyCommand(rest, io);
      case 'trust':
        return await trustCommand(rest, io);
      case 'queue':
        // Loaded on demand: BullMQ and ioredis are not for every `kyso verify`.
        return await (await import('./queue-command.js')).queueCommand(rest, io);
      case 'metrics':
        if (rest[0] === 'merge') return await (await import('./metrics-merge-command.js')).metricsMergeCommand(rest.slice(1), io, { version: await version(), lang: defaultLang() });
        return await (await import('./metrics-command.js')).metricsCommand(rest, io, { version: await version(), lang: defaultLang() });
      case '--version':
      case '-v':
        io.stdout(`${await version()}\n`);
        return 0;
      case '--help':
      case '-h':
      case 'help':
        io.stdout(USAGE);
        return 0;
      default:
        throw new UsageError(command === undefined ? 'no command given' : `unknown command: ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`kyso: ${error.message}\n\n${USAGE}`);
      return 3;
    }
    if (error instanceof KysoError) {
      io.stderr(`kyso: ${error.message}\n`);
      return 3;
    }
    throw error;
  }
}
