/**
 * One file verified without ever throwing: a report, or the OS error that kept it from
 * being read. The same function runs in-process (`jobs: 1`) and in a worker thread, so
 * both give the same reports.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { lstat, open as openHandle, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { detectFormat } from '../formats/detect.js';
import { bytesSource, type ByteSource } from '../io/byte-source.js';
import type { FileSource } from '../io/node-file.js';
import { nodeHashFactory, openFileSource } from '../io/node-file.js';
import type { VerifyOptions } from '../options.js';
import type { DocumentReport } from '../report/types.js';
import { verify } from '../verify.js';
import type { IoFailure, SkipReason } from './walk.js';
import { ioFailure } from './walk.js';

/** What verifyFiles says about one file it was given or found. */
export type FileResult =
  /** A verified document; `content` is the detached content verified with a `.p7s`/`.sig`. */
  | {
      /** The file as named or found. */
      readonly path: string;
      /** The detached content file verified with this signature, when there was one. */
      readonly content?: string;
      /** Its report. */
      readonly report: DocumentReport;
    }
  /** A file that could not be read: the OS error (`EACCES`, `ENOENT`, `EMFILE` …). */
  | {
      /** The file as named or found. */
      readonly path: string;
      /** The detached content file it was to be verified with (the one that failed, when the message names it). */
      readonly content?: string;
      /** The OS error. */
      readonly error: IoFailure;
    }
  /** A file found but not verified, and why (hidden, excluded, a symlink loop, a second path to a file already seen …). */
  | {
      /** The file as found. */
      readonly path: string;
      /** Why it was not verified. */
      readonly skipped: SkipReason;
      /** For a duplicate: the path it was verified under. */
      readonly sameAs?: string;
    };

export type OpenFile = (path: string) => Promise<FileSource>;

/** Files up to this size a worker reads whole; larger ones stay streamed (memory flat in the file's size). */
const WHOLE_FILE_BYTES = 4 * 1024 * 1024;

/**
 * How a worker thread opens a file. A worker verifies one task at a time and has nothing
 * else to do while it waits, so a small file is read whole with blocking calls (open,
 * fstat, one read, close): through fs/promises the same file cost four or more round trips
 * through libuv's thread pool plus one per range the parser asked for, with the worker
 * idle in between (measured: a third of a worker's time on a folder of small PDFs). The
 * bytes are the same, so the report is. Larger files are streamed as before.
 */
export async function openInWorker(path: string): Promise<FileSource> {
  const fd = openSync(path, 'r');
  let size: number;
  let bytes: Uint8Array;
  try {
    size = fstatSync(fd).size;
    if (size > WHOLE_FILE_BYTES) bytes = new Uint8Array(0);
    else {
      bytes = new Uint8Array(size);
      let filled = 0;
      while (filled < size) {
        const read = readSync(fd, bytes, filled, size - filled, filled);
        if (read === 0) break;
        filled += read;
      }
      bytes = bytes.subarray(0, filled);
    }
  } finally {
    closeSync(fd);
  }
  if (size > WHOLE_FILE_BYTES) return openFileSource(path);
  return inMemory(size, bytes);
}

/** A closed file's bytes as a FileSource. `size` stays the one fstat gave, as openFileSource's does: a file that shrank meanwhile reads short there too. */
function inMemory(size: number, bytes: Uint8Array): FileSource {
  const source = bytesSource(bytes);
  return { size, read: source.read, close: async () => undefined };
}

/**
 * The file's size (fstat), and its bytes when it has at most `limit`, read in one call;
 * throws the OS error.
 */
async function readUpTo(path: string, limit: number): Promise<{ readonly size: number; readonly bytes?: Uint8Array }> {
  const handle = await openHandle(path, 'r');
  try {
    const size = (await handle.stat()).size;
    if (size > limit) return { size };
    const buffer = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(buffer, filled, size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { size, bytes: buffer.subarray(0, filled) };
  } finally {
    await handle.close();
  }
}

/**
 * How this thread opens a file: a small one read whole in one call (the parsers' dozens of
 * small reads each cost a thread-pool round trip: measured 1.1 ms of CPU per small PDF of a
 * folder verified with jobs 1), a larger one streamed.
 */
export async function openWholeOrStreamed(path: string): Promise<FileSource> {
  const { size, bytes } = await readUpTo(path, WHOLE_FILE_BYTES);
  return bytes ? inMemory(size, bytes) : openFileSource(path);
}

/**
 * Files up to this size the thread feeding a pool reads whole before sending (readAhead);
 * with a window of 64 files in flight that holds at most 32 MiB.
 */
const READ_AHEAD_BYTES = 512 * 1024;

/**
 * A small file read whole on this thread, for a worker: the feeding thread mostly waits,
 * while every system call a worker makes delays its next document (measured: open, fstat,
 * read and close were ~60 ms of a worker's 2.3 s on 2,000 small PDFs). `undefined` for a
 * larger file or one that cannot be read here: the worker opens it itself, and reports its
 * error as it always has.
 */
export async function readAhead(path: string): Promise<{ bytes: Uint8Array; size: number } | undefined> {
  try {
    const { size, bytes } = await readUpTo(path, READ_AHEAD_BYTES);
    return bytes ? { bytes, size } : undefined;
  } catch {
    return undefined;
  }
}

/** Opens `path` from the bytes readAhead gave for it, and any other file (a detached content) as a worker does. */
export function readAlready(path: string, read: { readonly bytes: Uint8Array; readonly size: number }): OpenFile {
  let taken = false;
  return async (asked) => {
    if (taken || asked !== path) return openInWorker(asked);
    taken = true;
    return inMemory(read.size, read.bytes);
  };
}

/** Thrown inside, caught below: an OS error on the content file names that file. */
class ContentIoError extends Error {
  constructor(
    readonly contentPath: string,
    readonly failure: IoFailure,
  ) {
    super(failure.message);
  }
}

/** An error that carries an errno code came from the file system, not from kyso's own code. */
function isOsError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code);
}

/** Files read beside an XML signature, and their total size: a detached XML signature names one or a few. */
const MAX_BESIDE_FILES = 64;
const MAX_BESIDE_BYTES = 256 * 1024 * 1024;
/** Largest XML document scanned for the file names its References give. */
const MAX_BESIDE_SCAN = 64 * 1024 * 1024;

/** A Reference URI attribute (the name is checked below: a plain file name, no scheme, folder or fragment). */
const REFERENCE_URI = /<(?:[A-Za-z_][\w.-]*:)?Reference\b[^>]*?\bURI\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * For an XML document whose References name files beside it (`URI="cong-van.txt"`),
 * those files' bytes by URI. Only plain names in the signature's own folder are read.
 */
export async function xmlContentBeside(path: string, source: ByteSource, limit: number): Promise<Map<string, Uint8Array> | undefined> {
  if (source.size > limit) return undefined;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(await source.read(0, source.size));
  const found = new Map<string, Uint8Array>();
  let total = 0;
  for (const match of text.matchAll(REFERENCE_URI)) {
    const uri = match[1] ?? match[2] ?? '';
    if (found.size >= MAX_BESIDE_FILES) break;
    if (uri === '' || uri === '.' || uri === '..' || !/^[^#/\\:?*<>|"]+$/.test(uri) || found.has(uri)) continue;
    const file = join(dirname(path), uri);
    try {
      const info = await lstat(file);
      if (!info.isFile() || total + info.size > MAX_BESIDE_BYTES) continue;
      total += info.size;
      found.set(uri, new Uint8Array(await readFile(file)));
    } catch {
      // Not there: the Reference stays SIGNED_DATA_NOT_FOUND, as without this lookup.
    }
  }
  return found.size > 0 ? found : undefined;
}

/**
 * Verifies `path`, with `content` as the detached content when given: a detached CMS
 * signature is read against it; beside any other document it is verified on its own.
 */
export async function verifyPath(path: string, content: string | undefined, options: VerifyOptions, open: OpenFile = openWholeOrStreamed): Promise<FileResult> {
  const opened: FileSource[] = [];
  try {
    let source: FileSource;
    try {
      source = await open(path);
      opened.push(source);
    } catch (error) {
      return { path, ...(content ? { content } : {}), error: ioFailure(error) };
    }
    let contentSource: VerifyOptions['content'] = options.content;
    if (contentSource === undefined && detectFormat(await source.read(0, 1024)) === 'xml') {
      // A detached XML signature: the files its References name beside it. One named like it
      // (x.xml.sig beside x.xml) is its content only when a Reference names that file.
      const beside = await xmlContentBeside(path, source, MAX_BESIDE_SCAN);
      if (beside && (content === undefined || beside.has(basename(content)))) {
        contentSource = beside;
      }
    }
    if (contentSource === undefined && content !== undefined) {
      // Given whatever the signature file turns out to be: a detached CMS checks its bytes,
      // and any other document has them verified as a document of their own (verify.ts), so
      // a file named like a detached signature cannot hide the file beside it.
      try {
        const file = await open(content);
        opened.push(file);
        contentSource = file;
      } catch (error) {
        throw new ContentIoError(content, ioFailure(error));
      }
    }
    const report = await verify(source, { hashFactory: nodeHashFactory, ...options, ...(contentSource !== undefined ? { content: contentSource } : {}) });
    return { path, ...(content ? { content } : {}), report };
  } catch (error) {
    if (error instanceof ContentIoError) {
      return { path, content: error.contentPath, error: { ...error.failure, message: `${error.contentPath}: ${error.failure.message}` } };
    }
    // A read that failed halfway (EIO, EACCES on a stubbed handle) is the file's own failure, not a verdict.
    if (isOsError(error)) return { path, ...(content ? { content } : {}), error: ioFailure(error) };
    // Anything else is a kyso bug: it is reported for this file and the run goes on.
    return { path, ...(content ? { content } : {}), error: { code: 'ERR_KYSO_INTERNAL', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } };
  } finally {
    await Promise.all(opened.map((f) => f.close().catch(() => undefined)));
  }
}
