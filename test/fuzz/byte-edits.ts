// The byte-level edits every fuzz target shares (flip, set, insert, delete, truncate, and a
// copy of a piece elsewhere); each target adds the structure-aware edits of its format.
import fc from 'fast-check';

export type ByteEdit =
  | { kind: 'xor' | 'set' | 'insert'; at: number; value: number }
  | { kind: 'delete' | 'truncate'; at: number }
  | { kind: 'splice'; from: number; length: number; at: number };

export const byteEdits: fc.Arbitrary<ByteEdit>[] = [
  fc.record({ kind: fc.constantFrom('xor' as const, 'set' as const, 'insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constantFrom('delete' as const, 'truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('splice' as const), from: fc.nat(), length: fc.integer({ min: 1, max: 400 }), at: fc.nat() }),
];

/** `input` with one byte edit applied (positions wrap around the current length). */
export function applyByteEdit(input: Uint8Array, e: ByteEdit): Uint8Array {
  const size = Math.max(input.length, 1);
  if (e.kind === 'splice') {
    const piece = input.slice(e.from % size, (e.from % size) + e.length);
    const at = e.at % size;
    return Uint8Array.from([...input.subarray(0, at), ...piece, ...input.subarray(at)]);
  }
  const at = e.at % size;
  if (e.kind === 'xor' || e.kind === 'set') {
    const out = Uint8Array.from(input);
    out[at] = e.kind === 'xor' ? (out[at] ?? 0) ^ (e.value || 1) : e.value;
    return out;
  }
  if (e.kind === 'insert') return Uint8Array.from([...input.subarray(0, at), e.value, ...input.subarray(at)]);
  if (e.kind === 'delete') return Uint8Array.from([...input.subarray(0, at), ...input.subarray(at + 1)]);
  return input.subarray(0, at);
}
