/**
 * The shapes `kyso verify --format json` and `--format jsonl` write, for programs that
 * read the CLI's output (or store it) in TypeScript:
 *
 * ```ts
 * for (const text of output.split('\n').filter(Boolean)) {
 *   const line = JSON.parse(text) as CliJsonlLine;
 *   if (line.record === 'summary') console.log(line.total, line.failed);
 *   else console.log(line.path, line.indication);
 * }
 * ```
 */
import type { DocumentReport } from './types.js';

/** Fields every record of a run carries. */
export interface CliRunInfo {
  /** The kyso version that wrote the record. */
  readonly kyso: string;
  /** The time the documents were validated for (`--at`, else the time of the run), ISO-8601. */
  readonly validationTime: string;
}

/** One document of a run: its report, and the file it came from. */
export interface CliDocumentEntry extends DocumentReport {
  /** The file as named on the command line or found in a folder. */
  readonly path: string;
}

/** `--format json`: one document for the whole run. */
export interface CliJsonOutput extends CliRunInfo {
  /** In input order. */
  readonly documents: readonly CliDocumentEntry[];
  /** Counts over the run. */
  readonly summary?: CliRunCounts;
}

/** Counts over a run: every file given or found is in exactly one of them. */
export interface CliRunCounts {
  /** Documents reported. */
  readonly total: number;
  /** Documents whose indication is TOTAL_PASSED. */
  readonly passed: number;
  /** Documents whose indication is TOTAL_FAILED. */
  readonly failed: number;
  /** Documents whose indication is INDETERMINATE. */
  readonly indeterminate: number;
  /** Documents with no signature (NO_SIGNATURE). */
  readonly unsigned: number;
  /** Files found in folders and left out because they are not documents. */
  readonly skipped?: number;
  /** Files that could not be read (I/O errors). */
  readonly errors?: number;
}

/** `--format jsonl`: one line per document, in input order. */
export interface CliJsonlDocumentLine extends CliRunInfo, CliDocumentEntry {
  /** Absent or `document`: tell document lines from the summary by `record === 'summary'`. */
  readonly record?: 'document';
}

/** `--format jsonl`: the last line of a run, with the counts. */
export interface CliJsonlSummaryLine extends CliRunInfo, CliRunCounts {
  readonly record: 'summary';
}

/** Any line of `--format jsonl` output: narrow on `record`. */
export type CliJsonlLine = CliJsonlDocumentLine | CliJsonlSummaryLine;
