/**
 * Searching bytes for a short pattern (a PDF keyword) over long stretches of a file, and
 * decoding long runs of hex digits (a signature's /Contents). Where
 * the platform has a native search — Node's Buffer, found at run time so that the core
 * stays browser-safe — long haystacks use it: on a 200 MB PDF the scan for hidden revision
 * ends cost 59 ms with a first-byte search driven from JavaScript and ~10 ms natively.
 * Short haystacks stay in JavaScript, where a call costs less than making the Buffer view.
 */
import { searchInPlace } from './in-place-search.js';

interface NativeBytes {
  indexOf(needle: Uint8Array, byteOffset: number): number;
  lastIndexOf(needle: Uint8Array, byteOffset: number): number;
  latin1Slice(start: number, end: number): string;
}
interface NativeBufferClass {
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): NativeBytes;
  from(text: string, encoding: 'hex'): Uint8Array;
}

const NativeBuffer = (globalThis as unknown as { Buffer?: NativeBufferClass }).Buffer;
/** Below this many bytes to search, the JavaScript loop is as fast as the native call. */
const NATIVE_FROM_BYTES = 4096;
/** Streaming chunks are megabytes; shorter haystacks are not worth the lookup of their memory. */
const IN_PLACE_FROM_BYTES = 65_536;

function nativeView(haystack: Uint8Array): NativeBytes | undefined {
  if (!NativeBuffer || haystack.length < NATIVE_FROM_BYTES) return undefined;
  return NativeBuffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength);
}

/** The first index ≥ `from` where `needle` (non-empty) starts in `haystack`, or -1. */
export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  const start = Math.max(0, from);
  if (haystack.length - start < needle.length) return -1;
  if (haystack.length - start >= IN_PLACE_FROM_BYTES) {
    const found = searchInPlace(haystack, needle, start);
    if (found !== undefined) return found;
  }
  const native = haystack.length - start >= NATIVE_FROM_BYTES ? nativeView(haystack) : undefined;
  if (native) return native.indexOf(needle, start);
  const first = needle[0]!;
  outer: for (let i = haystack.indexOf(first, start); i >= 0 && i <= haystack.length - needle.length; i = haystack.indexOf(first, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/** The last index where `needle` (non-empty) starts and ends within `haystack`, or -1. */
export function lastIndexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  const last = haystack.length - needle.length;
  if (last < 0) return -1;
  const native = nativeView(haystack);
  if (native) return native.lastIndexOf(needle, last);
  const first = needle[0]!;
  outer: for (let i = haystack.lastIndexOf(first, last); i >= 0; i = i > 0 ? haystack.lastIndexOf(first, i - 1) : -1) {
    for (let k = 1; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/** Below this many digits, the caller's JavaScript loop decodes as fast as the native call. */
const NATIVE_HEX_FROM_DIGITS = 256;

/**
 * The bytes of the hex digits `bytes[from..to)`, decoded natively (Node's Buffer), when the
 * run is long, even and holds nothing but hex digits; undefined otherwise (no native
 * decoder, a short or odd run, whitespace or another character in it), for the caller's
 * own loop to decode or reject. A PDF signature's /Contents is thousands of digits: a fresh
 * process decoded one in ~2 ms in JavaScript, in a few microseconds natively.
 */
export function decodeHexRun(bytes: Uint8Array, from: number, to: number): Uint8Array | undefined {
  const digits = to - from;
  if (!NativeBuffer || digits < NATIVE_HEX_FROM_DIGITS || (digits & 1) !== 0) return undefined;
  const text = NativeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).latin1Slice(from, to);
  // Node's hex decoding stops at the first pair that is not two hex digits: a full length means every character was one.
  const decoded = NativeBuffer.from(text, 'hex');
  return decoded.length * 2 === digits ? decoded : undefined;
}
