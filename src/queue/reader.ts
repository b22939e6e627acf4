/**
 * Where documents come from. A job carries a reference (a path on shared storage by
 * default); a reader turns it into bytes. An object store is added by registering a
 * reader for its scheme (`s3://…`), without touching the worker.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { KysoIoError } from '../errors.js';
import type { ByteSource } from '../io/byte-source.js';
import { openFileSource } from '../io/node-file.js';
import { detectFormat } from '../formats/detect.js';
import { detachedContentPath } from '../node.js';

/**
 * A document a reader opened for a worker: its bytes, and for a detached signature its content. The
 * worker closes it when done.
 */
export interface OpenedDocument {
  /** A local file path when the document is a file: a worker-thread pool verifies by path. */
  readonly path?: string;
  /** The document's bytes. */
  readonly source: ByteSource;
  /** The detached content of a `.p7s`, when the reader finds one (part of the document's key). */
  readonly content?: ByteSource;
  /** Its local path, for verification by path. */
  readonly contentPath?: string;
  /** Releases what the reader holds (file handles, connections); called exactly once. */
  close(): Promise<void>;
}

/**
 * Resolves queue references to bytes. Register one per storage (a scheme such as `s3://`) with the
 * workers; `fileReader` handles absolute paths and `file:` URLs.
 */
export interface DocumentReader {
  /** True for the references this reader resolves (by scheme, prefix, …). */
  handles(ref: string): boolean;
  /** Throws KysoIoError when the document cannot be read; the job is then retried with backoff. */
  open(ref: string): Promise<OpenedDocument>;
}

/** Paths on a filesystem every worker mounts at the same place (NFS, CephFS, …). */
export const fileReader: DocumentReader = {
  handles: (ref) => isAbsolute(ref) || ref.startsWith('file:'),
  async open(ref) {
    const path = ref.startsWith('file:') ? new URL(ref).pathname : ref;
    const opened: { close(): Promise<void> }[] = [];
    const close = async () => {
      await Promise.all(opened.map((f) => f.close().catch(() => undefined)));
    };
    try {
      const source = await openFileSource(path);
      opened.push(source);
      // The same rule as verifyFile: x.pdf.p7s is checked against x.pdf beside it.
      let content: ByteSource | undefined;
      let contentPath = await detachedContentPath(path);
      if (contentPath) {
        const format = detectFormat(await source.read(0, 1024));
        if (format === 'cms' || format === 'cms-pem') {
          const file = await openFileSource(contentPath);
          opened.push(file);
          content = file;
        } else {
          contentPath = undefined;
        }
      }
      return { path, source, ...(content ? { content, contentPath } : {}), close };
    } catch (error) {
      await close();
      throw new KysoIoError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  },
};

/** The first reader that handles the reference. */
export function readerFor(readers: readonly DocumentReader[], ref: string): DocumentReader {
  const reader = readers.find((r) => r.handles(ref));
  if (!reader) throw new KysoIoError(`no document reader handles ${ref}`);
  return reader;
}

/** A reference for the queue: absolute, so that a worker started elsewhere finds the same file. */
export function fileRef(path: string): string {
  return resolve(path);
}

const CHUNK = 1 << 20;

async function sha256Of(source: ByteSource): Promise<Buffer> {
  const hash = createHash('sha256');
  for (let offset = 0; offset < source.size; offset += CHUNK) {
    const chunk = await source.read(offset, CHUNK);
    if (chunk.length === 0) break;
    hash.update(chunk);
  }
  return hash.digest();
}

/**
 * The document half of a result key: SHA-256 of its bytes, hex. For a detached
 * signature it is SHA-256 over both halves' digests, since the same `.p7s` beside other
 * content is another document with another verdict.
 */
export async function documentKey(document: OpenedDocument): Promise<string> {
  const own = await sha256Of(document.source);
  if (!document.content) return own.toString('hex');
  const content = await sha256Of(document.content);
  return createHash('sha256').update('kyso-detached\0').update(own).update(content).digest('hex');
}
