/**
 * State shared by one call of validateCertificatePath, including the nested
 * validations of CRL issuers and OCSP responders: the certificate pool, the work
 * budget, signature and key caches, fetch bookkeeping and collected messages.
 */
import type { Message } from '../report/messages.js';
import type { CertificateRevocation } from '../report/types.js';
import type { IndeterminateSubIndication, FailedSubIndication } from '../report/indications.js';
import type { AnchorConstraintMode, CertificateUsage, PathStatus, PolicyInputs, RevocationFetcher, RevocationMode } from './types.js';
import { decodeCertificate, knownDecoding, type ParsedCertificate } from './certificate.js';
import { SignatureVerifier, type SignatureCheck } from './signature.js';
import { cryptoEngine } from './crypto-engine.js';
import type { WorkBudget } from './budget.js';

export type CertificateSource = 'leaf' | 'candidate' | 'anchor' | 'fetched';

export interface PathNode {
  readonly cert: ParsedCertificate;
  readonly source: CertificateSource;
}

/** The certificates of a path, in order (pushed, not mapped: V8's optimised `map` returns another elements kind, which deoptimised their readers). */
export function certificatesOf(path: readonly PathNode[]): ParsedCertificate[] {
  const out: ParsedCertificate[] = [];
  for (const node of path) out.push(node.cert);
  return out;
}

/** A failed attempt; the most specific (highest rank) one is reported. */
export interface Attempt {
  readonly rank: number;
  readonly status: Exclude<PathStatus, 'valid'>;
  readonly subIndication: FailedSubIndication | IndeterminateSubIndication;
  readonly messages: readonly Message[];
  readonly rejected?: ParsedCertificate;
  readonly path: readonly PathNode[];
  readonly revocation: readonly CertificateRevocation[];
}

/**
 * Ranks: a failure found further along (on a complete path, after more checks passed)
 * says more than one found early. Revoked outranks everything: all else held.
 */
export const RANK = {
  noIssuer: 10,
  pathTooLong: 15,
  signature: 20,
  nameChaining: 25,
  constraints: 50,
  usage: 55,
  validity: 60,
  revocationUnknown: 70,
  revocationStale: 72,
  revoked: 80,
} as const;

export interface RevocationSources {
  readonly embeddedCrls: readonly Uint8Array[];
  readonly embeddedOcsp: readonly Uint8Array[];
  readonly suppliedCrls: readonly Uint8Array[];
  readonly suppliedOcsp: readonly Uint8Array[];
}

export interface ValidationSettings {
  readonly at: Date;
  readonly now: Date;
  readonly usage: CertificateUsage;
  readonly policy: PolicyInputs;
  readonly revocationMode: RevocationMode;
  readonly fetcher?: RevocationFetcher;
  /** The anchor mode for a path ending at this anchor. */
  readonly anchorMode: (anchor: ParsedCertificate) => AnchorConstraintMode;
}

/** At most this many network fetches (issuers, CRLs, OCSP) in one validation. */
export const MAX_FETCHES = 16;

export class CertificatePool {
  readonly #bySubject = new Map<string, PathNode[]>();
  readonly #bySha = new Map<string, PathNode>();

  add(node: PathNode): boolean {
    const existing = this.#bySha.get(node.cert.sha256);
    if (existing) {
      // An anchor stays an anchor whoever offers the same certificate again.
      if (node.source === 'anchor' && existing.source !== 'anchor') {
        this.#replace(existing, node);
        return true;
      }
      return false;
    }
    this.#bySha.set(node.cert.sha256, node);
    const key = node.cert.subject.key;
    const list = this.#bySubject.get(key);
    if (list) list.push(node);
    else this.#bySubject.set(key, [node]);
    return true;
  }

  #replace(old: PathNode, node: PathNode): void {
    this.#bySha.set(node.cert.sha256, node);
    const list = this.#bySubject.get(node.cert.subject.key) ?? [];
    const index = list.indexOf(old);
    if (index >= 0) list[index] = node;
  }

  bySubjectKey(key: string): readonly PathNode[] {
    return this.#bySubject.get(key) ?? [];
  }

  get(sha256: string): PathNode | undefined {
    return this.#bySha.get(sha256);
  }

  isAnchor(sha256: string): boolean {
    return this.#bySha.get(sha256)?.source === 'anchor';
  }

  all(): PathNode[] {
    return [...this.#bySha.values()];
  }
}

/**
 * Whether a certificate's signature verifies under an issuer's key is a pure function of
 * the two certificates' bytes (keyed by their SHA-256): remembered across validations, so
 * a folder of documents signed under the same CAs checks each CA signature once.
 */
/**
 * Signature checks by (signed object, signer), both named by SHA-256: a map of maps, so a
 * lookup costs two lookups of strings already hashed instead of building and hashing a
 * 129-character key for every certificate of every path.
 */
class PairMap<V> {
  readonly #outer = new Map<string, Map<string, V>>();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  get(signed: string, signer: string): V | undefined {
    return this.#outer.get(signed)?.get(signer);
  }

  set(signed: string, signer: string, value: V): void {
    let inner = this.#outer.get(signed);
    if (!inner) {
      inner = new Map();
      this.#outer.set(signed, inner);
    }
    if (!inner.has(signer)) this.#size++;
    inner.set(signer, value);
  }

  clear(): void {
    this.#outer.clear();
    this.#size = 0;
  }
}

const REMEMBERED_SIGNATURES = new WeakMap<object, PairMap<Promise<SignatureCheck>>>();
const WEBCRYPTO = {};

/** Answers are kept per engine (WebCrypto alone is one), so each engine's answers stay its own. */
function rememberedSignatures(): PairMap<Promise<SignatureCheck>> {
  const engine = cryptoEngine() ?? WEBCRYPTO;
  let remembered = REMEMBERED_SIGNATURES.get(engine);
  if (!remembered) {
    remembered = new PairMap();
    REMEMBERED_SIGNATURES.set(engine, remembered);
  }
  return remembered;
}
const MAX_REMEMBERED_SIGNATURES = 10_000;

/** What every view of one validation shares (caches, counters, messages). */
export class SharedState {
  readonly verifier = new SignatureVerifier();
  readonly signatures = new PairMap<Promise<SignatureCheck>>();
  readonly messages: Message[] = [];
  readonly fetchedUrls = new Set<string>();
  fetchCount = 0;
  /** A fetch bound (this validation's or the document's) was reported: once is enough. */
  fetchLimitNoted = false;
  /** Owned by revocation/data.ts: the decoded CRLs and OCSP responses. */
  revocationPool: Promise<unknown> | undefined;
}

export class ValidationContext {
  readonly #shared: SharedState;

  constructor(
    readonly settings: ValidationSettings,
    readonly pool: CertificatePool,
    readonly budget: WorkBudget,
    readonly revocationSources: RevocationSources,
    shared: SharedState = new SharedState(),
  ) {
    this.#shared = shared;
  }

  /**
   * The same validation seen at another time: CRL issuers and OCSP responders are
   * validated at the time their data was issued. Caches, budget and pools are shared.
   */
  at(time: Date): ValidationContext {
    if (time.getTime() === this.settings.at.getTime()) return this;
    return new ValidationContext(Object.assign({}, this.settings, { at: time }), this.pool, this.budget, this.revocationSources, this.#shared);
  }

  get messages(): Message[] {
    return this.#shared.messages;
  }

  get shared(): SharedState {
    return this.#shared;
  }

  /** Verifies `child`'s signature with `issuer`'s key, once per pair (charged to signatureChecks). */
  checkCertificateSignature(child: ParsedCertificate, issuer: ParsedCertificate): Promise<SignatureCheck> {
    let pending = this.#shared.signatures.get(child.sha256, issuer.sha256);
    if (!pending) {
      // The budget is charged whether or not the answer is remembered, so a report never depends on what ran before it.
      this.budget.spend('signatureChecks');
      const CERTIFICATE_SIGNATURES = rememberedSignatures();
      pending = CERTIFICATE_SIGNATURES.get(child.sha256, issuer.sha256);
      if (!pending) {
        pending = this.#shared.verifier.verify(child.tbs, child.signatureValue, child.signatureAlgorithm, issuer.spki, issuer.spkiAlgorithm);
        if (CERTIFICATE_SIGNATURES.size >= MAX_REMEMBERED_SIGNATURES) CERTIFICATE_SIGNATURES.clear();
        CERTIFICATE_SIGNATURES.set(child.sha256, issuer.sha256, pending);
      }
      this.#shared.signatures.set(child.sha256, issuer.sha256, pending);
    }
    return pending;
  }

  /** Verifies a signature over other data (CRL, OCSP response), charged to signatureChecks. */
  checkSignature(
    cacheKey: string,
    data: Uint8Array,
    signature: Uint8Array,
    algorithm: ParsedCertificate['signatureAlgorithm'],
    signer: ParsedCertificate,
  ): Promise<SignatureCheck> {
    let pending = this.#shared.signatures.get(cacheKey, signer.sha256);
    if (!pending) {
      this.budget.spend('signatureChecks');
      // `cacheKey` is the SHA-256 of the whole CRL or OCSP response, whose bytes hold `data`,
      // `signature` and `algorithm`; with the signer's certificate hash the pair names every
      // input of the check, so the answer is remembered across validations as for certificates.
      const remembered = cacheKey !== '' && signer.sha256 !== '';
      const CERTIFICATE_SIGNATURES = rememberedSignatures();
      pending = remembered ? CERTIFICATE_SIGNATURES.get(cacheKey, signer.sha256) : undefined;
      if (!pending) {
        pending = this.#shared.verifier.verify(data, signature, algorithm, signer.spki, signer.spkiAlgorithm);
        if (remembered) {
          if (CERTIFICATE_SIGNATURES.size >= MAX_REMEMBERED_SIGNATURES) CERTIFICATE_SIGNATURES.clear();
          CERTIFICATE_SIGNATURES.set(cacheKey, signer.sha256, pending);
        }
      }
      this.#shared.signatures.set(cacheKey, signer.sha256, pending);
    }
    return pending;
  }

  /** Whether another network fetch is allowed (`taken`, counted), was made already (`seen`), or is over MAX_FETCHES (`limit`). */
  takeFetch(key: string): 'taken' | 'seen' | 'limit' {
    const shared = this.#shared;
    if (shared.fetchedUrls.has(key)) return 'seen';
    if (shared.fetchCount >= MAX_FETCHES) return 'limit';
    shared.fetchedUrls.add(key);
    shared.fetchCount++;
    return 'taken';
  }
}

/**
 * Decoded certificates by the identity of their byte array: a trust store hands the same
 * arrays to every validation, so a folder of documents decodes its anchors once. Only a
 * cache — the decoding is a pure function of the bytes, and entries go with the arrays.
 * (A caller that mutates a certificate array after passing it gets the earlier decoding.)
 */
const decoded = new WeakMap<Uint8Array, Promise<ParsedCertificate>>();

export function decodeCached(der: Uint8Array): Promise<ParsedCertificate> {
  let pending = decoded.get(der);
  if (!pending) {
    pending = decodeCertificate(der);
    decoded.set(der, pending);
  }
  return pending;
}

/**
 * The error each array that is no certificate gave, by the array's identity: a document's
 * certificates (its DSS above all) are candidates in every path validation of every
 * signature, and taking a failure again through a rejected promise and a throw, thousands
 * of junk entries times the signatures, was most of such a document's time.
 */
const undecodable = new WeakMap<Uint8Array, Error>();

export async function decodeAll(
  ders: readonly Uint8Array[],
  onError: (error: Error, index: number) => void,
): Promise<ParsedCertificate[]> {
  const out: ParsedCertificate[] = [];
  for (let i = 0; i < ders.length; i++) {
    const failed = undecodable.get(ders[i] as Uint8Array);
    if (failed !== undefined) {
      onError(failed, i);
      continue;
    }
    // An array already decoded is taken as it is, without a trip through a promise per
    // certificate (each validation of a document decodes its certificates again).
    const known = knownDecoding(ders[i] as Uint8Array);
    if (known !== undefined) {
      out.push(known);
      continue;
    }
    try {
      out.push(await decodeCached(ders[i] as Uint8Array));
    } catch (error) {
      undecodable.set(ders[i] as Uint8Array, error as Error);
      onError(error as Error, i);
    }
  }
  return out;
}
