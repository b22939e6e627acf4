/**
 * The walk over the files and folders a user names. Every file given or found comes
 * out exactly once, in input order (folders depth first, names sorted): as a document
 * to verify, as a skip with its reason, or as an I/O failure with the OS error. Nothing
 * is dropped silently, since for an auditor a file in a register that is not a signed
 * document is an unsigned document and must be listed.
 */
import type { Dirent } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import picomatch from 'picomatch';
import { detachedContentName, detachedPairs } from '../formats/detached-names.js';

/** An OS error, as the report shows it: the errno name (`EACCES`) and its text. */
export interface IoFailure {
  /** The OS error code: `EACCES`, `ENOENT`, `EMFILE`, `EISDIR`… */
  readonly code: string;
  /** The OS's text, naming the file. */
  readonly message: string;
}

/**
 * Why a file found in a folder was not verified: hidden (a name starting with `.`), matched an
 * `exclude` glob, matched no `include` glob, a symbolic-link loop, a second path to a file already
 * seen, not a regular file, or deeper than the walk goes.
 */
export type SkipReason = 'hidden' | 'excluded' | 'not-included' | 'symlink-loop' | 'duplicate' | 'not-a-file' | 'too-deep';

export type WalkEntry =
  /** A document; `content` is the detached content beside a `.p7s`/`.sig` (the pair is one document). */
  | { readonly kind: 'document'; readonly path: string; readonly content?: string }
  | { readonly kind: 'skipped'; readonly path: string; readonly reason: SkipReason; readonly sameAs?: string }
  | { readonly kind: 'error'; readonly path: string; readonly error: IoFailure };

export interface WalkOptions {
  /** Globs a file found in a folder must match (any of them) to be verified. Files named directly are always verified. */
  readonly include?: readonly string[];
  /** Globs of files or folders found in a folder that are left out (listed as skipped). */
  readonly exclude?: readonly string[];
}


/**
 * Bounds on a hostile tree: a folder nested deeper than this is listed as skipped
 * (`too-deep`), and past MAX_WALK_FILES entries the walk stops with an error entry.
 * 32 levels is deeper than any register layout we have seen (year/agency/month/...).
 */
const MAX_WALK_DEPTH = 32;
const MAX_WALK_FILES = 1_000_000;

export function ioFailure(error: unknown): IoFailure {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'EIO';
  const message = error instanceof Error ? error.message : String(error);
  return { code, message };
}

/** For a named `x.pdf.p7s`, the file `x.pdf` beside it, if there is one. */
async function besideContent(path: string): Promise<string | undefined> {
  const candidate = detachedContentName(path);
  return candidate !== undefined && (await stat(candidate).then((info) => info.isFile(), () => false)) ? candidate : undefined;
}

/**
 * Walks the paths. Symbolic links are followed once: a link to a file already seen is a
 * `duplicate`, a link to a folder being walked is a `symlink-loop`. Names starting with
 * `.` inside folders are `hidden` (skipped, listed). Never throws: a path that cannot be
 * read is an `error` entry.
 */
export async function* walk(paths: readonly string[], options: WalkOptions = {}): AsyncGenerator<WalkEntry> {
  const matchOpts = { dot: true, basename: true } as const;
  const include = options.include?.length ? picomatch([...options.include], matchOpts) : undefined;
  const exclude = options.exclude?.length ? picomatch([...options.exclude], matchOpts) : undefined;
  const seenFiles = new Map<string, string>();
  const seenDirs = new Set<string>();
  let count = 0;

  async function* file(path: string, real: string, content: string | undefined, named: boolean, rel: string): AsyncGenerator<WalkEntry> {
    const first = seenFiles.get(real);
    if (first !== undefined) {
      yield { kind: 'skipped', path, reason: 'duplicate', sameAs: first };
      return;
    }
    if (!named && include && !include(rel)) {
      yield { kind: 'skipped', path, reason: 'not-included' };
      return;
    }
    seenFiles.set(real, path);
    if (content !== undefined) {
      const contentReal = await realpath(content).catch(() => content);
      if (!seenFiles.has(contentReal)) seenFiles.set(contentReal, path);
    }
    yield content === undefined ? { kind: 'document', path } : { kind: 'document', path, content };
  }

  /**
   * `listed`: what the folder listing said of this entry, when it was a regular file or a
   * folder and not a link: its real path is then its folder's real path and its name, and
   * the walk asks the OS nothing more about it. Two calls per file (realpath, stat) cost
   * 220 ms of a 2,000-file folder before the first document could start.
   */
  async function* visit(
    path: string,
    root: string,
    depth: number,
    ancestors: readonly string[],
    content: string | undefined,
    named: boolean,
    listed?: { readonly real: string; readonly isFile: boolean },
  ): AsyncGenerator<WalkEntry> {
    if (++count > MAX_WALK_FILES) {
      yield { kind: 'error', path, error: { code: 'E2BIG', message: `more than ${MAX_WALK_FILES} files` } };
      return;
    }
    let real: string;
    let isFile: boolean;
    let isDirectory: boolean;
    if (listed) {
      ({ real, isFile } = listed);
      isDirectory = !isFile;
    } else {
      try {
        real = await realpath(path);
        const info = await stat(real);
        isFile = info.isFile();
        isDirectory = info.isDirectory();
      } catch (error) {
        // A dangling link or a file that vanished: lstat tells the two apart only in the message.
        const linkInfo = await lstat(path).catch(() => undefined);
        const failure = ioFailure(error);
        yield { kind: 'error', path, error: linkInfo?.isSymbolicLink() ? { ...failure, message: `${failure.message} (dangling symbolic link)` } : failure };
        return;
      }
    }
    const rel = relative(root, path) || basename(path);
    if (isFile) {
      yield* file(path, real, content, named, rel);
      return;
    }
    if (!isDirectory) {
      yield { kind: 'skipped', path, reason: 'not-a-file' };
      return;
    }
    if (ancestors.includes(real)) {
      yield { kind: 'skipped', path, reason: 'symlink-loop' };
      return;
    }
    if (seenDirs.has(real)) {
      yield { kind: 'skipped', path, reason: 'duplicate' };
      return;
    }
    if (depth >= MAX_WALK_DEPTH) {
      yield { kind: 'skipped', path, reason: 'too-deep' };
      return;
    }
    seenDirs.add(real);
    let names: string[];
    const listedAs = new Map<string, Dirent>();
    try {
      for (const entry of await readdir(path, { withFileTypes: true })) listedAs.set(entry.name, entry);
      names = [...listedAs.keys()].sort();
    } catch (error) {
      yield { kind: 'error', path, error: ioFailure(error) };
      return;
    }
    // Only a regular file pairs (a folder, a link or a device named x.pdf.p7s signs nothing).
    const contentOf = detachedPairs(names.filter((name) => listedAs.get(name)!.isFile()));
    const contents = new Set(contentOf.values());
    const entry = (name: string, content: string | undefined): AsyncGenerator<WalkEntry> => {
      const child = join(path, name);
      const childRel = relative(root, child);
      if (name.startsWith('.')) return single({ kind: 'skipped', path: child, reason: 'hidden' });
      if (exclude && exclude(childRel)) return single({ kind: 'skipped', path: child, reason: 'excluded' });
      // A link, or a type the file system did not say (DT_UNKNOWN), is asked about (visit).
      const type = listedAs.get(name)!;
      const listed = type.isFile() || type.isDirectory() ? { real: join(real, name), isFile: type.isFile() } : undefined;
      return visit(child, root, depth + 1, [...ancestors, real], content === undefined ? undefined : join(path, content), false, listed);
    };
    for (const name of names) {
      // The content of a detached pair is verified with its signature, as one document.
      if (contents.has(name)) continue;
      const pair = contentOf.get(name);
      yield* withContentOrAlone(entry(name, pair), pair === undefined ? undefined : () => entry(pair, undefined));
    }
  }

  const regular = await Promise.all(paths.map((path) => stat(path).then((info) => info.isFile(), () => false)));
  const named = detachedPairs(paths.filter((_, i) => regular[i]));
  const namedContents = new Set(named.values());
  for (const [i, path] of paths.entries()) {
    if (namedContents.has(path)) continue;
    const pair = named.get(path) ?? (regular[i] ? await besideContent(path) : undefined);
    yield* withContentOrAlone(visit(path, path, 0, [], pair, true), pair === undefined ? undefined : () => visit(pair, pair, 0, [], undefined, true));
  }
}

async function* single(entry: WalkEntry): AsyncGenerator<WalkEntry> {
  yield entry;
}

/**
 * The entries of a detached signature's visit; when it did not come out as a document with its
 * content (skipped as hidden, excluded, not included or a duplicate, a folder, unreadable), the
 * content is visited on its own: a pair's content is never dropped with its signature.
 */
async function* withContentOrAlone(entries: AsyncGenerator<WalkEntry>, alone: (() => AsyncGenerator<WalkEntry>) | undefined): AsyncGenerator<WalkEntry> {
  let paired = false;
  for await (const entry of entries) {
    if (entry.kind === 'document' && entry.content !== undefined) paired = true;
    yield entry;
  }
  if (alone && !paired) yield* alone();
}
