/**
 * kyso's Node API: files and folders, trust and revocation files, and the opt-in
 * HTTP fetcher. The core (`kyso`) stays free of fs and network.
 *
 * @module kyso/node
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { KysoIoError } from './errors.js';
import { detectFormat } from './formats/detect.js';
import { classifyRevocationData } from './formats/revocation.js';
import { openFileSource } from './io/node-file.js';
import type { VerifyOptions } from './options.js';
import { TrustStore } from './pki/trust-store.js';
import { readCertificateFile, TrustFileError } from './node/trust-files.js';
import type { DocumentReport } from './report/types.js';
import { verifyPath } from './node/verify-file.js';
import { nodeCryptoEngine } from './node/crypto-engine.js';
import { setCryptoEngine } from './pki/crypto-engine.js';
import { detachedContentName } from './formats/detached-names.js';

// Signatures are checked with node:crypto on this thread, not through WebCrypto's thread
// pool: the same OpenSSL answers without two thread hops per check (node/crypto-engine.ts).
setCryptoEngine(nodeCryptoEngine);

export { nodeHashFactory, openFileSource } from './io/node-file.js';
export type { FileSource } from './io/node-file.js';
export { createHttpFetcher } from './pki/node.js';
export { verifyFiles } from './node/files.js';
export type { VerifyFilesOptions } from './node/files.js';
export { verifyMany } from './node/many.js';
export type { VerifyManyInput, VerifyManyOptions } from './node/many.js';
export { createVerifyPool } from './node/verify-pool.js';
export type { VerifyPool, VerifyPoolOptions } from './node/verify-pool.js';
export type { FileResult } from './node/verify-file.js';
export type { IoFailure, SkipReason } from './node/walk.js';
export { addUserTrust, defaultTrustStoreDir, listUserTrust, readCertificateFile, removeUserTrust, TrustFileError } from './node/trust-files.js';
export type { TrustFileProblem, UserTrustEntry, UserTrustRole } from './node/trust-files.js';
export type { HttpFetcherCacheOptions, HttpFetcherOptions } from './pki/node.js';

async function exists(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isFile();
  } catch {
    return false;
  }
}

/** For `x.pdf.p7s`, the path `x.pdf` if that file exists. */
export async function detachedContentPath(path: string): Promise<string | undefined> {
  const candidate = detachedContentName(path);
  return candidate !== undefined && (await exists(candidate)) ? candidate : undefined;
}

/**
 * Verifies a file. A detached signature (`x.pdf.p7s`) is checked against `x.pdf`
 * when no content is given.
 *
 * @throws KysoIoError when the file (or its detached content) cannot be read, with the
 * OS error as `cause`; KysoOptionsError for bad options.
 */
export async function verifyFile(path: string, options: VerifyOptions = {}): Promise<DocumentReport> {
  const contentPath = options.content === undefined ? await detachedContentPath(path) : undefined;
  const result = await verifyPath(path, contentPath, options);
  if ('report' in result) return result.report;
  if ('error' in result) {
    if (result.error.code === 'ERR_KYSO_INTERNAL') throw new Error(result.error.message);
    const cause = Object.assign(new Error(result.error.message), { code: result.error.code });
    throw new KysoIoError(`cannot read ${path}: ${result.error.message}`, { cause });
  }
  throw new KysoIoError(`cannot read ${path}: skipped`);
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

/**
 * A trust store from certificate files or folders of them (PEM anywhere in the file, DER,
 * PKCS#7), as anchors. A file named directly must hold certificates: a private key or any
 * other file is refused (TrustFileError). Inside a folder, files that hold no certificate
 * (READMEs, keys kept beside their certificates) are passed over.
 */
export async function loadTrustFiles(paths: readonly string[]): Promise<TrustStore> {
  const inputs: Uint8Array[] = [];
  for (const file of await collectFiles(paths)) {
    try {
      inputs.push(...(await readCertificateFile(file)));
    } catch (error) {
      if (error instanceof TrustFileError && !paths.includes(file)) continue;
      throw error;
    }
  }
  return TrustStore.from(...inputs);
}

/** CRLs and OCSP responses from files (DER or PEM), told apart by content. */
export async function loadRevocationFiles(paths: readonly string[]): Promise<{
  /** DER CRLs, for `revocation.crls`. */
  crls: Uint8Array[];
  /** DER OCSP responses, for `revocation.ocspResponses`. */
  ocspResponses: Uint8Array[];
}> {
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
