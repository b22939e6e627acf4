/**
 * Verification options frozen at submission, so that every worker on every machine
 * verifies a document exactly as the submitter asked, and so that a result can be keyed
 * by what produced it.
 *
 * Warning: the frozen record carries the trust material itself (base64 DER), never
 * paths, since a worker on another machine may see other files at the same paths. The
 * bundled anchors are named by a digest: a worker whose bundled store differs refuses
 * the job instead of verifying against other roots. The kyso version is part of the
 * record (and so of its hash): a newer kyso's reports are new results, not duplicates.
 */
import { createHash } from 'node:crypto';
import { bytesToBase64, base64ToBytes } from '../pki/encoding.js';
import { createHttpFetcher } from '../pki/node.js';
import { TrustStore } from '../pki/trust-store.js';
import type { RevocationMode } from '../pki/types.js';
import type { VerifyOptions } from '../options.js';

/**
 * Verification options as a self-contained record stored with a queue: trust material inline
 * (base64 DER, never paths), a fixed validation time, the kyso version. Every worker verifies a job
 * exactly as the record says or refuses it; its hash (`optionsHash`) is half of each result's key.
 */
export interface FrozenOptions {
  /** Record layout; bumped when fields change meaning. */
  readonly v: 1;
  /** kyso version of the submitter; a worker of another version refuses the job. */
  readonly kyso: string;
  /** Validation time, ISO-8601. Frozen at submission when the caller gave none. */
  readonly at: string;
  /** SHA-256 over the bundled store's entries, or null when the bundled anchors are not used. */
  readonly bundled: string | null;
  /** Extra anchors and path-building candidates, base64 DER. */
  readonly anchors: readonly string[];
  /** Extra path-building candidates (never trusted by themselves), base64 DER, sorted. */
  readonly intermediates: readonly string[];
  /**
   * Anchors (extra or bundled) read as name and key only, base64 DER; absent when there
   * are none, so records without them keep the hash they always had.
   */
  readonly nameAndKeyAnchors?: readonly string[];
  /** Supplied revocation data, base64 DER. */
  readonly crls: readonly string[];
  /** Supplied OCSP responses, base64 DER, sorted. */
  readonly ocspResponses: readonly string[];
  /** The revocation mode every worker applies (see VerifyOptions' `revocation.mode`). */
  readonly revocationMode: RevocationMode;
  /** Fetch revocation data over HTTP. Reports then depend on the network, not only on the record. */
  readonly online: boolean;
  /** With `online`: fetch from private networks too (createHttpFetcher's `allowPrivateNetworks`). Absent: false. */
  readonly allowPrivateNetworks?: boolean;
}

/** What `freezeOptions` records: the submitter's choices, resolved (a time, a store). */
export interface FreezeInput {
  /** The submitter's kyso version; workers of another version refuse the jobs. */
  readonly kyso: string;
  /**
   * The validation time for every document of the audit (freeze the submission time when the user
   * gave none, so that all workers agree).
   */
  readonly at: Date;
  /** The store to verify against (bundled, extra anchors, or both). */
  readonly trust: TrustStore;
  /** DER CRLs to use besides those embedded in the documents. */
  readonly crls?: readonly Uint8Array[];
  /** DER OCSP responses to use besides those embedded. */
  readonly ocspResponses?: readonly Uint8Array[];
  /** Default `if-available`. */
  readonly revocationMode?: RevocationMode;
  /**
   * Let workers fetch revocation data over HTTP; default false. Reports then depend on the network
   * at the time each job runs.
   */
  readonly online?: boolean;
  /** With `online`: let workers fetch from private networks too; default false (public addresses only). */
  readonly allowPrivateNetworks?: boolean;
}

function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Identifies a bundled store by content: role and DER of every entry, sorted. */
export function bundledDigest(store: TrustStore): string {
  const lines = store.entries
    .filter((e) => e.bundled !== undefined)
    .map((e) => `${e.role} ${sha256Hex(e.der)}`)
    .sort();
  return sha256Hex(lines.join('\n'));
}

/**
 * Freezes the options of an audit into a record workers on any machine can honour: the bundled
 * store is named by its digest when every bundled certificate is used in its bundled role, other
 * certificates travel as DER; lists are sorted so that equal choices hash equally.
 */
export async function freezeOptions(input: FreezeInput): Promise<FrozenOptions> {
  const bundled = await TrustStore.bundled();
  // The bundled part is named by digest only if every bundled certificate is present in
  // its bundled role; otherwise (e.g. --no-default-trust) each certificate travels as DER.
  const usesBundled = bundled.entries.every((e) => input.trust.lookup(e.der)?.role === e.role);
  const extra = input.trust.entries.filter((e) => !(usesBundled && bundled.lookup(e.der)?.role === e.role));
  const sorted = (ders: Uint8Array[]) => ders.map(bytesToBase64).sort();
  const nameAndKey = input.trust.nameAndKeyAnchors;
  return {
    v: 1,
    kyso: input.kyso,
    at: input.at.toISOString(),
    bundled: usesBundled ? bundledDigest(bundled) : null,
    anchors: sorted(extra.filter((e) => e.role === 'anchor').map((e) => e.der)),
    intermediates: sorted(extra.filter((e) => e.role === 'intermediate').map((e) => e.der)),
    ...(nameAndKey.length > 0 ? { nameAndKeyAnchors: sorted(nameAndKey) } : {}),
    crls: sorted([...(input.crls ?? [])]),
    ocspResponses: sorted([...(input.ocspResponses ?? [])]),
    revocationMode: input.revocationMode ?? 'if-available',
    online: input.online ?? false,
    ...(input.allowPrivateNetworks ? { allowPrivateNetworks: true } : {}),
  };
}

/** Canonical JSON (fixed key order), so equal records hash equally. */
export function canonicalOptions(frozen: FrozenOptions): string {
  const { v, kyso, at, bundled, anchors, intermediates, nameAndKeyAnchors, crls, ocspResponses, revocationMode, online, allowPrivateNetworks } = frozen;
  return JSON.stringify({
    v, kyso, at, bundled, anchors, intermediates, ...(nameAndKeyAnchors?.length ? { nameAndKeyAnchors } : {}), crls, ocspResponses, revocationMode, online,
    ...(allowPrivateNetworks ? { allowPrivateNetworks } : {}),
  });
}

/** The options half of a result key: SHA-256 of the canonical record, hex. */
export function optionsHash(frozen: FrozenOptions): string {
  return sha256Hex(canonicalOptions(frozen));
}

/** Why a worker cannot use a record; the job goes to the dead-letter list with this reason. */
export class FrozenOptionsMismatch extends Error {
  override name = 'FrozenOptionsMismatch';
}

/** Parses a stored record, checking its shape: it comes from Redis, which others can write. */
export function parseFrozenOptions(text: string): FrozenOptions {
  const value = JSON.parse(text) as Partial<FrozenOptions>;
  const strings = (list: unknown) => Array.isArray(list) && list.every((s) => typeof s === 'string');
  if (
    value?.v !== 1 ||
    typeof value.kyso !== 'string' ||
    typeof value.at !== 'string' ||
    Number.isNaN(new Date(value.at).getTime()) ||
    !(value.bundled === null || typeof value.bundled === 'string') ||
    !strings(value.anchors) ||
    !strings(value.intermediates) ||
    !(value.nameAndKeyAnchors === undefined || strings(value.nameAndKeyAnchors)) ||
    !strings(value.crls) ||
    !strings(value.ocspResponses) ||
    !['require', 'if-available', 'off'].includes(value.revocationMode as string) ||
    typeof value.online !== 'boolean' ||
    !(value.allowPrivateNetworks === undefined || typeof value.allowPrivateNetworks === 'boolean')
  ) {
    throw new FrozenOptionsMismatch('the stored verification options are malformed');
  }
  return value as FrozenOptions;
}

/** The VerifyOptions a record stands for, on this worker. Throws FrozenOptionsMismatch when this worker cannot honour it. */
export async function thawOptions(frozen: FrozenOptions, kysoVersion: string): Promise<VerifyOptions> {
  if (frozen.kyso !== kysoVersion) {
    throw new FrozenOptionsMismatch(`submitted with kyso ${frozen.kyso}, this worker runs kyso ${kysoVersion}`);
  }
  let trust = TrustStore.empty();
  if (frozen.bundled !== null) {
    trust = await TrustStore.bundled();
    if (bundledDigest(trust) !== frozen.bundled) throw new FrozenOptionsMismatch('this worker bundles other trust anchors than the submitter');
  }
  const der = (list: readonly string[]) => list.map(base64ToBytes);
  if (frozen.anchors.length > 0) trust = trust.withAnchors(...der(frozen.anchors));
  if (frozen.intermediates.length > 0) trust = trust.withIntermediates(...der(frozen.intermediates));
  if (frozen.nameAndKeyAnchors?.length) trust = trust.withNameAndKeyAnchors(...der(frozen.nameAndKeyAnchors));
  return {
    trust,
    at: new Date(frozen.at),
    revocation: {
      crls: der(frozen.crls),
      ocspResponses: der(frozen.ocspResponses),
      mode: frozen.revocationMode,
      fetch: frozen.online ? createHttpFetcher({ allowPrivateNetworks: frozen.allowPrivateNetworks ?? false }) : false,
    },
  };
}
