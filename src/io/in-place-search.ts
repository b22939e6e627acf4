/**
 * Buffers that can be searched where they are. A streaming pass that reads a file into
 * these (the PDF reader's scan for revision ends) has each chunk searched by a small
 * WebAssembly module over the same memory (pair-search.wat): no copy, and ~3× faster than
 * Node's Buffer.indexOf on data where the needle's first byte is common (compressed
 * streams). Where WebAssembly cannot run (no WebAssembly, a Content Security Policy
 * without 'wasm-unsafe-eval', an address-space limit), the buffers are plain and every
 * search takes the usual path: the answers are the same either way.
 */
import { PAIR_SEARCH_MODULE } from './pair-search-module.js';

/** The needle is copied to the start of the memory, before the buffers. */
const NEEDLE_BYTES = 64;
const PAGE_BYTES = 65_536;

type Find = (from: number, end: number, needle: number, length: number) => number;

interface SearchableMemory {
  readonly find: Find;
  readonly needle: Uint8Array;
}

/** Keyed by the memory's ArrayBuffer, which stays the same: the memory never grows. */
const MEMORIES = new WeakMap<ArrayBufferLike, SearchableMemory>();

let compiled: WebAssembly.Module | null | undefined;

function pairSearchModule(): WebAssembly.Module | undefined {
  if (compiled === undefined) {
    try {
      compiled = typeof WebAssembly === 'object' ? new WebAssembly.Module(PAIR_SEARCH_MODULE) : null;
    } catch {
      compiled = null; // e.g. a Content Security Policy that forbids compiling WebAssembly
    }
  }
  return compiled ?? undefined;
}

/**
 * `count` buffers of `size` bytes each, searchable in place, or undefined where WebAssembly
 * cannot run here: then the caller allocates plain buffers.
 */
export function searchableBuffers(count: number, size: number): Uint8Array[] | undefined {
  const module = pairSearchModule();
  if (!module) return undefined;
  try {
    const memory = new WebAssembly.Memory({ initial: Math.ceil((NEEDLE_BYTES + count * size) / PAGE_BYTES) });
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    const bytes = new Uint8Array(memory.buffer);
    MEMORIES.set(memory.buffer, { find: instance.exports['find'] as Find, needle: bytes.subarray(0, NEEDLE_BYTES) });
    return Array.from({ length: count }, (_, k) => bytes.subarray(NEEDLE_BYTES + k * size, NEEDLE_BYTES + (k + 1) * size));
  } catch {
    return undefined; // no address space left for another memory: plain buffers serve
  }
}

/**
 * The first index ≥ `from` (≥ 0) where `needle` starts in `haystack`, or -1, when
 * `haystack` lies in buffers from searchableBuffers; undefined for any other haystack, or a
 * needle this search does not take (shorter than 2 or longer than 64 bytes).
 */
export function searchInPlace(haystack: Uint8Array, needle: Uint8Array, from: number): number | undefined {
  const memory = MEMORIES.get(haystack.buffer);
  if (!memory || needle.length < 2 || needle.length > NEEDLE_BYTES || haystack.byteOffset < NEEDLE_BYTES) return undefined;
  memory.needle.set(needle);
  const found = memory.find(haystack.byteOffset + from, haystack.byteOffset + haystack.length, 0, needle.length);
  return found < 0 ? -1 : found - haystack.byteOffset;
}
