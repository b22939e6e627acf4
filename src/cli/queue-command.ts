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
import { COMMAND_HELP, CommandUsageError, usageMessage, wantsHelp } from './command-help.js';
import { atOption, oneOf } from './command-options.js';
import { loadRevocation, loadTrust, trustArgs } from './trust-options.js';
import { langFromEnv } from './words.js';

export interface QueueIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

type Lang = 'vi' | 'en';


async function kysoVersion(): Promise<string> {
  const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

function integer(value: string | undefined, option: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new CommandUsageError('integer', { option, min, max });
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
      lang: { type: 'string' },
      at: { type: 'string' },
      revocation: { type: 'string', multiple: true },
      'revocation-mode': { type: 'string' },
      online: { type: 'boolean' },
      'allow-private-networks': { type: 'boolean' },
      attempts: { type: 'string' },
      'backoff-ms': { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new CommandUsageError('needSubmitInputs');
  const mode = oneOf(values['revocation-mode'], ['require', 'if-available', 'off'] as const, '--revocation-mode', 'if-available');
  const at = atOption(values.at);
  if (values['no-default-trust'] && !values.trust?.length && !values['trust-name-and-key']?.length) throw new CommandUsageError('noDefaultTrust');
  const trust = await loadTrust(trustArgs(values));
  const revocation = await loadRevocation(values.revocation);
  const frozen = await freezeOptions({ kyso: await kysoVersion(), at, trust, ...revocation, revocationMode: mode, online: values.online ?? false, allowPrivateNetworks: values['allow-private-networks'] ?? false });
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
      lang: { type: 'string' },
      out: { type: 'string' },
      shard: { type: 'string' },
      concurrency: { type: 'string' },
      'lock-ms': { type: 'string' },
      'no-fsync': { type: 'boolean' },
      'until-drained': { type: 'boolean' },
      'timeout-ms': { type: 'string' },
    },
  });
  if (positionals.length > 0 || values.out === undefined) throw new CommandUsageError('needOut');
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

export function statusLines(status: QueueStatus, lang: Lang): string[] {
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
    for (const d of status.deadLetters) lines.push(`  ${d.ref} — ${CAUSES[d.cause][lang]}${d.reason ? ` (${d.reason})` : ''}`);
  }
  return lines;
}

async function statusCommand(args: string[], io: QueueIo, defaultLang: Lang): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: false,
    options: { redis: { type: 'string' }, queue: { type: 'string' }, format: { type: 'string' }, lang: { type: 'string' } },
  });
  if (positionals.length > 0) throw new CommandUsageError('noArguments');
  const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
  const lang = oneOf(values.lang, ['vi', 'en'] as const, '--lang', defaultLang);
  const status = await queueStatus({ ...(values.redis !== undefined ? { redis: values.redis } : {}), ...(values.queue !== undefined ? { queue: values.queue } : {}) });
  if (format === 'json') io.stdout(`${JSON.stringify(status, null, 2)}\n`);
  else io.stdout(`${statusLines(status, lang).join('\n')}\n`);
  return 0;
}

export async function queueCommand(args: readonly string[], io: QueueIo, lang: Lang = langFromEnv()): Promise<number> {
  const [sub, ...rest] = args;
  const command = sub === 'submit' || sub === 'work' || sub === 'status' ? sub : 'queue';
  const named = sub === undefined || sub.startsWith('-') ? undefined : sub;
  if (sub === 'help' || wantsHelp(command === 'queue' ? args : rest)) {
    const named = rest[0];
    io.stdout(COMMAND_HELP[lang][sub === 'help' && (named === 'submit' || named === 'work' || named === 'status') ? named : command]);
    return 0;
  }
  try {
    switch (sub) {
      case 'submit':
        return await submitCommand(rest, io);
      case 'work':
        return await workCommand(rest, io);
      case 'status':
        return await statusCommand(rest, io, lang);
      default:
        throw named === undefined ? new CommandUsageError('needSubcommand') : new CommandUsageError('unknownSubcommand', { token: named });
    }
  } catch (error) {
    const message = usageMessage(error, command, lang);
    if (message !== undefined) {
      io.stderr(message);
      return 3;
    }
    if (error instanceof KysoError || error instanceof TypeError) {
      io.stderr(`kyso: ${redactUrl(error.message)}\n`);
      return 3;
    }
    throw error;
  }
}
