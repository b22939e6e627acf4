/**
 * What a signature covers, as an ordered level:
 * unclear < contiguous-block < entire-revision < entire-file.
 *
 * Checked, in order (the first failure decides):
 * - /ByteRange is a direct array of exactly four integers [0 a b c] with 0 < a < b,
 *   c > 0, and b + c within the file (else `unclear`);
 * - the signature dictionary is stored directly in the file (not in an object
 *   stream), and the gap [a, b) is exactly its hex /Contents string, delimiters
 *   included (else `unclear`: signature wrapping moves /Contents elsewhere);
 * - the dictionary was not replaced or removed in a later revision (else `unclear`);
 * - the gap does not overlap another signature's gap (else `unclear`);
 * - b + c is the end of a revision (after `%%EOF`, with or without its EOL), the
 *   dictionary belongs to that revision, and every byte after it is a valid
 *   incremental update (else `contiguous-block`, which is a failure);
 * - then `entire-file` when b + c is the file size, else `entire-revision`.
 *
 * Every level below `entire-revision` sets `formatFailure`. Not checked here: what
 * the later revisions changed (modifications.ts).
 */
import type { ByteRange } from '../../io/hash.js';
import type { Message } from '../../report/messages.js';
import type { CoverageLevel } from '../../report/types.js';
import { PDF_MESSAGES } from './messages.js';
import type { FoundSignature } from './signatures.js';
import type { PdfStructure } from './xref.js';

export interface CoverageResult {
  readonly level: CoverageLevel;
  /** The /ByteRange as found (numbers only). */
  readonly byteRange?: readonly number[];
  /** The revision signed (1-based), when established. */
  readonly revision?: number;
  /** The two signed ranges, when the /ByteRange is well-formed and inside the file. */
  readonly ranges?: readonly ByteRange[];
  /** The /Contents gap, when the /ByteRange is well-formed. */
  readonly gap?: { readonly start: number; readonly end: number };
  readonly formatFailure: boolean;
  readonly messages: readonly Message[];
}

/** The /ByteRange numbers and gap, when well-formed (used before coverage to check overlaps). */
export function byteRangeOf(signature: FoundSignature): { numbers: number[]; wellFormed: boolean } {
  const value = signature.dict.entries.get('ByteRange');
  if (value?.kind !== 'array') return { numbers: [], wellFormed: false };
  const numbers = value.items.flatMap((item) => (item.kind === 'number' ? [item.value] : []));
  const wellFormed =
    value.items.length === 4 &&
    value.items.every((item) => item.kind === 'number' && item.integer && Number.isSafeInteger(item.value) && item.value >= 0) &&
    numbers[0] === 0 &&
    numbers[1]! > 0 &&
    numbers[2]! > numbers[1]! &&
    numbers[3]! > 0;
  return { numbers, wellFormed };
}

export function assessCoverage(
  signature: FoundSignature,
  structure: PdfStructure,
  fileSize: number,
  others: readonly { readonly name: string; readonly start: number; readonly end: number }[],
): CoverageResult {
  const field = signature.fieldName;
  const messages: Message[] = [];
  const value = signature.dict.entries.get('ByteRange');
  const unclear = (message: Message, extra: Partial<CoverageResult> = {}): CoverageResult => ({
    level: 'unclear',
    ...extra,
    formatFailure: true,
    messages: [...messages, message],
  });
  if (value === undefined) return unclear(PDF_MESSAGES.PDF_BYTERANGE_MISSING({ field }));
  const { numbers, wellFormed } = byteRangeOf(signature);
  const byteRange = numbers.length > 0 ? { byteRange: numbers } : {};
  if (!wellFormed) {
    return unclear(PDF_MESSAGES.PDF_BYTERANGE_MALFORMED({ field, byteRange: describe(value.kind === 'array' ? numbers : []) }), byteRange);
  }
  const [, a, b, c] = numbers as [number, number, number, number];
  const end = b + c;
  if (end > fileSize) return unclear(PDF_MESSAGES.PDF_BYTERANGE_BEYOND_FILE({ field, end, size: fileSize }), byteRange);
  const ranges: ByteRange[] = [
    { offset: 0, length: a },
    { offset: b, length: c },
  ];
  const gap = { start: a, end: b };
  const known = { ...byteRange, ranges, gap };
  if (signature.location.kind !== 'file') return unclear(PDF_MESSAGES.PDF_SIGNATURE_IN_OBJECT_STREAM({ field }), known);
  const contents = signature.dict.entries.get('Contents');
  if (contents?.kind !== 'string' || !contents.hex) return unclear(PDF_MESSAGES.PDF_CONTENTS_MISSING({ field }), known);
  if (contents.start !== a || contents.end !== b) {
    return unclear(
      PDF_MESSAGES.PDF_BYTERANGE_GAP_MISMATCH({ field, gapStart: a, gapEnd: b, contentsStart: contents.start, contentsEnd: contents.end }),
      known,
    );
  }
  if (signature.overriddenIn !== undefined) {
    return unclear(PDF_MESSAGES.PDF_SIGNATURE_OVERRIDDEN({ field, revision: signature.overriddenIn }), known);
  }
  if (signature.removedIn !== undefined) {
    return unclear(PDF_MESSAGES.PDF_SIGNATURE_REMOVED({ field }), known);
  }
  const overlapping = others.find((other) => other.start < b && a < other.end);
  if (overlapping) return unclear(PDF_MESSAGES.PDF_BYTERANGE_OVERLAP({ field, other: overlapping.name }), known);

  const block = (message: Message, revision?: number): CoverageResult => ({
    level: 'contiguous-block',
    ...known,
    ...(revision !== undefined ? { revision } : {}),
    formatFailure: true,
    messages: [...messages, message],
  });
  const revisions = structure.revisions;
  const last = revisions[revisions.length - 1];
  if (end === fileSize && last) {
    // Every byte of the file is signed, whatever its structure: the signer signed exactly this.
    if (signature.firstRevision > last.number) {
      return unclear(PDF_MESSAGES.PDF_SIGNATURE_NOT_IN_SIGNED_REVISION({ field, revision: last.number }), { ...known, revision: last.number });
    }
    return { level: 'entire-file', ...known, revision: last.number, formatFailure: false, messages };
  }
  if (structure.recovered) return block(PDF_MESSAGES.PDF_COVERAGE_RECOVERED_STRUCTURE({ field }));
  const signed = revisions.find((revision) => !revision.unterminated && (revision.end === end || revision.eofEnd === end));
  if (!signed) return block(PDF_MESSAGES.PDF_COVERAGE_NOT_REVISION_END({ field, end }));
  if (signed.recovered) return block(PDF_MESSAGES.PDF_COVERAGE_RECOVERED_STRUCTURE({ field }));
  if (signature.firstRevision > signed.number) {
    return unclear(PDF_MESSAGES.PDF_SIGNATURE_NOT_IN_SIGNED_REVISION({ field, revision: signed.number }), { ...known, revision: signed.number });
  }
  const trailingInvalid = structure.trailing !== undefined && !structure.trailing.inert;
  if (trailingInvalid) return block(PDF_MESSAGES.PDF_COVERAGE_INVALID_UPDATES({ field }), signed.number);
  return { level: 'entire-revision', ...known, revision: signed.number, formatFailure: false, messages };
}

function describe(numbers: readonly number[]): string {
  return `[${numbers.join(' ')}]`;
}
