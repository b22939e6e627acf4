/** Node-only byte sources and hashing: a file handle read in chunks, node:crypto hashes. */
import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { ByteSource } from './byte-source.js';
import type { HashFactory, IncrementalHash } from './hash.js';

const NODE_NAMES = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512', 'SHA3-256': 'sha3-256', 'SHA3-384': 'sha3-384', 'SHA3-512': 'sha3-512' } as const;

/** node:crypto hashing, which uses the CPU's SHA instructions. */
export const nodeHashFactory: HashFactory = (algorithm) => nodeHash(createHash(NODE_NAMES[algorithm]));

function nodeHash(hash: Hash): IncrementalHash {
  return {
    update(chunk) {
      hash.update(chunk);
    },
    digest() {
      return new Uint8Array(hash.digest());
    },
    copy: () => nodeHash(hash.copy()),
  };
}

/** A ByteSource over an open file; close it when done (it holds a file descriptor). */
export interface FileSource extends ByteSource {
  /** Closes the file; the source must not be read afterwards. */
  close(): Promise<void>;
}

/** A ByteSource over an open file: memory stays flat however large the file. */
export async function openFileSource(path: string): Promise<FileSource> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  async function readInto(offset: number, target: Uint8Array): Promise<number> {
    const start = Math.max(0, Math.min(offset, size));
    const wanted = Math.max(0, Math.min(target.length, size - start));
    let filled = 0;
    while (filled < wanted) {
      const { bytesRead } = await handle.read(target, filled, wanted - filled, start + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled;
  }
  return {
    size,
    async read(offset: number, length: number): Promise<Uint8Array> {
      const start = Math.max(0, Math.min(offset, size));
      const buffer = new Uint8Array(Math.max(0, Math.min(length, size - start)));
      return buffer.subarray(0, await readInto(start, buffer));
    },
    readInto,
    close: () => handle.close(),
  };
}
