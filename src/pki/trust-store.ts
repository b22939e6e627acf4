/**
 * Trust stores: the anchors a path must end at, and CA certificates offered as
 * path-building candidates.
 *
 * Warning: only anchors are trusted. An intermediate in the store is a candidate like
 * one found in a document: it must chain to an anchor and pass every RFC 5280 check.
 * The bundled store makes the real Vietnamese roots anchors and ships the real CAs
 * below them as intermediates (domain.md §3: signed documents often carry only the
 * leaf certificate).
 *
 * Stores are immutable: every `with…`/`merge` returns a new store.
 */
import { base64ToBytes, bytesToBase64 } from './encoding.js';
import { parseCertificates } from './parse.js';
import type { AnchorConstraintMode } from './types.js';

/** A certificate shipped in certs/ (see certs/index.json). */
export interface BundledCertificate {
  /** Path under certs/. */
  readonly file: string;
  /** RFC 4514 subject, as openssl prints it. */
  readonly subject: string;
  readonly role: 'root' | 'intermediate';
  readonly pki: 'public' | 'government';
  /** e.g. `G1`, `G2`, `G3`. */
  readonly generation: string;
  readonly label: string;
  /** SHA-256 of the DER, upper-case hex. */
  readonly sha256: string;
  /** Where the issuer publishes it. */
  readonly source: string;
  /** base64 DER. */
  readonly der: string;
}

/** What the store knows about one of its bundled certificates. */
export type BundledCertificateInfo = Omit<BundledCertificate, 'der'>;

/** One certificate of a TrustStore and what it counts for. */
export interface TrustStoreEntry {
  /** The certificate's DER bytes. */
  readonly der: Uint8Array;
  /**
   * `anchor`: trusted, a path may end at it; `intermediate`: only a candidate for building a path,
   * trusted only through an anchor.
   */
  readonly role: 'anchor' | 'intermediate';
  /**
   * For an anchor: what its own certificate counts for. Absent means `enforce` (its
   * validity, basicConstraints, keyUsage, pathLenConstraint, nameConstraints and critical
   * extensions apply to every path, RFC 5937); `name-and-key` only by
   * `withNameAndKeyAnchors`.
   */
  readonly constraints?: AnchorConstraintMode;
  /** Set for certificates that come from certs/. */
  readonly bundled?: BundledCertificateInfo;
}

function keyOf(der: Uint8Array): string {
  return bytesToBase64(der);
}

interface StoreLists {
  readonly anchors: readonly Uint8Array[];
  readonly nameAndKeyAnchors: readonly Uint8Array[];
  readonly intermediates: readonly Uint8Array[];
}

/**
 * An immutable set of trust anchors and candidate intermediates: what `verify()` trusts. Nothing
 * outside it is trusted (there is no fallback to a system store). Methods that add return a new
 * store. Load it once (`TrustStore.bundled()`) and share it across calls.
 */
export class TrustStore {
  readonly #entries: ReadonlyMap<string, TrustStoreEntry>;
  /**
   * The lists the getters hand out, filtered once (the store never changes): every
   * verify() reads them a few times, and filtering the bundled store's entries again for
   * each read was a few microseconds per document. Each read still gets its own array.
   */
  #lists: StoreLists | undefined;

  private constructor(entries: ReadonlyMap<string, TrustStoreEntry>) {
    this.#entries = entries;
  }

  /** No anchors, no intermediates. */
  static empty(): TrustStore {
    return new TrustStore(new Map());
  }

  /** The real Vietnamese roots (anchors) and CAs (intermediates) shipped in certs/. */
  static async bundled(): Promise<TrustStore> {
    const { BUNDLED_CERTIFICATES } = await import('./bundled-certs.js');
    const entries = new Map<string, TrustStoreEntry>();
    for (const cert of BUNDLED_CERTIFICATES) {
      const { der: base64, ...info } = cert;
      const der = base64ToBytes(base64);
      entries.set(keyOf(der), { der, role: cert.role === 'root' ? 'anchor' : 'intermediate', bundled: info });
    }
    return new TrustStore(entries);
  }

  /**
   * A store whose anchors are every certificate in the inputs: PEM text (one or many
   * certificates), a DER certificate, or a DER/PEM PKCS#7 certs-only bundle.
   * Throws TypeError naming the bad input.
   */
  static from(...inputs: (Uint8Array | string)[]): TrustStore {
    return TrustStore.empty().withAnchors(...inputs);
  }

  /**
   * A new store with these certificates added as anchors whose own certificate constrains
   * every path (RFC 5937): an anchor wins over an intermediate entry, and over a
   * name-and-key entry for the same certificate.
   */
  withAnchors(...inputs: (Uint8Array | string)[]): TrustStore {
    return this.#with(inputs, 'anchor');
  }

  /**
   * A new store with these certificates added as anchors that count for their name and
   * public key only (RFC 5280 §6.1.1 (d)).
   *
   * Warning: this drops protections. The anchor certificate's own validity period,
   * basicConstraints, keyUsage, pathLenConstraint, nameConstraints and unknown critical
   * extensions are then ignored, so a name-constrained CA trusted this way may vouch for
   * any name, and an expired root still anchors. Use it only for a root that is known to
   * need it; every other anchor (the bundled ones included) keeps `enforce`. A certificate
   * given here becomes a name-and-key anchor even if the store already held it.
   */
  withNameAndKeyAnchors(...inputs: (Uint8Array | string)[]): TrustStore {
    return this.#with(inputs, 'anchor', 'name-and-key');
  }

  /** A new store with these certificates added as path-building candidates (never as anchors). */
  withIntermediates(...inputs: (Uint8Array | string)[]): TrustStore {
    return this.#with(inputs, 'intermediate');
  }

  /**
   * A new store holding both stores' certificates; a certificate that is an anchor in
   * either stays an anchor, and it is read as name and key only when neither store
   * enforces its certificate (the stricter reading wins).
   */
  merge(other: TrustStore): TrustStore {
    const entries = new Map(this.#entries);
    for (const entry of other.entries) add(entries, entry);
    return new TrustStore(entries);
  }

  #filtered(): StoreLists {
    if (!this.#lists) {
      const entries = this.entries;
      this.#lists = {
        anchors: entries.filter((e) => e.role === 'anchor').map((e) => e.der),
        nameAndKeyAnchors: entries.filter((e) => e.role === 'anchor' && e.constraints === 'name-and-key').map((e) => e.der),
        intermediates: entries.filter((e) => e.role === 'intermediate').map((e) => e.der),
      };
    }
    return this.#lists;
  }

  /** DER of every anchor. */
  get anchors(): Uint8Array[] {
    return [...this.#filtered().anchors];
  }

  /** DER of the anchors read as name and key only (`withNameAndKeyAnchors`); they are also in `anchors`. */
  get nameAndKeyAnchors(): Uint8Array[] {
    return [...this.#filtered().nameAndKeyAnchors];
  }

  /** DER of every intermediate (candidates for path building, not trusted on their own). */
  get intermediates(): Uint8Array[] {
    return [...this.#filtered().intermediates];
  }

  /**
   * Every certificate in the store with its role, in the order added (anchors and intermediates
   * together).
   */
  get entries(): TrustStoreEntry[] {
    return [...this.#entries.values()];
  }

  /** How many certificates the store holds (anchors and intermediates). */
  get size(): number {
    return this.#entries.size;
  }

  /** The store's entry for this certificate, if it holds it. */
  lookup(der: Uint8Array): TrustStoreEntry | undefined {
    return this.#entries.get(keyOf(der));
  }

  /** True when the store holds this certificate (same DER) as an anchor. */
  isAnchor(der: Uint8Array): boolean {
    return this.lookup(der)?.role === 'anchor';
  }

  #with(inputs: readonly (Uint8Array | string)[], role: 'anchor' | 'intermediate', constraints?: 'name-and-key'): TrustStore {
    const entries = new Map(this.#entries);
    inputs.forEach((input, i) => {
      for (const der of parseCertificates(input, `trust input ${i + 1}`)) {
        if (constraints) {
          // An explicit request for this certificate: it overrides how the store held it.
          const existing = entries.get(keyOf(der));
          entries.set(keyOf(der), { der, role, constraints, ...(existing?.bundled ? { bundled: existing.bundled } : {}) });
        } else {
          add(entries, { der, role });
        }
      }
    });
    return new TrustStore(entries);
  }
}

function add(entries: Map<string, TrustStoreEntry>, entry: TrustStoreEntry): void {
  const key = keyOf(entry.der);
  const existing = entries.get(key);
  if (!existing) {
    entries.set(key, entry);
    return;
  }
  const role = existing.role === 'anchor' || entry.role === 'anchor' ? 'anchor' : 'intermediate';
  const bundled = existing.bundled ?? entry.bundled;
  // Name and key only survives a merge only where no side enforces the anchor's certificate.
  const nameAndKey =
    role === 'anchor' &&
    [existing, entry].every((e) => e.role !== 'anchor' || e.constraints === 'name-and-key') &&
    [existing, entry].some((e) => e.constraints === 'name-and-key');
  entries.set(key, { der: existing.der, role, ...(nameAndKey ? { constraints: 'name-and-key' as const } : {}), ...(bundled ? { bundled } : {}) });
}
