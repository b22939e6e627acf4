/**
 * Certificates from files as users hand them over, and the user's own trust store: a
 * folder of certificates added with `kyso trust add`, kept across runs so that users can
 * trust a CA kyso does not bundle without waiting for a release.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import envPaths from 'env-paths';
import { KysoError, KysoIoError } from '../errors.js';
import { parseCertificates } from '../pki/parse.js';
import { describeCertificate } from '../pki/describe.js';
import type { CertificateInfo } from '../report/types.js';
import { ioError } from './config.js';

/** Why a file gave no certificate; the CLI words each reason in Vietnamese and English. */
export type TrustFileProblem = 'private-key' | 'no-certificate' | 'malformed';

/** A file handed over as a certificate that is not one (or is a private key, which is refused). */
export class TrustFileError extends KysoError {
  constructor(
    /** The file that was refused. */
    readonly path: string,
    /**
     * Why: a private key (never accepted as trust input), no certificate in it, or a certificate
     * that cannot be parsed.
     */
    readonly problem: TrustFileProblem,
    detail: string,
  ) {
    super('ERR_KYSO_TRUST_INPUT', `${path}: ${detail}`);
    this.name = 'TrustFileError';
  }
}

/** Largest certificate file read: the PKI parser's own bound (16 MiB). */
const MAX_CERTIFICATE_FILE = 16 * 1024 * 1024;

const PRIVATE_KEY_PEM = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/;

/**
 * A DER private key starts as SEQUENCE { INTEGER 0, … } (PKCS#1 RSA, PKCS#8, SEC 1 EC
 * keys use version 0 or 1), where a certificate starts with SEQUENCE { SEQUENCE … }.
 */
function looksLikeDerPrivateKey(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x30) return false;
  let offset = 2;
  const lengthByte = bytes[1] ?? 0;
  if (lengthByte & 0x80) offset += lengthByte & 0x7f;
  return bytes[offset] === 0x02 && bytes[offset + 1] === 0x01 && (bytes[offset + 2] === 0x00 || bytes[offset + 2] === 0x01);
}

/**
 * Every certificate in a file: PEM (blocks anywhere in the file, as `openssl … -print_certs`
 * writes them after a text dump), DER, or a PKCS#7 bundle (DER, BER or PEM).
 *
 * @throws TrustFileError for a private key (refused: a key never belongs in a trust store)
 * or a file with no certificate; KysoIoError when the file cannot be read.
 */
export async function readCertificateFile(path: string): Promise<Uint8Array[]> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    throw ioError(path, error);
  }
  if (bytes.length > MAX_CERTIFICATE_FILE) throw new TrustFileError(path, 'malformed', `larger than ${MAX_CERTIFICATE_FILE} bytes`);
  const text = new TextDecoder('latin1').decode(bytes);
  if (text.includes('-----BEGIN ')) {
    if (PRIVATE_KEY_PEM.test(text) && !/-----BEGIN (?:CERTIFICATE|TRUSTED CERTIFICATE|X509 CERTIFICATE|PKCS7|CMS)-----/.test(text)) {
      throw new TrustFileError(path, 'private-key', 'is a private key, not a certificate');
    }
    if (PRIVATE_KEY_PEM.test(text)) throw new TrustFileError(path, 'private-key', 'holds a private key next to its certificates');
    try {
      return parseCertificates(text, path);
    } catch (error) {
      throw new TrustFileError(path, 'no-certificate', (error as Error).message);
    }
  }
  if (looksLikeDerPrivateKey(bytes)) throw new TrustFileError(path, 'private-key', 'is a private key, not a certificate');
  try {
    return parseCertificates(bytes, path);
  } catch (error) {
    throw new TrustFileError(path, bytes[0] === 0x30 ? 'malformed' : 'no-certificate', (error as Error).message);
  }
}

/** Where `kyso trust add` keeps certificates: the platform's config folder (e.g. ~/.config/kyso/trust on Linux). */
export function defaultTrustStoreDir(): string {
  return join(envPaths('kyso', { suffix: '' }).config, 'trust');
}

/**
 * What a certificate in the user's trust store counts for: `anchor` (trusted) or `intermediate` (a
 * candidate for path building only).
 */
export type UserTrustRole = 'anchor' | 'intermediate';

/**
 * One certificate in the user's trust store (`kyso trust add`), on disk as `<store>/anchors/*.cer`
 * or `<store>/intermediates/*.cer`.
 */
export interface UserTrustEntry {
  /** What it counts for, from the folder it is in. */
  readonly role: UserTrustRole;
  /** The file's full path. */
  readonly file: string;
  /** The certificate's DER bytes. */
  readonly der: Uint8Array;
  /** Its subject, issuer, validity, SHA-256 and identifiers, for listing. */
  readonly info: CertificateInfo;
}

const ROLE_DIRS: Record<UserTrustRole, string> = { anchor: 'anchors', intermediate: 'intermediates' };

/** The user store's certificates; an absent store is empty. A file in it that is not a certificate is an error, not ignored. */
export async function listUserTrust(dir: string): Promise<UserTrustEntry[]> {
  const out: UserTrustEntry[] = [];
  for (const role of ['anchor', 'intermediate'] as const) {
    const folder = join(dir, ROLE_DIRS[role]);
    let names: string[];
    try {
      names = (await readdir(folder)).filter((n) => n.endsWith('.cer')).sort();
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') continue;
      throw ioError(folder, error);
    }
    for (const name of names) {
      const file = join(folder, name);
      for (const der of await readCertificateFile(file)) out.push({ role, file, der, info: describeCertificate(der, 'supplied') });
    }
  }
  return out;
}

/**
 * Adds the certificates of each file. A self-issued certificate (a root) becomes an
 * anchor; a CA certificate issued by someone else becomes an intermediate (a candidate
 * for path building, trusted only through its issuer), unless `anchor` pins it.
 * Files are checked first, so a bad one adds nothing.
 */
export async function addUserTrust(dir: string, files: readonly string[], options: { anchor?: boolean } = {}): Promise<UserTrustEntry[]> {
  const certificates: Uint8Array[] = [];
  for (const file of files) certificates.push(...(await readCertificateFile(file)));
  const added: UserTrustEntry[] = [];
  for (const der of certificates) {
    const info = describeCertificate(der, 'supplied');
    const role: UserTrustRole = options.anchor || info.subject === info.issuer ? 'anchor' : 'intermediate';
    const folder = join(dir, ROLE_DIRS[role]);
    const file = join(folder, `${info.sha256}.cer`);
    try {
      await mkdir(folder, { recursive: true });
      // Written beside and renamed: a crash never leaves half a certificate in the store.
      await writeFile(`${file}.tmp`, der);
      await rename(`${file}.tmp`, file);
      // One role per certificate: re-adding as the other role moves it.
      await rm(join(dir, ROLE_DIRS[role === 'anchor' ? 'intermediate' : 'anchor'], `${info.sha256}.cer`), { force: true });
    } catch (error) {
      throw ioError(file, error);
    }
    added.push({ role, file, der, info });
  }
  return added;
}

/**
 * Removes certificates named by SHA-256 fingerprint (or a unique prefix of at least 8 hex
 * digits) or by a certificate file. Returns what was removed; a name that matches nothing
 * or more than one certificate is returned in `unmatched`.
 */
export async function removeUserTrust(
  dir: string,
  names: readonly string[],
): Promise<{
  /** The entries whose files were deleted. */
  removed: UserTrustEntry[];
  /** The names that matched no certificate, or more than one (nothing is removed for those). */
  unmatched: string[];
}> {
  const entries = await listUserTrust(dir);
  const removed: UserTrustEntry[] = [];
  const unmatched: string[] = [];
  for (const name of names) {
    let fingerprints: string[];
    if (/^[0-9a-fA-F:]{8,}$/.test(name)) {
      const prefix = name.replace(/:/g, '').toUpperCase();
      fingerprints = [...new Set(entries.filter((e) => e.info.sha256.startsWith(prefix)).map((e) => e.info.sha256))];
      if (fingerprints.length !== 1) fingerprints = [];
    } else {
      try {
        fingerprints = (await readCertificateFile(name)).map((der) => describeCertificate(der).sha256);
      } catch (error) {
        if (error instanceof KysoIoError || error instanceof TrustFileError) throw error;
        fingerprints = [];
      }
    }
    const matched = entries.filter((e) => fingerprints.includes(e.info.sha256) && !removed.includes(e));
    if (matched.length === 0) unmatched.push(name);
    for (const entry of matched) {
      try {
        await rm(entry.file, { force: true });
      } catch (error) {
        throw ioError(entry.file, error);
      }
      removed.push(entry);
    }
  }
  return { removed, unmatched };
}
