/**
 * Incremental hashing, injected: the core stays browser-compatible (it falls back to
 * @noble/hashes), while Node injects node:crypto, which uses the CPU's SHA
 * instructions.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import type { ByteSource } from './byte-source.js';

export type DigestAlgorithm = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface IncrementalHash {
  update(chunk: Uint8Array): void;
  digest(): Uint8Array;
}

export type HashFactory = (algorithm: DigestAlgorithm) => IncrementalHash;

const NOBLE = { 'SHA-1': sha1, 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 } as const;

/** The portable hash factory (pure JavaScript). */
export const portableHashFactory: HashFactory = (algorithm) => {
  const h = NOBLE[algorithm].create();
  return {
    update(chunk) {
      h.update(chunk);
    },
    digest() {
      return h.digest();
    },
  };
};

/** Chunk size for streaming reads: large enough to amortise calls, small enough to keep memory flat. */
export const HASH_CHUNK_BYTES = 1 << 20;

/** A byte range [offset, offset + length). */
export interface ByteRange {
  readonly offset: number;
  readonly length: number;
}

/** Hashes the given ranges of a source in order, reading in chunks. */
export async function hashRanges(
  source: ByteSource,
  ranges: readonly ByteRange[],
  algorithm: DigestAlgorithm,
  hashFactory: HashFactory = portableHashFactory,
): Promise<Uint8Array> {
  const hash = hashFactory(algorithm);
  for (const range of ranges) {
    let position = range.offset;
    const end = range.offset + range.length;
    while (position < end) {
      const chunk = await source.read(position, Math.min(HASH_CHUNK_BYTES, end - position));
      if (chunk.length === 0) throw new RangeError(`range ${range.offset}+${range.length} is beyond the end of the input`);
      hash.update(chunk);
      position += chunk.length;
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
