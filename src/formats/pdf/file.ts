/**
 * Random access to the PDF bytes through a ByteSource, with a small block cache: the
 * reader jumps between the end of the file (trailers, cross-reference sections) and
 * the objects they point to, and touches each region a few times.
 */
import type { ByteSource } from '../../io/byte-source.js';
import { indexOfBytes, lastIndexOfBytes } from '../../io/byte-search.js';
import { streamBytes } from '../../io/hash.js';

const BLOCK_BYTES = 64 * 1024;
/** 64 blocks of 64 KiB: 4 MiB of cache whatever the file size. */
const MAX_CACHED_BLOCKS = 64;
/** The largest read of a long pattern search: the streaming chunk size of io/hash.ts. */
const LONG_SCAN_BYTES = 4 << 20;

export class PdfFile {
  private readonly blocks = new Map<number, Uint8Array>();
  /**
   * The buffer a long search reads into, lent to one search at a time: a fresh 4 MiB
   * array per read left ~40 MB for the collector on a 200 MB file.
   */
  private scratch: Uint8Array | undefined;
  /** The block used last (the newest in `blocks`): using it again needs no move to the end. */
  private newestBlock = -1;

  constructor(readonly source: ByteSource) {}

  get size(): number {
    return this.source.size;
  }

  /** Up to `length` bytes at `offset` (fewer at the end of the file). */
  async read(offset: number, length: number): Promise<Uint8Array> {
    const start = Math.max(0, Math.min(offset, this.size));
    const end = Math.max(start, Math.min(offset + length, this.size));
    if (end <= start) return new Uint8Array(0);
    if (end - start > BLOCK_BYTES * 4) return this.source.read(start, end - start);
    const firstBlock = Math.floor(start / BLOCK_BYTES);
    const lastBlock = Math.floor((end - 1) / BLOCK_BYTES);
    if (firstBlock === lastBlock) {
      const block = await this.block(firstBlock);
      return block.subarray(start - firstBlock * BLOCK_BYTES, end - firstBlock * BLOCK_BYTES);
    }
    const out = new Uint8Array(end - start);
    for (let index = firstBlock; index <= lastBlock; index++) {
      const block = await this.block(index);
      const blockStart = index * BLOCK_BYTES;
      const from = Math.max(start, blockStart) - blockStart;
      const to = Math.min(end, blockStart + block.length) - blockStart;
      if (to > from) out.set(block.subarray(from, to), blockStart + from - start);
    }
    return out;
  }

  /**
   * The bytes from `offset` to the end of its block (at most `length`), when that block is
   * cached: a window as long as a read costs nothing more (a view, no copy). Undefined otherwise.
   */
  cachedFrom(offset: number, length: number): Uint8Array | undefined {
    if (offset < 0 || offset >= this.size || length <= 0) return undefined;
    const index = Math.floor(offset / BLOCK_BYTES);
    const block = this.blocks.get(index);
    if (!block) return undefined;
    this.touch(index, block);
    const from = offset - index * BLOCK_BYTES;
    return block.subarray(from, Math.min(block.length, from + length));
  }

  /** Bytes from `offset` to the end of its block: how far a read at `offset` is one view of one block. */
  static blockRest(offset: number): number {
    return BLOCK_BYTES - (offset % BLOCK_BYTES);
  }

  private async block(index: number): Promise<Uint8Array> {
    const cached = this.blocks.get(index);
    if (cached) {
      this.touch(index, cached);
      return cached;
    }
    const bytes = await this.source.read(index * BLOCK_BYTES, BLOCK_BYTES);
    // A read of the same block that finished first keeps its place (Map.set keeps an existing key's).
    if (!this.blocks.has(index)) this.newestBlock = index;
    this.blocks.set(index, bytes);
    if (this.blocks.size > MAX_CACHED_BLOCKS) {
      const oldest = this.blocks.keys().next().value;
      if (oldest !== undefined) this.blocks.delete(oldest);
    }
    return bytes;
  }

  /** Moves a cached block to the end of the least-recently-used order (nothing to do for the newest). */
  private touch(index: number, block: Uint8Array): void {
    if (index === this.newestBlock) return;
    this.blocks.delete(index);
    this.blocks.set(index, block);
    this.newestBlock = index;
  }

  /**
   * The offset of the last occurrence of `pattern` that starts at or after `from`
   * and ends at or before `before`, or -1.
   */
  async findLast(pattern: string, before: number, from = 0): Promise<number> {
    const needle = asciiBytes(pattern);
    // Most searches end within a block of where they start; a long one (a scan for hidden
    // revision ends across a 200 MB file) grows its reads to 4 MiB, outside the block
    // cache, so that it costs a few dozen reads instead of thousands.
    let step = BLOCK_BYTES;
    let end = Math.min(before, this.size);
    const search: { buffer?: Uint8Array } = {};
    try {
      while (end - from >= needle.length) {
        const start = Math.max(from, end - step);
        step = Math.min(step * 2, LONG_SCAN_BYTES);
        const chunk = await this.scan(start, end - start, search);
        const found = lastIndexOf(chunk, needle);
        if (found >= 0) return start + found;
        if (start === from) break;
        // Overlap so a pattern split across chunks is still found.
        end = start + needle.length - 1;
      }
      return -1;
    } finally {
      this.done(search);
    }
  }

  /**
   * A long read of a search, into the search's own buffer (taken at its first long read,
   * the file's scratch buffer unless another search holds it); valid until the next one.
   */
  private async scan(offset: number, length: number, search: { buffer?: Uint8Array }): Promise<Uint8Array> {
    if (length <= BLOCK_BYTES * 4 || length > LONG_SCAN_BYTES || !this.source.readInto) return this.read(offset, length);
    if (!search.buffer) {
      search.buffer = this.scratch ?? new Uint8Array(LONG_SCAN_BYTES);
      this.scratch = undefined;
    }
    const target = search.buffer.subarray(0, length);
    return target.subarray(0, await this.source.readInto(offset, target));
  }

  private done(search: { buffer?: Uint8Array }): void {
    if (search.buffer) this.scratch = search.buffer;
  }

  /**
   * The offsets of the last `keep` occurrences of `pattern` that lie wholly in [from, to),
   * ascending. The range is read forward in one streaming pass (io/hash.ts streamBytes),
   * so that on a large file the whole-document digest is taken from the same read and the
   * bytes are not read again to hash them.
   */
  async findAll(pattern: string, from: number, to: number, keep: number): Promise<number[]> {
    const needle = asciiBytes(pattern);
    const start = Math.max(0, from);
    const end = Math.min(to, this.size);
    const found: number[] = [];
    if (end - start < needle.length || keep <= 0) return found;
    let lastNoted = -1;
    const note = (offset: number) => {
      // A chunk shorter than the pattern leaves an occurrence in two successive carries.
      if (offset <= lastNoted) return;
      lastNoted = offset;
      found.push(offset);
      // Trimmed in batches: a file made of nothing but the pattern stays linear in its size.
      if (found.length >= keep * 2) found.splice(0, found.length - keep);
    };
    // The last bytes of the previous chunk, so that an occurrence split across two is found.
    let carry = new Uint8Array(0);
    await streamBytes(this.source, { offset: start, length: end - start }, (offset, chunk) => {
      if (carry.length > 0) {
        const joined = new Uint8Array(carry.length + Math.min(chunk.length, needle.length - 1));
        joined.set(carry);
        joined.set(chunk.subarray(0, joined.length - carry.length), carry.length);
        for (let i = indexOf(joined, needle, 0); i >= 0 && i < carry.length; i = indexOf(joined, needle, i + 1)) note(offset - carry.length + i);
      }
      for (let i = indexOf(chunk, needle, 0); i >= 0; i = indexOf(chunk, needle, i + 1)) note(offset + i);
      const keepBytes = needle.length - 1;
      if (chunk.length >= keepBytes) carry = chunk.slice(chunk.length - keepBytes);
      else {
        const longer = new Uint8Array(carry.length + chunk.length);
        longer.set(carry);
        longer.set(chunk, carry.length);
        carry = longer.slice(Math.max(0, longer.length - keepBytes));
      }
    });
    return found.slice(-keep);
  }

  /** The offset of the first occurrence of `pattern` in [from, to), or -1. */
  async findFirst(pattern: string, from: number, to: number): Promise<number> {
    const needle = asciiBytes(pattern);
    const limit = Math.min(to, this.size);
    let start = Math.max(0, from);
    let step = BLOCK_BYTES;
    const search: { buffer?: Uint8Array } = {};
    try {
      while (limit - start >= needle.length) {
        const end = Math.min(limit, start + step);
        step = Math.min(step * 2, LONG_SCAN_BYTES);
        const chunk = await this.scan(start, end - start, search);
        const found = indexOf(chunk, needle, 0);
        if (found >= 0) return start + found;
        if (end === limit) break;
        start = end - needle.length + 1;
      }
      return -1;
    } finally {
      this.done(search);
    }
  }
}

export function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

export function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  return indexOfBytes(haystack, needle, from);
}

export function lastIndexOf(haystack: Uint8Array, needle: Uint8Array): number {
  return lastIndexOfBytes(haystack, needle);
}
