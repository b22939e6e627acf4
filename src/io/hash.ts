/**
 * Incremental hashing, injected: the core stays browser-compatible (it falls back to
 * @noble/hashes), while Node injects node:crypto, which uses the CPU's SHA
 * instructions.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { sha3_256, sha3_384, sha3_512 } from '@noble/hashes/sha3.js';
import type { ByteSource } from './byte-source.js';

/**
 * The digest algorithms a HashFactory must provide. (Which are acceptable for a signature is the
 * algorithm policy's business, not this type's.) SHA-3 (FIPS 202) is met in CMS and XML
 * signatures and valid per ETSI TS 119 312; WebCrypto lacks it, so it is always hashed here.
 */
export type DigestAlgorithm = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512' | 'SHA3-256' | 'SHA3-384' | 'SHA3-512';

/** A running hash over data given in chunks. */
export interface IncrementalHash {
  /** Feeds the next chunk; the hash must not keep a reference to it (the caller reuses the buffer). */
  update(chunk: Uint8Array): void;
  /** The digest of everything fed so far; called once, after which the object is not used again. */
  digest(): Uint8Array;
  /** An independent hash in the same state (both go on separately), where the implementation can. */
  copy?(): IncrementalHash;
}

/**
 * Makes a new IncrementalHash for an algorithm. Inject a faster one (`nodeHashFactory` from
 * `kyso/node`, `createWasmHashFactory()` from `kyso/browser`); the default is portable JavaScript.
 */
export type HashFactory = (algorithm: DigestAlgorithm) => IncrementalHash;

const NOBLE = { 'SHA-1': sha1, 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512, 'SHA3-256': sha3_256, 'SHA3-384': sha3_384, 'SHA3-512': sha3_512 } as const;

/** The portable hash factory (pure JavaScript). */
export const portableHashFactory: HashFactory = (algorithm) => nobleHash(NOBLE[algorithm].create());

function nobleHash(h: ReturnType<(typeof NOBLE)[DigestAlgorithm]['create']>): IncrementalHash {
  return {
    update(chunk) {
      h.update(chunk);
    },
    digest() {
      return h.digest();
    },
    copy: () => nobleHash(h.clone()),
  };
}

/**
 * Chunk size for streaming reads: large enough that a 1 GB file costs a few hundred
 * reads (each a round trip through the file system's thread pool in Node), small enough
 * to keep memory flat. Measured on a 200 MB PDF: 1 MiB chunks spent a third of the
 * time waiting and collecting garbage; 4 MiB chunks into one reused buffer do not.
 */
export const HASH_CHUNK_BYTES = 4 << 20;

/** A byte range [offset, offset + length). */
export interface ByteRange {
  readonly offset: number;
  readonly length: number;
}

type ChunkVisitor = (offset: number, chunk: Uint8Array) => void;

/**
 * Visits the bytes of [offset, offset + length) in chunks whose ends fall on
 * HASH_CHUNK_BYTES boundaries of the file. A chunk is only valid during the visit (it
 * may be a reused buffer). Throws a RangeError when the range runs past the end.
 */
async function streamRange(source: ByteSource, range: ByteRange, visit: ChunkVisitor, buffer: Uint8Array | undefined): Promise<void> {
  let position = range.offset;
  const end = range.offset + range.length;
  while (position < end) {
    const alignedEnd = (Math.floor(position / HASH_CHUNK_BYTES) + 1) * HASH_CHUNK_BYTES;
    const length = Math.min(alignedEnd, end) - position;
    let chunk: Uint8Array;
    if (buffer && source.readInto) chunk = buffer.subarray(0, await source.readInto(position, buffer.subarray(0, length)));
    else chunk = await source.read(position, length);
    if (chunk.length === 0) throw new RangeError(`range ${range.offset}+${range.length} is beyond the end of the input`);
    visit(position, chunk);
    position += chunk.length;
  }
}

function streamingBuffer(source: ByteSource, ranges: readonly ByteRange[]): Uint8Array | undefined {
  if (!source.readInto) return undefined;
  const longest = ranges.reduce((n, r) => Math.max(n, r.length), 0);
  return new Uint8Array(Math.min(HASH_CHUNK_BYTES, Math.max(longest, 1)));
}

/**
 * The SHA-256 of a whole document, fed by the streaming passes that read it anyway: a
 * signature's /ByteRange covers all of a PDF but its /Contents, so hashing the ranges and
 * the small gap between them gives the document digest in the same read. Whatever no pass
 * read is read at the end by `finish`.
 */
export class WholeDocumentDigest {
  private position = 0;
  private digested = false;
  private hash: IncrementalHash;
  private result: Promise<Uint8Array> | undefined;

  constructor(
    private readonly source: ByteSource,
    hashFactory: HashFactory,
  ) {
    this.hash = hashFactory('SHA-256');
  }

  /** Where the digest needs its next byte. */
  get next(): number {
    return this.digested ? Number.POSITIVE_INFINITY : this.position;
  }

  /** Feeds a chunk read by another pass, if it is the next one the digest needs. */
  offer(offset: number, chunk: Uint8Array): void {
    if (this.digested || offset !== this.position || chunk.length === 0) return;
    this.hash.update(chunk);
    this.position += chunk.length;
  }

  /** True while the digest has hashed nothing: it may still adopt another pass's hash. */
  get fresh(): boolean {
    return !this.digested && this.position === 0;
  }

  /**
   * Continues from `hash`, which has hashed exactly the document's first `position`
   * bytes, when this digest has hashed nothing yet: a PDF signature's first range starts
   * at byte 0 and ends at its /Contents, nearly the whole of a big file, so those bytes
   * are hashed once, not once per digest. `hash` must not be used afterwards.
   */
  adopt(hash: IncrementalHash, position: number): void {
    if (!this.fresh) return;
    this.hash = hash;
    this.position = position;
  }

  /** Reads what no pass has read yet and returns the digest (computed once). */
  finish(): Promise<Uint8Array> {
    this.result ??= (async () => {
      const rest = { offset: this.position, length: this.source.size - this.position };
      await streamRange(this.source, rest, (offset, chunk) => this.offer(offset, chunk), streamingBuffer(this.source, [rest]));
      this.digested = true;
      return this.hash.digest();
    })();
    return this.result;
  }
}

/** A source whose streaming passes also feed the whole document's SHA-256. */
export interface DigestingSource extends ByteSource {
  readonly wholeDocument: WholeDocumentDigest;
}

/** Wraps a source so that hashRanges over it computes the document digest on the way. */
export function digestingSource(source: ByteSource, hashFactory: HashFactory): DigestingSource {
  const wrapped: { -readonly [K in keyof DigestingSource]: DigestingSource[K] } = {
    size: source.size,
    read: (offset, length) => source.read(offset, length),
    wholeDocument: new WholeDocumentDigest(source, hashFactory),
  };
  if (source.readInto) {
    const readInto = source.readInto.bind(source);
    wrapped.readInto = readInto;
  }
  return wrapped;
}

function wholeDocumentOf(source: ByteSource): WholeDocumentDigest | undefined {
  return (source as Partial<DigestingSource>).wholeDocument;
}

/** Hashes the given ranges of a source in order, reading in chunks. */
export async function hashRanges(
  source: ByteSource,
  ranges: readonly ByteRange[],
  algorithm: DigestAlgorithm,
  hashFactory: HashFactory = portableHashFactory,
): Promise<Uint8Array> {
  const hash = hashFactory(algorithm);
  const document = wholeDocumentOf(source);
  const buffer = streamingBuffer(source, ranges);
  // A SHA-256 pass from byte 0 and a document digest that has not started hash the same
  // bytes up to the end of the first range: hash them once, then the digest forks a copy.
  let forking = document !== undefined && algorithm === 'SHA-256' && ranges[0]?.offset === 0 && document.fresh && typeof hash.copy === 'function';
  const visit: ChunkVisitor = document
    ? (offset, chunk) => {
        hash.update(chunk);
        if (!forking) document.offer(offset, chunk);
      }
    : (_offset, chunk) => hash.update(chunk);
  let previousEnd: number | undefined;
  for (const range of ranges) {
    // The gap between two ranges (a PDF's /Contents) is read for the document digest only
    // when this pass brought the digest up to it; a digest that is behind or ahead waits
    // for a pass that reads its bytes anyway, so no byte is read twice for it.
    if (document && previousEnd !== undefined && document.next === previousEnd && previousEnd < range.offset) {
      const gap = { offset: previousEnd, length: range.offset - previousEnd };
      await streamRange(source, gap, (offset, chunk) => document.offer(offset, chunk), buffer);
    }
    await streamRange(source, range, visit, buffer);
    previousEnd = range.offset + range.length;
    if (forking) {
      forking = false;
      // Another pass may have fed the digest meanwhile (passes can overlap): it then keeps its own hash.
      if (document!.fresh) document!.adopt(hash.copy!(), previousEnd);
    }
  }
  return hash.digest();
}

export async function hashBytes(
  bytes: Uint8Array,
  algorithm: DigestAlgorithm,
  hashFactory: HashFactory = portableHashFactory,
): Promise<Uint8Array> {
  const hash = hashFactory(algorithm);
  hash.update(bytes);
  return hash.digest();
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
