/**
 * Verification options in a form that crosses to a worker thread (structured clone):
 * certificates as DER, `online` instead of a fetcher function. A worker rebuilds the
 * same VerifyOptions from it, so a report made in a worker equals one made in-process.
 */
import { KysoIoError } from '../errors.js';
import { nodeHashFactory } from '../io/node-file.js';
import type { VerifyOptions } from '../options.js';
import { createHttpFetcher } from '../pki/node.js';
import type { RevocationMode } from '../pki/types.js';

export interface WorkerConfig {
  /** Undefined: the bundled store, loaded by each worker. */
  readonly trust?: { readonly anchors: readonly Uint8Array[]; readonly intermediates: readonly Uint8Array[]; readonly nameAndKeyAnchors?: readonly Uint8Array[] };
  readonly at?: Date;
  readonly revocation: {
    readonly crls: readonly Uint8Array[];
    readonly ocspResponses: readonly Uint8Array[];
    readonly mode?: RevocationMode;
    /** Fetch CRLs/OCSP from the certificates' URLs with kyso's HTTP fetcher. */
    readonly online: boolean;
    /** With `online`: fetch from private networks too (createHttpFetcher's `allowPrivateNetworks`). */
    readonly allowPrivateNetworks?: boolean;
  };
  /** Plain data only (no role-rule function). */
  readonly policy?: Omit<NonNullable<VerifyOptions['policy']>, 'roles'>;
  /** Passwords for encrypted PDFs (VerifyOptions.passwords). */
  readonly passwords?: readonly string[];
}

/**
 * The WorkerConfig for these options, or undefined when they hold a function that cannot
 * cross a thread (a custom fetcher, role rule or hash factory): such options are
 * verified on the calling thread.
 */
export function toWorkerConfig(options: VerifyOptions): WorkerConfig | undefined {
  const fetch = options.revocation?.fetch;
  if ((fetch !== undefined && fetch !== false) || options.policy?.roles !== undefined || options.hashFactory !== undefined) return undefined;
  const { roles: _roles, ...policy } = options.policy ?? {};
  return {
    ...(options.trust
      ? {
          trust: {
            anchors: [...options.trust.anchors],
            intermediates: [...options.trust.intermediates],
            ...(options.trust.nameAndKeyAnchors?.length ? { nameAndKeyAnchors: [...options.trust.nameAndKeyAnchors] } : {}),
          },
        }
      : {}),
    ...(options.at ? { at: options.at } : {}),
    revocation: {
      crls: [...(options.revocation?.crls ?? [])],
      ocspResponses: [...(options.revocation?.ocspResponses ?? [])],
      ...(options.revocation?.mode ? { mode: options.revocation.mode } : {}),
      online: false,
    },
    ...(options.policy ? { policy } : {}),
    ...(options.passwords?.length ? { passwords: [...options.passwords] } : {}),
  };
}

/** VerifyOptions from a WorkerConfig (the `trust` undefined case is resolved by verify() itself). */
export function fromWorkerConfig(config: WorkerConfig): VerifyOptions {
  return {
    hashFactory: nodeHashFactory,
    ...(config.trust ? { trust: config.trust } : {}),
    ...(config.at ? { at: config.at } : {}),
    revocation: {
      crls: config.revocation.crls,
      ocspResponses: config.revocation.ocspResponses,
      ...(config.revocation.mode ? { mode: config.revocation.mode } : {}),
      fetch: config.revocation.online ? createHttpFetcher({ allowPrivateNetworks: config.revocation.allowPrivateNetworks ?? false }) : false,
    },
    ...(config.policy ? { policy: config.policy } : {}),
    ...(config.passwords?.length ? { passwords: config.passwords } : {}),
  };
}

export function ioError(path: string, error: unknown): KysoIoError {
  const reason = error instanceof Error ? error.message : String(error);
  return new KysoIoError(`cannot read ${path}: ${reason}`, { cause: error, path, reason });
}
