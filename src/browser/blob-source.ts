/**
 * A ByteSource over a Blob (a File the user picked or dropped): the browser reads only the
 * slices asked for, so a 100 MB PDF is never copied whole into the JavaScript heap.
 */
import type { ByteSource } from '../io/byte-source.js';

/**
 * A ByteSource over a Blob or File, read slice by slice: pass it to `verify()` for a file the user
 * picked, without loading it whole. The Blob must not change while it is verified.
 */
export function blobSource(blob: Blob): ByteSource {
  const size = blob.size;
  return {
    size,
    async read(offset: number, length: number): Promise<Uint8Array> {
      const start = Math.max(0, Math.min(offset, size));
      const end = Math.max(start, Math.min(offset + length, size));
      if (end === start) return new Uint8Array(0);
      return new Uint8Array(await blob.slice(start, end).arrayBuffer());
    },
  };
}
