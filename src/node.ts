/**
 * kyso's Node API: files and folders, trust and revocation files, and the opt-in
 * HTTP fetcher. The core (`kyso`) stays free of fs and network.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { KysoIoError } from './errors.js';
import { detectFormat } from './formats/detect.js';
import { classifyRevocationData } from './formats/revocation.js';
import type { ByteSource } from './io/byte-source.js';
import { nodeHashFactory, openFileSource } from './io/node-file.js';
import type { VerifyOptions } from './options.js';
import { TrustStore } from './pki/trust-store.js';
import type { DocumentReport } from './report/types.js';
import { verify } from './verify.js';

export { nodeHashFactory, openFileSource } from './io/node-file.js';
export type { FileSource } from './io/node-file.js';
export { createHttpFetcher } from './pki/node.js';

/** Suffixes of detached signatures whose content sits beside them as the same name without the suffix. */
const DETACHED_SUFFIXES = ['.p7s', '.sig'];

async function exists(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isFile();
  } catch {
    return false;
  }
}

/** For `x.pdf.p7s`, the path `x.pdf` if that file exists. */
export async function detachedContentPath(path: string): Promise<string | undefined> {
  for (const suffix of DETACHED_SUFFIXES) {
    if (path.toLowerCase().endsWith(suffix)) {
      const candidate = path.slice(0, -suffix.length);
      if (candidate.length > 0 && (await exists(candidate))) return candidate;
    }
  }
  return undefined;
}

/**
 * Verifies a file. A detached signature (`x.pdf.p7s`) is checked against `x.pdf`
 * when no content is given. Throws KysoIoError when a file cannot be read.
 */
export async function verifyFile(path: string, options: VerifyOptions = {}): Promise<DocumentReport> {
  const opened: { close(): Promise<void> }[] = [];
  try {
    let source: ByteSource;
    try {
      const file = await openFileSource(path);
      opened.push(file);
      source = file;
    } catch (error) {
      throw new KysoIoError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    let content = options.content;
    if (content === undefined) {
      const contentPath = await detachedContentPath(path);
      if (contentPath) {
        const format = detectFormat(await source.read(0, 1024));
        if (format === 'cms' || format === 'cms-pem') {
          const file = await openFileSource(contentPath);
          opened.push(file);
          content = file;
        }
      }
    }
    return await verify(source, { hashFactory: nodeHashFactory, ...options, ...(content !== undefined ? { content } : {}) });
  } finally {
    await Promise.all(opened.map((f) => f.close().catch(() => undefined)));
  }
}

/** Bounds on a folder walk: a hostile tree cannot make it endless. */
const MAX_WALK_DEPTH = 32;
const MAX_WALK_FILES = 1_000_000;

/**
 * The files under the given paths, sorted, without following symbolic links.
 * Throws KysoIoError for a path that does not exist.
 */
export async function collectFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  async function walk(path: string, depth: number): Promise<void> {
    const info = await lstat(path);
    if (info.isFile()) {
      if (out.length >= MAX_WALK_FILES) throw new KysoIoError(`more than ${MAX_WALK_FILES} files`);
      out.push(path);
    } else if (info.isDirectory() && depth < MAX_WALK_DEPTH) {
      const entries = (await readdir(path)).sort();
      for (const entry of entries) {
        if (entry === 'node_modules' || entry.startsWith('.')) continue;
        await walk(join(path, entry), depth + 1);
      }
    }
  }
  for (const path of paths) {
    try {
      await walk(path, 0);
    } catch (error) {
      if (error instanceof KysoIoError) throw error;
      throw new KysoIoError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  return out;
}

/** True when the file's first bytes look like a document kyso verifies. */
export async function isDocumentFile(path: string): Promise<boolean> {
  const file = await openFileSource(path);
  try {
    return detectFormat(await file.read(0, 1024)) !== 'unknown';
  } finally {
    await file.close();
  }
}

/** A trust store from certificate files or folders of them (PEM, DER, PKCS#7), as anchors. */
export async function loadTrustFiles(paths: readonly string[]): Promise<TrustStore> {
  const inputs: (Uint8Array | string)[] = [];
  for (const file of await collectFiles(paths)) {
    const bytes = new Uint8Array(await readFile(file));
    const text = new TextDecoder().decode(bytes.subarray(0, 64));
    // A folder may hold READMEs and keys next to its certificates: keep only certificates.
    if (text.includes('-----BEGIN')) {
      const pem = new TextDecoder().decode(bytes);
      if (!/-----BEGIN (CERTIFICATE|PKCS7|TRUSTED CERTIFICATE)-----/.test(pem)) continue;
      inputs.push(pem);
    } else if (bytes[0] === 0x30) {
      inputs.push(bytes);
    } else if (paths.includes(file)) {
      throw new KysoIoError(`${basename(file)} is not a certificate (PEM, DER or PKCS#7)`);
    }
  }
  try {
    return TrustStore.from(...inputs);
  } catch (error) {
    throw new KysoIoError(`cannot load trust anchors: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** CRLs and OCSP responses from files (DER or PEM), told apart by content. */
export async function loadRevocationFiles(paths: readonly string[]): Promise<{ crls: Uint8Array[]; ocspResponses: Uint8Array[] }> {
  const crls: Uint8Array[] = [];
  const ocspResponses: Uint8Array[] = [];
  for (const file of await collectFiles(paths)) {
    const kind = classifyRevocationData(new Uint8Array(await readFile(file)));
    if (kind.type === 'crl') crls.push(kind.der);
    else if (kind.type === 'ocsp') ocspResponses.push(kind.der);
    else throw new KysoIoError(`${basename(file)} is neither a CRL nor an OCSP response`);
  }
  return { crls, ocspResponses };
}
