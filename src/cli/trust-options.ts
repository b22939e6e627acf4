/**
 * The trust and revocation options every verifying command shares (`verify`, `metrics`,
 * `queue submit`): one place decides which anchors a run trusts, so that the commands
 * cannot disagree about the same document. The PDF passwords of `verify` and `metrics` too.
 */
import { open } from 'node:fs/promises';
import { KysoIoError, KysoOptionsError } from '../errors.js';
import { MAX_PASSWORDS } from '../formats/limits.js';
import { loadRevocationFiles, loadTrustFiles } from '../node.js';
import { defaultTrustStoreDir, listUserTrust } from '../node/trust-files.js';
import { TrustStore } from '../pki/trust-store.js';
import { HELP } from './help-words.js';
import type { Lang } from './words.js';
import { fill } from './words.js';

export interface TrustArgs {
  /** `--trust PATH`…: certificates (PEM, DER, PKCS#7) or folders of them. */
  readonly trust?: readonly string[];
  /** false with `--no-default-trust`: the bundled roots are left out. */
  readonly defaultTrust: boolean;
  /** `--trust-name-and-key PATH`…: anchors trusted by name and key only (their own constraints not applied). */
  readonly trustNameAndKey?: readonly string[];
  /** `--trust-store DIR`; default the platform's config folder (`kyso trust add` writes there). */
  readonly trustStore?: string;
}

/** The parsed command-line values the trust options come from (the same option names in every command). */
export interface TrustOptionValues {
  readonly trust?: string[] | undefined;
  readonly 'no-default-trust'?: boolean | undefined;
  readonly 'trust-name-and-key'?: string[] | undefined;
  readonly 'trust-store'?: string | undefined;
}

/** The trust arguments of a command's parsed options. */
export function trustArgs(values: TrustOptionValues): TrustArgs {
  return {
    defaultTrust: !values['no-default-trust'],
    ...(values.trust ? { trust: values.trust } : {}),
    ...(values['trust-name-and-key'] ? { trustNameAndKey: values['trust-name-and-key'] } : {}),
    ...(values['trust-store'] ? { trustStore: values['trust-store'] } : {}),
  };
}

/** The bundled roots (unless left out), then the user's store (`kyso trust add`), then `--trust`, then `--trust-name-and-key`. */
export async function loadTrust(args: TrustArgs): Promise<TrustStore> {
  let trust = args.defaultTrust ? await TrustStore.bundled() : TrustStore.empty();
  const user = await listUserTrust(args.trustStore ?? defaultTrustStoreDir());
  if (user.length > 0) {
    trust = trust
      .withAnchors(...user.filter((u) => u.role === 'anchor').map((u) => u.der))
      .withIntermediates(...user.filter((u) => u.role === 'intermediate').map((u) => u.der));
  }
  if (args.trust?.length) trust = trust.merge(await loadTrustFiles(args.trust));
  if (args.trustNameAndKey?.length) trust = trust.withNameAndKeyAnchors(...(await loadTrustFiles(args.trustNameAndKey)).anchors);
  return trust;
}

/** `--revocation FILE`…: CRLs and OCSP responses, told apart by content. */
export async function loadRevocation(files: readonly string[] | undefined): Promise<{ crls: Uint8Array[]; ocspResponses: Uint8Array[] }> {
  return files?.length ? loadRevocationFiles(files) : { crls: [], ocspResponses: [] };
}

/** A password file holds at most that many lines: anything longer is not one (a device, a wrong file). */
const MAX_PASSWORD_FILE_BYTES = 1 << 20;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * `--password` values, then the lines of each `--password-file` (UTF-8, a byte order mark and
 * line ends removed, spaces kept: a space may belong to a password; empty lines skipped, the
 * empty password is always tried). A file in another encoding is refused, not read with
 * replacement characters: its non-ASCII passwords would silently never match.
 */
export async function loadPasswords(passwords: readonly string[] | undefined, files: readonly string[] | undefined, lang: Lang): Promise<string[]> {
  const all = [...(passwords ?? [])];
  for (const file of files ?? []) {
    let bytes: Uint8Array;
    try {
      const handle = await open(file, 'r');
      try {
        const buffer = new Uint8Array(MAX_PASSWORD_FILE_BYTES + 1);
        let length = 0;
        while (length < buffer.length) {
          const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
          if (bytesRead === 0) break;
          length += bytesRead;
        }
        bytes = buffer.subarray(0, length);
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw new KysoIoError(fill(HELP[lang].errors.io, { path: file, message: error instanceof Error ? error.message : String(error) }), { cause: error });
    }
    if (bytes.length > MAX_PASSWORD_FILE_BYTES) throw new KysoOptionsError(fill(HELP[lang].errors.passwordFileTooLarge, { path: file, max: MAX_PASSWORD_FILE_BYTES }));
    let text: string;
    try {
      text = UTF8.decode(bytes);
    } catch {
      throw new KysoOptionsError(fill(HELP[lang].errors.passwordFileNotUtf8, { path: file }));
    }
    for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) if (line !== '') all.push(line);
  }
  if (all.length > MAX_PASSWORDS) throw new KysoOptionsError(fill(HELP[lang].errors.passwords, { max: MAX_PASSWORDS }));
  return all;
}
