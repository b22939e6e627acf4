/**
 * `kyso verify`: every file given or found gets one entry in the report, in input order;
 * a file that cannot be read gets its own entry and makes the exit code 3 once
 * everything else was verified; Ctrl-C stops the run and writes what was done.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { detectFormat } from '../formats/detect.js';
import type { PackageSignaturePolicy } from '../formats/edxml/package-signature.js';
import type { VerifyOptions } from '../options.js';
import { openFileSource, type FileSource } from '../io/node-file.js';
import { KysoIoError, KysoOptionsError } from '../errors.js';
import { HELP } from './help-words.js';
import { ioError, type WorkerConfig } from '../node/config.js';
import { checkJobs, verifyEntries } from '../node/files.js';
import { createPool, defaultJobs, type WorkerPool } from '../node/pool.js';
import type { OpenFile } from '../node/verify-file.js';
import type { WalkEntry } from '../node/walk.js';
import { walk } from '../node/walk.js';
import type { RevocationMode } from '../pki/types.js';
import type { CliRunSummary, CliSkippedFile } from '../report/cli-output.js';
import type { Progress } from './progress.js';
import type { Tally } from './text-report.js';
import type { Counts, Lang } from './words.js';
import { fill } from './words.js';
import type { Format, Sink } from './writers.js';
import { loadPasswords, loadRevocation, loadTrust } from './trust-options.js';
import { createWriter } from './writers.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Aborted on Ctrl-C: the run stops and writes what was done. */
  readonly signal?: AbortSignal;
  /** The terminal progress is drawn on; absent when stderr is not a terminal. */
  readonly progressStream?: NodeJS.WritableStream;
  /** Test seam: how files are opened; when set, files are verified on this thread. */
  readonly open?: OpenFile;
}

export interface VerifyArgs {
  readonly paths: readonly string[];
  readonly trust: readonly string[];
  /** Anchors whose own certificate counts for its name and key only (TrustStore.withNameAndKeyAnchors). */
  readonly trustNameAndKey?: readonly string[];
  readonly defaultTrust: boolean;
  readonly trustStore?: string;
  readonly at: Date;
  readonly revocation: readonly string[];
  readonly revocationMode: RevocationMode;
  readonly online: boolean;
  /** `--allow-private-networks`: with `online`, fetch from private networks too. */
  readonly allowPrivateNetworks?: boolean;
  /** `--content`: FILE, or URI=FILE for a Reference of a detached XML signature; repeatable. */
  readonly content: readonly string[];
  readonly packageSignature: PackageSignaturePolicy;
  /** `--password`: passwords for encrypted PDFs, in the order given. */
  readonly passwords?: readonly string[];
  /** `--password-file`: files of such passwords, one per line, tried after `passwords`. */
  readonly passwordFiles?: readonly string[];
  readonly format: Format;
  readonly output?: string;
  readonly lang: Lang;
  readonly jobs?: number;
  readonly quiet: boolean;
  /** true: always; false: never; undefined: when stderr is a terminal. */
  readonly progress?: boolean;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly kyso: string;
}

/** Exit codes: 0 all passed, 1 a failure, 2 indeterminate or unsigned, 3 a file could not be read, 130 stopped with Ctrl-C. */
export function exitCodeOf(counts: Counts, errors: number, interrupted: boolean): number {
  if (interrupted) return 130;
  if (errors > 0) return 3;
  if (counts.TOTAL_FAILED > 0) return 1;
  const verified = counts.TOTAL_PASSED + counts.TOTAL_FAILED + counts.INDETERMINATE + counts.NO_SIGNATURE;
  // Nothing verified proves nothing: an empty folder is not "every document passed".
  if (verified === 0 || counts.INDETERMINATE > 0 || counts.NO_SIGNATURE > 0) return 2;
  return 0;
}

/** `URI=FILE` names a Reference's content; a value that is itself an existing file is FILE alone (its name may hold `=`). */
async function contentArgument(value: string): Promise<{ uri?: string; file: string }> {
  const isFile = await stat(value).then((info) => info.isFile(), () => false);
  const eq = value.indexOf('=');
  return isFile || eq <= 0 ? { file: value } : { uri: value.slice(0, eq), file: value.slice(eq + 1) };
}

/**
 * The detached content `--content` gives for the one signature file: for a CMS signature
 * (.p7s) the signed file, opened for reading; for an XML signature a map from Reference URI
 * to bytes (the library's `content` map), FILE alone standing for the URI that is its name.
 */
async function contentFor(args: VerifyArgs): Promise<{ content?: VerifyOptions['content']; closeContent(): Promise<void> }> {
  const none = { closeContent: async () => undefined };
  if (args.content.length === 0) return none;
  const given = await Promise.all(args.content.map(contentArgument));
  const signature = args.paths[0]!;
  let head: Uint8Array;
  try {
    const source = await openFileSource(signature);
    try {
      head = await source.read(0, Math.min(source.size, 1024));
    } finally {
      await source.close();
    }
  } catch (error) {
    throw ioError(signature, error);
  }
  const format = detectFormat(head);
  if (format === 'xml' || format === 'edxml') {
    const map = new Map<string, Uint8Array>();
    for (const { uri, file } of given) {
      try {
        map.set(uri ?? basename(file), new Uint8Array(await readFile(file)));
      } catch (error) {
        throw ioError(file, error);
      }
    }
    return { content: map, ...none };
  }
  if (given.length !== 1 || given[0]!.uri !== undefined) throw new KysoOptionsError(HELP[args.lang].errors.contentCms);
  const file = given[0]!.file;
  let source: FileSource;
  try {
    source = await openFileSource(file);
  } catch (error) {
    throw ioError(file, error);
  }
  return { content: source, closeContent: () => source.close() };
}

/**
 * Without --jobs, a run this small is verified on the main thread: a worker thread's start
 * (its own Node environment and code) costs more than the files. Measured on the 2-core
 * machine under load, from bench/.corpus/folder-2000: 8 small PDFs 345 -> 184 ms wall on
 * the main thread, 16 PDFs 494 -> 248 ms, 32 PDFs 574 -> 310 ms; 2 PDFs 290 -> 107 ms.
 * Bytes count too: hashing big files is what threads share well.
 */
const SMALL_RUN_FILES = 16;
const SMALL_RUN_BYTES = 32 * 1024 * 1024;

async function isSmallRun(entries: readonly WalkEntry[]): Promise<boolean> {
  const documents = entries.filter((e) => e.kind === 'document');
  if (documents.length > SMALL_RUN_FILES) return false;
  const paths = documents.flatMap((e) => (e.content !== undefined ? [e.path, e.content] : [e.path]));
  // A file that cannot be stat'ed gets its error when it is opened; it weighs nothing here.
  const sizes = await Promise.all(paths.map((path) => stat(path).then((info) => info.size, () => 0)));
  return sizes.reduce((total, size) => total + size, 0) <= SMALL_RUN_BYTES;
}

function fileSink(path: string, lang: Lang): { sink: Sink; close(): Promise<void> } {
  const stream = createWriteStream(path);
  let failure: Error | undefined;
  stream.on('error', (error) => (failure = error));
  // The OS's refusal is the user's to fix (a missing folder, a full disk): said as such, in
  // their language, naming the report file, not as an internal error.
  const cannotWrite = (error: unknown) => new KysoIoError(fill(HELP[lang].errors.output, { path, message: error instanceof Error ? error.message : String(error) }), { cause: error });
  return {
    sink: {
      async write(text) {
        if (failure) throw cannotWrite(failure);
        // once() rejects on 'error' by itself and removes its listeners when it settles; a race
        // with a second once(stream, 'error') left one error listener per full buffer behind.
        if (!stream.write(text)) {
          await once(stream, 'drain').catch((error: unknown) => {
            throw cannotWrite(error);
          });
        }
      },
    },
    async close() {
      if (failure) throw cannotWrite(failure);
      stream.end();
      await once(stream, 'finish').catch((error: unknown) => {
        throw cannotWrite(error);
      });
    },
  };
}

export async function runVerify(args: VerifyArgs, io: CliIo): Promise<number> {
  const jobs = args.jobs === undefined ? defaultJobs() : checkJobs(args.jobs);
  const trust = await loadTrust(args);
  const revocation = await loadRevocation(args.revocation);
  const passwords = await loadPasswords(args.passwords, args.passwordFiles, args.lang);
  const config: WorkerConfig = {
    trust: { anchors: trust.anchors, intermediates: trust.intermediates, nameAndKeyAnchors: trust.nameAndKeyAnchors },
    at: args.at,
    revocation: { ...revocation, mode: args.revocationMode, online: args.online, ...(args.allowPrivateNetworks ? { allowPrivateNetworks: true } : {}) },
    policy: { packageSignature: args.packageSignature },
    ...(passwords.length > 0 ? { passwords } : {}),
  };

  // The walk comes first (names only), so that progress knows the total. A run that has
  // shown it is not small starts its worker threads meanwhile: a thread takes ~80 ms to load.
  const entries: WalkEntry[] = [];
  const poolFrom = args.jobs === undefined ? Math.max(SMALL_RUN_FILES + 1, jobs) : jobs;
  let documents = 0;
  let early: ReturnType<typeof endedOnce> | undefined;
  for await (const entry of walk(args.paths, { include: args.include, exclude: args.exclude })) {
    entries.push(entry);
    if (entry.kind === 'document' && ++documents === poolFrom && jobs > 1 && args.content.length === 0 && !io.open) early = endedOnce(createPool(config, jobs));
  }
  try {
    return await verifyWalked(args, io, config, jobs, entries, early?.pool);
  } catch (error) {
    // The run ends its pool; one that failed before the run took it over ends here.
    await early?.endUnlessEnded();
    throw error;
  }
}

/** `pool`, and a way to end it unless its own destroy() was called already. */
function endedOnce(pool: WorkerPool): { readonly pool: WorkerPool; endUnlessEnded(): Promise<void> } {
  let ended = false;
  return {
    pool: {
      ...pool,
      destroy: () => {
        ended = true;
        return pool.destroy();
      },
    },
    endUnlessEnded: async () => {
      if (!ended) await pool.destroy();
    },
  };
}

async function verifyWalked(args: VerifyArgs, io: CliIo, config: WorkerConfig, jobs: number, entries: readonly WalkEntry[], startedPool: WorkerPool | undefined): Promise<number> {
  const { content, closeContent } = await contentFor(args);
  const out = args.output ? fileSink(args.output, args.lang) : undefined;
  const sink: Sink = out?.sink ?? { write: (text) => io.stdout(text) };
  const revocationCounter = { count: 0 };
  const writer = await createWriter(args.format, sink, { kyso: args.kyso, at: args.at, lang: args.lang, quiet: args.quiet }, revocationCounter);

  const counts: Counts = { TOTAL_PASSED: 0, TOTAL_FAILED: 0, INDETERMINATE: 0, NO_SIGNATURE: 0 };
  let errors = 0;
  const skipped: CliSkippedFile[] = [];
  const toVerify = entries.filter((e) => e.kind !== 'skipped').length;
  const showProgress = args.progress ?? io.progressStream !== undefined;
  let progress: Progress | undefined;
  if (showProgress && toVerify > 0) {
    const { startProgress } = await import('./progress.js');
    progress = startProgress(toVerify, args.lang, io.progressStream ?? process.stderr);
  }
  // A detached content given with --content is read on this thread. No more workers than
  // files, and none for a small run (isSmallRun) unless --jobs asks for them.
  const threads = content !== undefined || (args.jobs === undefined && (await isSmallRun(entries))) ? 1 : Math.max(1, Math.min(jobs, toVerify));
  let done = 0;
  try {
    for await (const result of verifyEntries(entries, {
      options: content !== undefined ? { content } : {},
      config,
      jobs: threads,
      ...(startedPool ? { startedPool } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
      ...(io.open ? { open: io.open } : {}),
    })) {
      if ('skipped' in result) {
        skipped.push({ path: result.path, reason: result.skipped, ...(result.sameAs ? { sameAs: result.sameAs } : {}) });
        continue;
      }
      done++;
      if ('error' in result) {
        errors++;
        await writer.error({ path: result.path, ...(result.content ? { content: result.content } : {}), error: result.error });
      } else {
        counts[result.report.indication]++;
        await writer.document(result);
      }
      progress?.update(done, counts, errors);
    }
  } finally {
    progress?.stop();
    await closeContent();
  }
  const interrupted = io.signal?.aborted ?? false;
  const exitCode = exitCodeOf(counts, errors, interrupted);
  const summary: CliRunSummary = {
    total: counts.TOTAL_PASSED + counts.TOTAL_FAILED + counts.INDETERMINATE + counts.NO_SIGNATURE,
    passed: counts.TOTAL_PASSED,
    failed: counts.TOTAL_FAILED,
    indeterminate: counts.INDETERMINATE,
    unsigned: counts.NO_SIGNATURE,
    skipped: skipped.length,
    errors,
    skippedFiles: skipped,
    interrupted,
    exitCode,
  };
  const revocationLookedFor = args.online || args.revocation.length > 0;
  const tally: Tally = { counts, errors, skipped, revocationNotChecked: revocationCounter.count, revocationLookedFor, interrupted };
  await writer.end(summary, tally);
  await out?.close();
  return exitCode;
}

