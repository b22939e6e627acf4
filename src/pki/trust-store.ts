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

export interface TrustStoreEntry {
  readonly der: Uint8Array;
  readonly role: 'anchor' | 'intermediate';
  /** Set for certificates that come from certs/. */
  readonly bundled?: BundledCertificateInfo;
}

function keyOf(der: Uint8Array): string {
  return bytesToBase64(der);
}

export class TrustStore {
  readonly #entries: ReadonlyMap<string, TrustStoreEntry>;

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

  /** A new store with these certificates added as anchors (an anchor wins over an intermediate entry). */
  withAnchors(...inputs: (Uint8Array | string)[]): TrustStore {
    return this.#with(inputs, 'anchor');
  }

  /** A new store with these certificates added as path-building candidates (never as anchors). */
  withIntermediates(...inputs: (Uint8Array | string)[]): TrustStore {
    return this.#with(inputs, 'intermediate');
  }

  /** A new store holding both stores' certificates; a certificate that is an anchor in either stays an anchor. */
  merge(other: TrustStore): TrustStore {
    const entries = new Map(this.#entries);
    for (const entry of other.entries) add(entries, entry);
    return new TrustStore(entries);
  }

  /** DER of every anchor. */
  get anchors(): Uint8Array[] {
    return this.entries.filter((e) => e.role === 'anchor').map((e) => e.der);
  }

  /** DER of every intermediate (candidates for path building, not trusted on their own). */
  get intermediates(): Uint8Array[] {
    return this.entries.filter((e) => e.role === 'intermediate').map((e) => e.der);
  }

  get entries(): TrustStoreEntry[] {
    return [...this.#entries.values()];
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The store's entry for this certificate, if it holds it. */
  lookup(der: Uint8Array): TrustStoreEntry | undefined {
    return this.#entries.get(keyOf(der));
  }

  isAnchor(der: Uint8Array): boolean {
    return this.lookup(der)?.role === 'anchor';
  }

  #with(inputs: readonly (Uint8Array | string)[], role: 'anchor' | 'intermediate'): TrustStore {
    const entries = new Map(this.#entries);
    inputs.forEach((input, i) => {
      for (const der of parseCertificates(input, `trust input ${i + 1}`)) add(entries, { der, role });
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
  entries.set(key, bundled ? { der: existing.der, role, bundled } : { der: existing.der, role });
}
