/**
 * Random-access bytes. The core reads documents through this interface so that a
 * large file is never loaded whole: a Uint8Array in browsers, a file handle in Node.
 */
export interface ByteSource {
  /**
   * The total length in bytes, fixed for the source's life (a file that changes while it is read
   * gives undefined results).
   */
  readonly size: number;
  /**
   * Reads `length` bytes at `offset`. Reading past the end returns the bytes that
   * exist (a shorter array), never throws for that.
   */
  read(offset: number, length: number): Promise<Uint8Array>;
  /**
   * Optional: fills `target` with the bytes at `offset` and resolves to how many were
   * written (fewer at the end). Sources that must copy anyway (a file handle) offer it so
   * that streaming passes reuse one buffer instead of allocating a new one per chunk.
   */
  readInto?(offset: number, target: Uint8Array): Promise<number>;
}

/** A ByteSource over bytes already in memory (no copy). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    async read(offset: number, length: number): Promise<Uint8Array> {
      const start = Math.max(0, Math.min(offset, bytes.length));
      const end = Math.max(start, Math.min(offset + length, bytes.length));
      return bytes.subarray(start, end);
    },
  };
}

/** Reads a whole source (for inputs bounded by a limit, e.g. a CMS or an XML document). */
export async function readAll(source: ByteSource): Promise<Uint8Array> {
  return source.read(0, source.size);
}
