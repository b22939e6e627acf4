/**
 * verify()'s options, checked once at the entry. `undefined` always means the
 * documented safe default; anything that makes no sense throws KysoOptionsError.
 */
import { KysoOptionsError } from './errors.js';
import type { ByteSource } from './io/byte-source.js';
import { bytesSource } from './io/byte-source.js';
import type { HashFactory } from './io/hash.js';
import { defaultHashFactory } from './pki/crypto-engine.js';
import { DEFAULT_LIMITS, MAX_PASSWORDS } from './formats/limits.js';
import type { ParseLimits } from './formats/types.js';
import type { PackageSignaturePolicy } from './formats/edxml/package-signature.js';
import type { RevocationFetcher, RevocationMode, PathResult, ValidatePathInput } from './pki/types.js';
import type { RoleRule } from './pki/describe.js';
import { defaultRoleRule } from './pki/describe.js';
import type { AlgorithmPolicy } from './validation/algorithm-policy.js';
import { TrustStore } from './pki/trust-store.js';
import { DEFAULT_ALGORITHM_POLICY } from './validation/algorithm-policy.js';

/** Anything with anchors and candidate CAs: a TrustStore. */
export interface TrustSource {
  /** DER certificates trusted as roots: a path must end at one of them. */
  readonly anchors: readonly Uint8Array[];
  /** DER CA certificates offered as candidates for building a path; never trusted by themselves. */
  readonly intermediates: readonly Uint8Array[];
  /**
   * Those of `anchors` whose own certificate counts for its name and key only
   * (`TrustStore.withNameAndKeyAnchors`); every other anchor's certificate constrains the path.
   */
  readonly nameAndKeyAnchors?: readonly Uint8Array[];
}

/**
 * Options of `verify()` (and of `verifyFile`, `verifyFiles`, `verifyMany`). Each `undefined` means
 * the stated safe default; a value that makes no sense throws KysoOptionsError (a TypeError), a bad
 * document never throws.
 */
export interface VerifyOptions {
  /** Trust anchors and CAs. Default: the bundled Vietnamese roots and CAs (TrustStore.bundled()). */
  readonly trust?: TrustSource;
  /** Validation time. Default: now. Pass a fixed time for reproducible reports. */
  readonly at?: Date;
  /**
   * Detached content: the signed bytes of a .p7s, or, for XML signatures whose References
   * point outside the document, a map from each Reference URI (exactly as written) to its
   * bytes. A Reference whose content is not given is INDETERMINATE (SIGNED_DATA_NOT_FOUND);
   * nothing is ever fetched. The key `''` gives the content of the Reference that has no
   * URI attribute at all (XMLDSig: the application knows it); `URI=""` is the document itself.
   */
  readonly content?: Uint8Array | ByteSource | ReadonlyMap<string, Uint8Array> | Readonly<Record<string, Uint8Array>>;
  /**
   * Revocation checking: which CRLs and OCSP responses to use besides those embedded in the
   * document, whether to fetch, and what to do when no answer is at hand. Default: offline,
   * `if-available`.
   */
  readonly revocation?: {
    /** DER CRLs supplied by the caller. */
    readonly crls?: readonly Uint8Array[];
    /** DER OCSP responses supplied by the caller. */
    readonly ocspResponses?: readonly Uint8Array[];
    /** Network access. Default false: kyso is offline unless a fetcher is given. */
    readonly fetch?: false | RevocationFetcher;
    /**
     * When no answer is at hand for a certificate: `if-available` (default) passes with a
     * warning and reports it `not-checked`; `require` makes the signature
     * INDETERMINATE/TRY_LATER and reports it `unknown`; `off` checks nothing.
     */
    readonly mode?: RevocationMode;
  };
  /**
   * What kyso accepts: algorithms by date, bounds on hostile input, how signers' roles are read,
   * how an edXML package signature counts.
   */
  readonly policy?: {
    /**
     * Until when SHA-1 and short RSA keys are accepted; each missing field keeps
     * DEFAULT_ALGORITHM_POLICY's value.
     */
    readonly algorithms?: Partial<AlgorithmPolicy>;
    /**
     * Bounds on hostile input (sizes, depths, counts); each missing field keeps DEFAULT_LIMITS'
     * value. A document over a limit gets a report (FORMAT_FAILURE or INDETERMINATE), never an
     * exception.
     */
    readonly limits?: Partial<ParseLimits>;
    /** Decree 30 role of a signer from its identifiers. */
    readonly roles?: RoleRule;
    /**
     * edXML package signature: `report` (default) reports it beside the verdict, which
     * rests on the carried documents; `require` makes it part of the verdict (it must pass).
     */
    readonly packageSignature?: PackageSignaturePolicy;
  };
  /**
   * Passwords for encrypted PDFs (also inside packages and archives), tried after the empty
   * user password: each in order as the user password, then each as the owner password (either
   * opens the document). Reports say which one opened a document by its position, never its
   * text. A document none of them opens is INDETERMINATE (SIGNED_DATA_NOT_FOUND). At most
   * 1,000 passwords; on AES-256 documents each costs up to tens of milliseconds, within
   * `policy.limits.maxPasswordHashes` for a document and all it carries.
   */
  readonly passwords?: readonly string[];
  /** Incremental hashing; Node's API injects node:crypto. Default: portable JavaScript. */
  readonly hashFactory?: HashFactory;
}

export interface ResolvedOptions {
  readonly trust?: TrustSource;
  readonly at: Date;
  readonly content?: ByteSource;
  /** XML detached content by Reference URI. */
  readonly contentByUri?: ReadonlyMap<string, Uint8Array>;
  readonly crls: readonly Uint8Array[];
  readonly ocspResponses: readonly Uint8Array[];
  readonly fetcher?: RevocationFetcher;
  readonly revocationMode: RevocationMode;
  readonly algorithms: AlgorithmPolicy;
  readonly limits: ParseLimits;
  readonly roleRule: RoleRule;
  readonly packageSignature: PackageSignaturePolicy;
  readonly passwords: readonly string[];
  readonly hashFactory: HashFactory;
  readonly validatePath?: (input: ValidatePathInput) => Promise<PathResult>;
}

const NO_PASSWORDS: readonly string[] = Object.freeze([]);

function fail(message: string): never {
  throw new KysoOptionsError(message);
}

export function isByteSource(value: unknown): value is ByteSource {
  return typeof value === 'object' && value !== null && typeof (value as ByteSource).size === 'number' && typeof (value as ByteSource).read === 'function';
}

function bytesList(value: unknown, name: string): readonly Uint8Array[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => v instanceof Uint8Array)) fail(`${name} must be an array of Uint8Array`);
  return value as Uint8Array[];
}

function validDate(value: unknown, name: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) fail(`${name} must be a valid Date`);
  return value;
}

function isTrustStore(trust: unknown): boolean {
  return typeof trust === 'object' && trust !== null && Object.getPrototypeOf(trust) === TrustStore.prototype;
}

function checkTrustSource(trust: TrustSource): void {
  if (typeof trust !== 'object' || !Array.isArray(trust.anchors) || !Array.isArray(trust.intermediates)) {
    fail('options.trust must be a TrustStore (TrustStore.bundled(), TrustStore.from(...))');
  }
  if (trust?.nameAndKeyAnchors !== undefined && !(Array.isArray(trust.nameAndKeyAnchors) && trust.nameAndKeyAnchors.every((d) => d instanceof Uint8Array))) {
    fail('options.trust.nameAndKeyAnchors must be an array of DER certificates');
  }
}

export function resolveOptions(options: VerifyOptions | undefined): ResolvedOptions {
  if (options === undefined) options = {};
  if (typeof options !== 'object' || options === null) fail('options must be an object');
  const { trust, at, content, revocation, policy, passwords, hashFactory } = options;
  // A TrustStore's lists are arrays of DER by construction: only other trust sources are checked.
  if (trust !== undefined && !isTrustStore(trust)) checkTrustSource(trust);
  let contentByUri: ReadonlyMap<string, Uint8Array> | undefined;
  if (content !== undefined && !(content instanceof Uint8Array) && !isByteSource(content)) {
    const entries = content instanceof Map ? [...content.entries()] : typeof content === 'object' && content !== null ? Object.entries(content) : undefined;
    if (!entries || !entries.every(([uri, bytes]) => typeof uri === 'string' && bytes instanceof Uint8Array)) {
      fail('options.content must be a Uint8Array, a ByteSource, or a map from Reference URI to Uint8Array');
    }
    contentByUri = new Map(entries as [string, Uint8Array][]);
  }
  if (revocation !== undefined && (typeof revocation !== 'object' || revocation === null)) fail('options.revocation must be an object');
  const mode = revocation?.mode ?? 'if-available';
  if (mode !== 'require' && mode !== 'if-available' && mode !== 'off') fail("options.revocation.mode must be 'require', 'if-available' or 'off'");
  const fetch = revocation?.fetch;
  if (fetch !== undefined && fetch !== false && (typeof fetch !== 'object' || typeof fetch.fetchCrl !== 'function')) {
    fail('options.revocation.fetch must be false or a RevocationFetcher');
  }
  const limits = { ...DEFAULT_LIMITS, ...(policy?.limits ?? {}) };
  for (const key of Object.keys(limits)) {
    const value = limits[key as keyof ParseLimits];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) fail(`options.policy.limits.${key} must be a non-negative integer`);
  }
  const algorithms = { ...DEFAULT_ALGORITHM_POLICY, ...(policy?.algorithms ?? {}) };
  validDate(algorithms.sha1Until, 'options.policy.algorithms.sha1Until');
  validDate(algorithms.shortRsaUntil, 'options.policy.algorithms.shortRsaUntil');
  if (policy?.roles !== undefined && typeof policy.roles !== 'function') fail('options.policy.roles must be a function');
  const packageSignature = policy?.packageSignature ?? 'report';
  if (packageSignature !== 'report' && packageSignature !== 'require') fail("options.policy.packageSignature must be 'report' or 'require'");
  if (passwords !== undefined && !(Array.isArray(passwords) && passwords.length <= MAX_PASSWORDS && passwords.every((password) => typeof password === 'string'))) {
    fail(`options.passwords must be an array of at most ${MAX_PASSWORDS} strings`);
  }
  if (hashFactory !== undefined && typeof hashFactory !== 'function') fail('options.hashFactory must be a function');
  // Built field by field in the order the checks run: an object literal that starts with a
  // spread costs V8 (Node 20) about a microsecond, on every verify() call.
  const resolved: { -readonly [K in keyof ResolvedOptions]: ResolvedOptions[K] } = {} as ResolvedOptions;
  if (trust) resolved.trust = trust;
  resolved.at = at === undefined ? new Date() : validDate(at, 'options.at');
  if (content instanceof Uint8Array) resolved.content = bytesSource(content);
  else if (isByteSource(content)) resolved.content = content;
  if (contentByUri) resolved.contentByUri = contentByUri;
  resolved.crls = bytesList(revocation?.crls, 'options.revocation.crls');
  resolved.ocspResponses = bytesList(revocation?.ocspResponses, 'options.revocation.ocspResponses');
  if (fetch) resolved.fetcher = fetch;
  resolved.revocationMode = mode;
  resolved.algorithms = algorithms;
  resolved.limits = limits;
  resolved.roleRule = policy?.roles ?? defaultRoleRule;
  resolved.packageSignature = packageSignature;
  resolved.passwords = passwords ?? NO_PASSWORDS;
  resolved.hashFactory = hashFactory ?? defaultHashFactory();
  return resolved;
}
