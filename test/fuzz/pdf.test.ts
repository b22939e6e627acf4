/**
 * Fuzz target for the PDF reader (src/formats/pdf/: cross-reference sections, objects and object
 * streams, decryption, signature fields, ByteRange, DSS and the change analysis between revisions):
 * mutants of pdfsig-, openssl- and qpdf-made samples, edited byte by byte and token by token (numbers
 * in xref tables, /Length, /ByteRange and object references are where readers break).
 *
 * Properties, for every mutant:
 * - parsePdf resolves (no exception escapes: a bad document is a report, never a throw);
 * - the report is plain data of the declared shape (format `pdf`, messages with a code);
 * - memory stays bounded: the run uses small inflate and object limits, so a mutant that would
 *   decompress or enumerate without bound is refused by a limit, and a limit message says so.
 * A hang shows up as the test's timeout (no timed assertion here: time is measured in bench/).
 */
import fc from 'fast-check';
import { applyByteEdit, byteEdits, type ByteEdit } from './byte-edits.js';
import { describe, expect, test } from 'vitest';
import { parse, sample } from '../formats/pdf/helpers.js';
import { fuzzParameters } from './runs.js';

const SEEDS = [
  sample('person-then-organization.pdf'),
  sample('dss-after-signing.pdf'),
  sample('document-timestamp.pdf'),
  sample('certified-p1-then-annotated.pdf'),
  sample('encrypted-aes-256-signed.pdf'),
  sample('encrypted-rc4-128-signed.pdf'),
];

/** Small bounds: a mutant must hit them instead of growing memory (defaults are for real archives). */
const LIMITS = { maxInflatedBytes: 1 << 20, maxPdfObjects: 20_000 } as const;

type Edit =
  | ByteEdit
  | { kind: 'number'; pick: number; value: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  ...byteEdits,
  fc.record({
    kind: fc.constant('number' as const),
    pick: fc.nat(),
    value: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 2 ** 31 }), fc.constantFrom(-1, 0, 2 ** 53, 999999999999)),
  }),
);

const latin1 = new TextDecoder('latin1');

function applyEdits(input: Uint8Array, edits: readonly Edit[]): Uint8Array {
  let out: Uint8Array = Uint8Array.from(input);
  for (const e of edits) {
    if (e.kind === 'number') {
      // Replace the pick-th run of digits: offsets, lengths, object numbers, ByteRange values.
      const text = latin1.decode(out);
      const runs = [...text.matchAll(/\d+/g)];
      if (runs.length === 0) continue;
      const run = runs[e.pick % runs.length]!;
      const replacement = Uint8Array.from(String(e.value), (c) => c.charCodeAt(0));
      out = Uint8Array.from([...out.subarray(0, run.index), ...replacement, ...out.subarray(run.index + run[0].length)]);
    } else {
      out = applyByteEdit(out, e);
    }
  }
  return out;
}

describe('PDF reader under mutated input', () => {
  test('every mutant of a signed sample is a report, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: SEEDS.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 6 }), async (seed, edits) => {
        const bytes = applyEdits(SEEDS[seed]!, edits);
        const document = await parse(bytes, LIMITS);
        expect(document.format).toBe('pdf');
        for (const message of document.messages) expect(message.code).toMatch(/^[A-Z0-9_]+$/);
        for (const signature of document.signatures) expect(signature.messages).toBeInstanceOf(Array);
      }),
      fuzzParameters,
    );
  }, 600_000);

  test('random bytes behind a PDF header and trailer keywords are a report, never an exception', async () => {
    const keyword = fc.constantFrom('xref\n', 'trailer\n<< /Size 3 /Root 1 0 R >>\n', 'startxref\n', '%%EOF\n', ' 0 obj\n', 'endobj\n', 'stream\n', 'endstream\n', '<< /Type /XRef /W [1 4 2] >>', '/Prev 0 ');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(keyword, fc.string({ maxLength: 40 })), { maxLength: 40 }), async (parts) => {
        const text = `%PDF-1.7\n${parts.join('')}`;
        const document = await parse(Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff), LIMITS);
        expect(document.format).toBe('pdf');
      }),
      fuzzParameters,
    );
  }, 600_000);
});
