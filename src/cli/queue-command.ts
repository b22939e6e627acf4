/**
 * `kyso queue submit|work|status`: a corpus verified by many workers through BullMQ on
 * Redis (src/queue). Returns the exit code: 0 done, 3 usage or I/O error.
 */
import { readFile, lstat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { KysoError } from '../errors.js';
import { isDocumentFile } from '../node.js';
import { walk } from '../node/walk.js';
import type { DeadLetterCause, QueueStatus } from '../queue/index.js';
import { fileRef, freezeOptions, queueStatus, redactUrl, runWorker, submit } from '../queue/index.js';
import { loadRevocation, loadTrust } from './trust-options.js';

export interface QueueIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

type Lang = 'vi' | 'en';

const USAGE = `Usage:
  kyso queue submit [--redis URL] [--queue NAME] [--trust PATH]... [--trust-name-and-key PATH]...
                    [--no-default-trust] [--at ISO-8601]
                    [--revocation FILE]... [--revocation-mode require|if-available|off] [--online]
                    [--attempts N] [--backoff-ms N] <dir|document|list.txt>...
  kyso queue work   [--redis URL] [--queue NAME] --out DIR [--shard NAME] [--concurrency N]
                    [--lock-ms N] [--timeout-ms N] [--no-fsync] [--until-drained]
  kyso queue status [--redis URL] [--queue NAME] [--format text|json] [--lang vi|en]

Redis: --redis, else KYSO_REDIS_URL, else redis://127.0.0.1:6379. A list.txt holds one path per line.
`;

class QueueUsageError extends Error {}

async function kysoVersion(): Promise<string> {
  const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

function defaultLang(): Lang {
  const env = process.env['LC_ALL'] || process.env['LC_MESSAGES'] || process.env['LANG'] || '';
  return env.toLowerCase().startsWith('vi') ? 'vi' : 'en';
}

function integer(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new QueueUsageError(`${name} must be an integer from ${min} to ${max}`);
  return n;
}

/**
 * References from the command line, as `kyso verify` walks them (src/node/walk.ts): every
 * file given or found is a document (a non-document is an unsigned one), a detached
 * pair's content goes with its signature; a named .txt/.list file that is not a document
 * is a list of references, one per line.
 */
async function* references(paths: readonly string[], tally: { skipped: number; errors: string[] }): AsyncGenerator<string> {
  const walked: string[] = [];
  for (const path of paths) {
    if (/\.(txt|list)$/i.test(path) && (await lstat(path).catch(() => undefined))?.isFile() && !(await isDocumentFile(path))) {
      for (const raw of (await readFile(path, 'utf8')).split(/\r?\n/)) {
        const line = raw.trim();
        if (line === '' || line.startsWith('#')) continue;
        // Other schemes go to their reader as written; relative paths are relative to the list.
        yield /^[a-z][a-z0-9+.-]*:\/\//i.test(line) || isAbsolute(line) ? line : resolve(dirname(path), line);
      }
    } else {
      walked.push(path);
    }
  }
  for await (const entry of walk(walked)) {
    if (entry.kind === 'document') yield fileRef(entry.path);
    else if (entry.kind === 'skipped') tally.skipped++;
    else tally.errors.push(`${entry.path}: ${entry.error.message}`);
  }
}

async function submitCommand(args: string[], io: QueueIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      redis: { type: 'string' },
      queue: { type: 'string' },
      trust: { type: 'string', multiple: true },
      'trust-name-and-key': { type: 'string', multiple: true },
      'no-default-trust': { type: 'boolean' },
      'trust-store': { type: 'string' },
      at: { type: 'string' },
      revocation: { type: 'string', multiple: true },
      'revocation-mode': { type: 'string' },
      online: { type: 'boolean' },
      attempts: { type: 'string' },
      'backoff-ms': { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new QueueUsageError('submit needs at least one folder, document or list');
  const mode = values['revocation-mode'] ?? 'if-available';
  if (mode !== 'require' && mode !== 'if-available' && mode !== 'off') throw new QueueUsageError('--revocation-mode must be one of: require, if-available, off');
  const at = values.at === undefined ? new Date() : new Date(values.at);
  if (Number.isNaN(at.getTime())) throw new QueueUsageError(`--at ${values.at} is not an ISO-8601 time`);
  if (values['no-default-trust'] && !values.trust?.length && !values['trust-name-and-key']?.length) throw new QueueUsageError('--no-default-trust needs at least one --trust PATH');
  const trust = await loadTrust({
    defaultTrust: !values['no-default-trust'],
    ...(values.trust ? { trust: values.trust } : {}),
    ...(values['trust-name-and-key'] ? { trustNameAndKey: values['trust-name-and-key'] } : {}),
    ...(values['trust-store'] ? { trustStore: values['trust-store'] } : {}),
  });
  const revocation = await loadRevocation(values.revocation);
  const frozen = await freezeOptions({ kyso: await kysoVersion(), at, trust, ...revocation, revocationMode: mode, online: values.online ?? false });
  const attempts = integer(values.attempts, '--attempts', 1, 100);
  const backoffMs = integer(values['backoff-ms'], '--backoff-ms', 0, 86_400_000);
  const tally = { skipped: 0, errors: [] as string[] };
  const result = await submit(references(positionals, tally), {
    options: frozen,
    ...(values.redis !== undefined ? { redis: values.redis } : {}),
    ...(values.queue !== undefined ? { queue: values.queue } : {}),
    ...(attempts !== undefined ? { attempts } : {}),
    ...(backoffMs !== undefined ? { backoffMs } : {}),
  });
  for (const error of tally.errors) io.stderr(`kyso: ${error}\n`);
  io.stdout(`${JSON.stringify({ submitted: result.submitted, skipped: tally.skipped, errors: tally.errors.length, optionsHash: result.optionsHash, validationTime: frozen.at })}\n`);
  return tally.errors.length > 0 ? 3 : 0;
}

async function workCommand(args: string[], io: QueueIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: false,
    options: {
      redis: { type: 'string' },
      queue: { type: 'string' },
      out: { type: 'string' },
      shard: { type: 'string' },
      concurrency: { type: 'string' },
      'lock-ms': { type: 'string' },
      'no-fsync': { type: 'boolean' },
      'until-drained': { type: 'boolean' },
      'timeout-ms': { type: 'string' },
    },
  });
  if (positionals.length > 0 || values.out === undefined) throw new QueueUsageError('work needs --out DIR and no other arguments');
  const concurrency = integer(values.concurrency, '--concurrency', 1, 256);
  const lockMs = integer(values['lock-ms'], '--lock-ms', 1000, 3_600_000);
  const timeoutMs = integer(values['timeout-ms'], '--timeout-ms', 1, 86_400_000);
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  try {
    const summary = await runWorker({
      out: values.out,
      kyso: await kysoVersion(),
      signal: controller.signal,
      fsync: !values['no-fsync'],
      untilDrained: values['until-drained'] ?? false,
      ...(values.redis !== undefined ? { redis: values.redis } : {}),
      ...(values.queue !== undefined ? { queue: values.queue } : {}),
      ...(values.shard !== undefined ? { shard: values.shard } : {}),
      ...(concurrency !== undefined ? { concurrency } : {}),
      ...(lockMs !== undefined ? { lockMs } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      log: (event) => io.stderr(`kyso queue: ${JSON.stringify(event)}\n`),
    });
    io.stdout(`${JSON.stringify(summary)}\n`);
    return 0;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
}

const CAUSES: Record<DeadLetterCause, Record<Lang, string>> = {
  timeout: { en: 'its verification ran past the time limit on every try', vi: 'quá trình xác minh vượt quá thời gian cho phép ở mọi lần thử' },
  'worker-lost': {
    en: 'the worker verifying it stopped on every delivery (crash, kill, out of memory or time-out)',
    vi: 'tiến trình xác minh dừng đột ngột ở mọi lần giao việc (lỗi, bị dừng, hết bộ nhớ hoặc quá thời gian)',
  },
  unreadable: { en: 'could not be read after every retry', vi: 'không đọc được sau mọi lần thử lại' },
  refused: { en: 'this worker cannot apply the submitted options', vi: 'tiến trình không áp dụng được các tùy chọn đã gửi' },
  error: { en: 'verification failed with an error', vi: 'quá trình xác minh gặp lỗi' },
};

function duration(seconds: number): string {
  const s = Math.round(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

function statusLines(status: QueueStatus, lang: Lang): string[] {
  const rate = (r: number | null) => (r === null ? '–' : r.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 1 }));
  const eta = status.etaSeconds === null ? '–' : duration(status.etaSeconds);
  const { live, sealed, awaitingRepair } = status.shards;
  const lines =
    lang === 'vi'
      ? [
          `Hàng đợi ${status.queue}: ${status.done} đã xong, ${status.failed} thất bại, ${status.pending} đang chờ (${status.active} đang xử lý); ${status.aliases} trùng nội dung tài liệu khác`,
          `Phân đoạn: ${live} đang ghi, ${sealed} đã đóng, ${awaitingRepair} chờ sửa`,
          `Tốc độ: ${rate(status.throughput)} tài liệu/giây (5 phút gần nhất: ${rate(status.recentThroughput)}); dự kiến xong sau ${eta}`,
        ]
      : [
          `Queue ${status.queue}: ${status.done} done, ${status.failed} failed, ${status.pending} pending (${status.active} in flight); ${status.aliases} with the same bytes as another document`,
          `Shards: ${live} live, ${sealed} sealed, ${awaitingRepair} awaiting repair`,
          `Throughput: ${rate(status.throughput)} documents/s (last 5 minutes: ${rate(status.recentThroughput)}); ETA ${eta}`,
        ];
  if (status.deadLetters.length > 0) {
    lines.push(lang === 'vi' ? 'Danh sách hỏng (dead-letter):' : 'Dead letters:');
    for (const d of status.deadLetters) lines.push(`  ${d.ref} — ${CAUSES[d.cause][lang]} (${d.reason})`);
  }
  return lines;
}

async function statusCommand(args: string[], io: QueueIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: false,
    options: { redis: { type: 'string' }, queue: { type: 'string' }, format: { type: 'string' }, lang: { type: 'string' } },
  });
  if (positionals.length > 0) throw new QueueUsageError('status takes no arguments');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new QueueUsageError('--format must be one of: text, json');
  const lang = values.lang ?? defaultLang();
  if (lang !== 'vi' && lang !== 'en') throw new QueueUsageError('--lang must be one of: vi, en');
  const status = await queueStatus({ ...(values.redis !== undefined ? { redis: values.redis } : {}), ...(values.queue !== undefined ? { queue: values.queue } : {}) });
  if (format === 'json') io.stdout(`${JSON.stringify(status, null, 2)}\n`);
  else io.stdout(`${statusLines(status, lang).join('\n')}\n`);
  return 0;
}

export async function queueCommand(args: readonly string[], io: QueueIo): Promise<number> {
  const [sub, ...rest] = args;
  try {
    switch (sub) {
      case 'submit':
        return await submitCommand(rest, io);
      case 'work':
        return await workCommand(rest, io);
      case 'status':
        return await statusCommand(rest, io);
      case '--help':
      case '-h':
      case 'help':
        io.stdout(USAGE);
        return 0;
      default:
        throw new QueueUsageError(sub === undefined ? 'queue needs a subcommand: submit, work or status' : `unknown queue subcommand: ${sub}`);
    }
  } catch (error) {
    const parseError = error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (error instanceof QueueUsageError || parseError) {
      io.stderr(`kyso: ${error.message}\n\n${USAGE}`);
      return 3;
    }
    if (error instanceof KysoError || error instanceof TypeError) {
      io.stderr(`kyso: ${redactUrl(error.message)}\n`);
      return 3;
    }
    throw error;
  }
}
