/**
 * Genuine signed PDFs that differ only in file structure (samples/pdf/variety, made by
 * samples/make-pdf-variety.sh; samples/README.md "PDF in every structural form"): the base document
 * rewritten by qpdf, mutool clean, pdftocairo and Ghostscript, or laid out anew (line ends, bytes
 * after %%EOF, generations above 0 with a free list, a Word-style hybrid-reference file, a startxref
 * a few bytes off, junk before %PDF-), then signed
 * by pdfsig once and twice. pdfsig says "Signature is Valid" for every signature of every file (the
 * script checks it), so each must be TOTAL_PASSED with the test root as trust. The exceptions are
 * the updates made after signing by another tool, judged here by kyso's change policy: a new
 * document information dictionary is allowed, a sticky note under an approval signature is not.
 * A folder run of the CLI must say the same.
 */
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport, SignatureReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { run } from '../cli/run.js';
import { AT, sample, SAMPLES } from '../helpers.js';

const DIR = 'pdf/variety/';

interface Row {
  readonly document: string;
  /** Per signature, in file order: verdict and the level of the changes made after it. */
  readonly signatures: readonly (readonly [verdict: string, changes: string])[];
}

const PASSED = 'TOTAL_PASSED';
const ONCE: Row = { document: PASSED, signatures: [[PASSED, 'none']] };
// The first signature is followed by the second, in the field that was already there.
const TWICE: Row = { document: PASSED, signatures: [[PASSED, 'form-filling'], [PASSED, 'none']] };

/** Bases pdfsig signs once (NAME-signed.pdf) and twice (NAME-signed-twice.pdf). */
const BASES = [
  'qpdf-rewrite',
  'qpdf-object-streams',
  'qpdf-linearized',
  'qpdf-linearized-object-streams',
  'qpdf-qdf',
  'qpdf-uncompressed',
  'qpdf-newline-before-endstream',
  'qpdf-pdf-1.3',
  'qpdf-pdf-2.0',
  'mutool-clean',
  'mutool-generations',
  'mutool-updated-object-streams',
  'mutool-compressed',
  'mutool-ascii-hex',
  'mutool-linearized',
  'pdftocairo',
  'ghostscript',
  'layout-crlf',
  'layout-cr',
  'layout-trailing-junk',
  'layout-generations',
  'layout-hybrid',
  // pdfsig drops the junk before %PDF- (and the writer's startxref was off): the first revision's
  // cross-reference data is broken under sound updates, and kyso rebuilds that revision only.
  'layout-startxref-off',
  'layout-leading-junk',
];

const EXPECTED: Readonly<Record<string, Row>> = {
  ...Object.fromEntries(BASES.flatMap((base) => [[`${base}-signed.pdf`, ONCE], [`${base}-signed-twice.pdf`, TWICE]])),
  // The junk before %PDF- kept, the /ByteRange counting from the file's first byte (openssl signed).
  'layout-leading-junk-kept-signed.pdf': ONCE,
  // White space and NULs, or a repeated %%EOF comment, after the signed file: outside every revision, no change.
  'qpdf-object-streams-signed-then-padded.pdf': ONCE,
  'layout-crlf-signed-twice-then-eof-comment.pdf': TWICE,
  // mupdf's incremental save of a new /Info: document metadata, the level of LTV updates (as pyHanko's DocInfoRule).
  'qpdf-rewrite-signed-then-mutool-info.pdf': { document: PASSED, signatures: [[PASSED, 'ltv']] },
  'pdftocairo-signed-then-mutool-info.pdf': { document: PASSED, signatures: [[PASSED, 'ltv']] },
  'qpdf-object-streams-signed-twice-then-mutool-info.pdf': { document: PASSED, signatures: [[PASSED, 'form-filling'], [PASSED, 'ltv']] },
  // A sticky note after an approval signature: without DocMDP kyso allows what P=2 allows, not annotations.
  // pdfsig only says "Not total document signed".
  'qpdf-rewrite-signed-then-mutool-note.pdf': {
    document: 'TOTAL_FAILED/FORMAT_FAILURE',
    signatures: [['TOTAL_FAILED/FORMAT_FAILURE', 'other']],
  },
};

function verdict(holder: DocumentReport | SignatureReport | { indication: string; subIndication?: string }): string {
  return holder.subIndication ? `${holder.indication}/${holder.subIndication}` : holder.indication;
}

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

describe('genuine signed PDFs in every structural form (samples/pdf/variety)', () => {
  it('every committed file has a row, and every row a file', () => {
    expect(readdirSync(SAMPLES + DIR).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, row] of Object.entries(EXPECTED)) {
    it(`${name}: ${row.document}`, async () => {
      const report = await verify(sample(DIR + name), { trust, at: AT });
      expect(report.format).toBe('pdf');
      expect({
        document: verdict(report),
        signatures: report.signatures.map((signature) => [verdict(signature), signature.modifications?.level]),
      }).toEqual({ document: row.document, signatures: row.signatures });
    });
  }

  it("the hybrid-reference file's first revision, read without its /XRefStm, lists free objects as fields: no invalid field tree", async () => {
    const report = await verify(sample(DIR + 'layout-hybrid-signed-twice.pdf'), { trust, at: AT });
    expect(report.messages.filter((message) => message.severity !== 'info').map((message) => message.code)).toEqual([]);
  });

  it('a folder run of the CLI gives every file the same verdicts', async () => {
    const { stdout } = await run([
      'verify',
      SAMPLES + DIR,
      '--trust',
      SAMPLES + 'pki/kyso-test-root.pem',
      '--no-default-trust',
      '--at',
      AT.toISOString(),
      '--format',
      'jsonl',
      '--jobs',
      '1',
      '--no-progress',
    ]);
    const rows = stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { path?: string; indication: string; subIndication?: string; signatures?: { indication: string; subIndication?: string }[] })
      .filter((entry) => entry.path !== undefined);
    const seen = Object.fromEntries(rows.map((entry) => [entry.path!.split('/').pop()!, [verdict(entry), ...(entry.signatures ?? []).map(verdict)]]));
    const expected = Object.fromEntries(Object.entries(EXPECTED).map(([name, row]) => [name, [row.document, ...row.signatures.map(([v]) => v)]]));
    expect(seen).toEqual(expected);
  });
});
