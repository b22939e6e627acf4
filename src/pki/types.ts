/**
 * The contract of certificate path validation. Path validation knows nothing about
 * PDFs, XML or CMS: certificates, a time, anchors and revocation data go in; a path
 * result comes out.
 */
import type { IndeterminateSubIndication, FailedSubIndication } from '../report/indications.js';
import type { Message } from '../report/messages.js';
import type { CertificateRevocation } from '../report/types.js';

/** DER bytes of one X.509 certificate. */
export type CertificateBytes = Uint8Array;

/** The path is valid, invalid, revoked, or its revocation state could not be established. */
export type PathStatus = 'valid' | 'invalid' | 'revoked' | 'revocation-unknown' | 'revocation-stale';

/** `require`: every certificate in the path needs revocation data; `if-available`: check what is at hand (and fetch, if a fetcher is given) for end entities; `off`: no check. */
export type RevocationMode = 'require' | 'if-available' | 'off';

/** What the end-entity certificate must be good for. */
export type CertificateUsage = 'document-signing' | 'timestamping' | 'ocsp-signing' | 'any';

/** RFC 5280 §6.1.1 inputs (c), (e), (f), (g), (h). */
export interface PolicyInputs {
  /** OIDs; default: anyPolicy (2.5.29.32.0). */
  readonly initialPolicySet?: readonly string[];
  /**
   * RFC 5280 initial-explicit-policy: when true the path must be valid for at least one policy of
   * `initialPolicySet`; default false.
   */
  readonly initialExplicitPolicy?: boolean;
  /**
   * RFC 5280 initial-policy-mapping-inhibit: when true policy mappings in the path are not
   * followed; default false.
   */
  readonly initialPolicyMappingInhibit?: boolean;
  /**
   * RFC 5280 initial-any-policy-inhibit: when true anyPolicy in a certificate does not match every
   * policy; default false.
   */
  readonly initialAnyPolicyInhibit?: boolean;
}

/** Bounds on path-building work (see budget defaults in pki/). */
export interface PathBudget {
  /** Most signature verifications one search may make (default 100, as rustls-webpki). */
  readonly signatureChecks: number;
  /** Most candidate-path extensions one search may try (default 200,000, as rustls-webpki). */
  readonly buildCalls: number;
  /** Most name-constraint comparisons one search may make (default 250,000, as rustls-webpki). */
  readonly nameConstraintComparisons: number;
  /**
   * Most intermediates between the leaf and the anchor (default 6, as Go and rustls-webpki;
   * Vietnamese paths have at most 1).
   */
  readonly maxDepth: number;
}

/** Fetches revocation data and missing issuers over the network. Only given when the caller opts in. */
export interface RevocationFetcher {
  /**
   * GETs a CRL from a distribution point; resolves to its DER bytes, rejects on any failure (kyso
   * then reports the certificate's revocation as `unknown`).
   */
  fetchCrl(url: string): Promise<Uint8Array>;
  /** POSTs a DER OCSPRequest, returns the DER OCSPResponse. */
  fetchOcsp(url: string, request: Uint8Array): Promise<Uint8Array>;
  /** A DER certificate, or a PKCS#7 certs-only bundle. */
  fetchCertificates(url: string): Promise<Uint8Array>;
}

/**
 * Revocation data the caller or the document provides, as DER; kyso picks what concerns each
 * certificate and ignores the rest.
 */
export interface RevocationData {
  /** DER CRLs. */
  readonly crls?: readonly Uint8Array[];
  /** DER OCSPResponse (or BasicOCSPResponse) structures. */
  readonly ocspResponses?: readonly Uint8Array[];
}

/**
 * What a trust anchor's own certificate counts for. `enforce` (default): its validity,
 * basicConstraints, keyUsage, pathLenConstraint, nameConstraints and critical extensions
 * apply to the path (RFC 5937). `name-and-key`: only its name and key (RFC 5280 §6.1.1 (d)).
 */
export type AnchorConstraintMode = 'enforce' | 'name-and-key';

/**
 * Inputs of `validateCertificatePath`: everything the validation depends on is here (no clock, no
 * system store, no network unless `fetcher` is given).
 */
export interface ValidatePathInput {
  /** The end-entity certificate whose path is validated. */
  readonly leaf: CertificateBytes;
  /** Candidate intermediates, in no particular order (from the document, the store's CAs, ...). */
  readonly intermediates?: readonly CertificateBytes[];
  /** The anchors a path must end at; nothing else is trusted. */
  readonly trustAnchors: readonly CertificateBytes[];
  /** The time at which the path must be valid. */
  readonly at: Date;
  /**
   * The time of the validation itself (default `at`). Revocation data issued after
   * `now` is ignored; a revocation dated after `at` does not make the path revoked
   * (past signature validation, ETSI EN 319 102-1 §5.6.2.1).
   */
  readonly now?: Date;
  /** Revocation data, each with where it came from. */
  readonly revocation?: {
    /** Data that came with the document (CMS, PDF DSS, XAdES values): reported with source `embedded`. */
    readonly embedded?: RevocationData;
    /** Data the caller passed: reported with source `supplied`. */
    readonly supplied?: RevocationData;
  };
  /** What happens when no revocation answer is at hand; default `if-available`. */
  readonly revocationMode?: RevocationMode;
  /** Shorthand for `revocation.supplied.crls`. */
  readonly crls?: readonly Uint8Array[];
  /** Shorthand for `revocation.supplied.ocspResponses`. */
  readonly ocspResponses?: readonly Uint8Array[];
  /** Shorthand: true is `revocationMode: 'require'`, false is `'if-available'`. Contradicting `revocationMode` is a TypeError. */
  readonly requireRevocation?: boolean;
  /** RFC 5280 policy inputs; default: any policy is acceptable. */
  readonly policy?: PolicyInputs;
  /** Per anchor, or one mode for all; default `enforce`. */
  readonly anchorConstraints?: AnchorConstraintMode | ((anchor: { readonly sha256: string; readonly subject: string }) => AnchorConstraintMode);
  /** What the leaf must be good for (key usage and extended key usage); default `any`. */
  readonly usage?: CertificateUsage;
  /**
   * Limits on the path search; each missing field keeps its default (see PathBudget). A negative or
   * fractional value is a TypeError.
   */
  readonly budget?: Partial<PathBudget>;
  /** Network access, when the caller opted in. */
  readonly fetcher?: RevocationFetcher;
}

/** One certificate on the validated (or best attempted) path. */
export interface PathCertificate {
  /** The certificate's DER bytes. */
  readonly der: CertificateBytes;
  /** Its place in the path. */
  readonly role: 'end-entity' | 'intermediate' | 'anchor';
  /**
   * Where it came from: the leaf given, a candidate intermediate (document or store), a trust
   * anchor, or fetched from an AIA URL (only with a fetcher).
   */
  readonly source: 'leaf' | 'candidate' | 'anchor' | 'fetched';
}

/**
 * The outcome of certificate path validation: a status, the path, the revocation findings and the
 * reasons.
 */
export interface PathResult {
  /**
   * `valid`: a path to an anchor holds at `at`; `invalid`: no path holds (see
   * `subIndication`); `revoked`: a certificate of the path is revoked (a revocation dated
   * after `at` does not count); `revocation-unknown`: no revocation answer where the mode
   * needed one; `revocation-stale`: the only answers are out of date (both INDETERMINATE/TRY_LATER).
   */
  readonly status: PathStatus;
  /** Set when status is not `valid`. */
  readonly subIndication?: FailedSubIndication | IndeterminateSubIndication;
  /** Leaf first, anchor last; for a failure, the most promising attempt (may be empty). */
  readonly path: readonly PathCertificate[];
  /** Revocation findings, one per certificate checked. */
  readonly revocation: readonly CertificateRevocation[];
  /** The certificate rejected by the most specific failure, if any (SHA-256 hex). */
  readonly rejected?: {
    /** SHA-256 of the rejected certificate's DER, upper-case hex. */
    readonly certificate: string;
    /** Its subject, RFC 4514. */
    readonly subject: string;
  };
  /**
   * For a valid path: the certificate policies valid for the end entity (the leaves of the
   * RFC 5280 §6.1 valid_policy_tree after the user-initial-policy-set intersection), e.g.
   * `2.16.704.1.1.1.1.1` for "CA phục vụ các cơ quan Nhà nước G2"; `2.5.29.32.0` (anyPolicy)
   * when the path asserts no policy restriction; empty when no policy is valid.
   */
  readonly policies?: readonly string[];
  /**
   * For a valid path: the certificates that signed the CRLs and OCSP responses the
   * revocation answers rest on (so the caller can hold its algorithm policy against them too).
   */
  readonly revocationSigners?: readonly CertificateBytes[];
  /** Every reason and finding, as codes with Vietnamese and English text. */
  readonly messages: readonly Message[];
}
