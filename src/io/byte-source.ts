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
  const source: ByteSource = {
    size: bytes.length,
    async read(offset: number, length: number): Promise<Uint8Array> {
      return readNow(bytes, offset, length);
    },
  };
  IN_MEMORY.set(source.read, bytes);
  return source;
}

/** What bytesSource's `read(offset, length)` resolves to, without the promise. */
export function readNow(bytes: Uint8Array, offset: number, length: number): Uint8Array {
  const start = Math.max(0, Math.min(offset, bytes.length));
  const end = Math.max(start, Math.min(offset + length, bytes.length));
  return bytes.subarray(start, end);
}

/**
 * The bytes behind a `read` function that answers exactly as bytesSource's over them (its
 * own, or a wrapper that only passes calls on, registered with sameBytes). Keyed by the
 * function, not the source object: a wrapper that copies `read` onto an object of its own
 * (a file read whole) keeps it. Streaming passes (io/hash.ts) read such sources without a
 * promise per chunk.
 */
const IN_MEMORY = new WeakMap<ByteSource['read'], Uint8Array>();

/** The bytes a source reads from memory, when its `read` is bytesSource's (or passes calls to one); undefined otherwise. */
export function inMemoryBytes(source: ByteSource): Uint8Array | undefined {
  return IN_MEMORY.get(source.read);
}

/** Registers `read`, which passes every call on to `from`'s read unchanged, as reading the same bytes. */
export function sameBytes(read: ByteSource['read'], from: ByteSource): void {
  const bytes = inMemoryBytes(from);
  if (bytes !== undefined) IN_MEMORY.set(read, bytes);
}

/** Reads a whole source (for inputs bounded by a limit, e.g. a CMS or an XML document). */
export async function readAll(source: ByteSource): Promise<Uint8Array> {
  return source.read(0, source.size);
}
