/**
 * Decoded CRLs and OCSP responses remembered across documents. A folder of documents
 * signed under one CA embeds the same CRL (and often the same OCSP response) in every
 * file, and decoding it again was a few percent of a small PDF's verification (far more
 * for a national CRL of tens of thousands of entries). A decoding is a pure function of
 * the bytes and holds no verdict (signature, freshness and scope are judged per validation
 * from it); a hit is used only when its bytes equal the bytes asked for, so a tampered
 * twin is decoded on its own. Entries are decoded from a copy (nothing of a document is
 * held), failures are not kept across arrays (only by the array's identity, below), and
 * the cache is bounded by count and by bytes.
 *
 * Within a document the same array is decoded again by each path validation (the
 * signature's, its timestamps'): the decoding an array was last found to have is kept by
 * the array's identity too, so it is not hashed again. Arrays are treated as immutable once
 * given; another array, even with equal bytes, is hashed and compared.
 */
import { bytesEqual, sha256Hex } from '../encoding.js';

export class RememberedDecodings<T> {
  readonly #entries = new Map<string, { readonly bytes: Uint8Array; readonly value: T }>();
  #bytes = 0;

  constructor(
    private readonly maxEntries: number,
    /** DER bytes held in all; past it the cache starts over. */
    private readonly maxBytes: number,
    /** Larger items are decoded every time. */
    readonly maxItemBytes: number,
  ) {}

  readonly #byArray = new WeakMap<Uint8Array, T>();
  /**
   * What decoding an array threw, by the array's identity: within a document the same junk
   * entries of a DSS are offered to every validation of every signature (up to
   * MAX_REVOCATION_ITEMS each), and hashing them and building the error again each time
   * was most of such a document's time.
   */
  readonly #failedByArray = new WeakMap<Uint8Array, unknown>();

  /**
   * The decoding of `der`: remembered, or made by `decodeBytes` from a copy (from `der`
   * itself when too large to keep) and remembered when it succeeds. Throws what
   * `decodeBytes` throws.
   */
  async decode(der: Uint8Array, decodeBytes: (bytes: Uint8Array, sha256: string) => T | Promise<T>): Promise<T> {
    const same = this.#byArray.get(der);
    if (same !== undefined) return same;
    const failed = this.#failedByArray.get(der);
    if (failed !== undefined) throw failed;
    try {
      return await this.#decode(der, decodeBytes);
    } catch (error) {
      this.#failedByArray.set(der, error);
      throw error;
    }
  }

  async #decode(der: Uint8Array, decodeBytes: (bytes: Uint8Array, sha256: string) => T | Promise<T>): Promise<T> {
    const sha256 = await sha256Hex(der);
    const known = this.get(sha256, der);
    if (known !== undefined) {
      if (der.length <= this.maxItemBytes) this.#byArray.set(der, known);
      return known;
    }
    if (der.length > this.maxItemBytes) return decodeBytes(der, sha256);
    const copy = der.slice();
    const value = await decodeBytes(copy, sha256);
    this.set(sha256, copy, value);
    this.#byArray.set(der, value);
    return value;
  }

  /** The decoding of exactly these bytes (`sha256` is theirs), if remembered. */
  get(sha256: string, der: Uint8Array): T | undefined {
    const hit = this.#entries.get(sha256);
    return hit !== undefined && bytesEqual(hit.bytes, der) ? hit.value : undefined;
  }

  /** Remembers `value`, decoded from `bytes` (a copy no one else holds). */
  set(sha256: string, bytes: Uint8Array, value: T): void {
    if (bytes.length > this.maxItemBytes) return;
    if (this.#entries.size >= this.maxEntries || this.#bytes + bytes.length > this.maxBytes) {
      this.#entries.clear();
      this.#bytes = 0;
    }
    this.#entries.set(sha256, { bytes, value });
    this.#bytes += bytes.length;
  }
}
