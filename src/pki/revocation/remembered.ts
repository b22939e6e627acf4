/**
 * Decoded CRLs and OCSP responses remembered across documents. A folder of documents
 * signed under one CA embeds the same CRL (and often the same OCSP response) in every
 * file, and decoding it again was a few percent of a small PDF's verification (far more
 * for a national CRL of tens of thousands of entries). A decoding is a pure function of
 * the bytes and holds no verdict (signature, freshness and scope are judged per validation
 * from it); a hit is used only when its bytes equal the bytes asked for, so a tampered
 * twin is decoded on its own. Entries are decoded from a copy (nothing of a document is
 * held), failures are not kept, and the cache is bounded by count and by bytes.
 */
import { bytesEqual } from '../encoding.js';

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
