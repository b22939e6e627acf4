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
  /** The same time as a Vietnamese reader writes it: `dd/mm/yyyy HH:mm`, Vietnam time (UTC+7). */
  readonly validationTimeVietnam?: string;
}

/** One document of a run: its report, and the file it came from. */
export interface CliDocumentEntry extends DocumentReport {
  /** The file as named on the command line or found in a folder. */
  readonly path: string;
}

/** A file that could not be read: it is reported in its place, and the run's exit code is 3. */
export interface CliErrorEntry {
  /** The file as named on the command line or found in a folder. */
  readonly path: string;
  /** For a detached signature: the content file it was to be verified with (the one that failed to open, when the error is about it). */
  readonly content?: string;
  /** The OS error. */
  readonly error: {
    /** The error code: `EACCES`, `ENOENT`, `EMFILE`… */
    readonly code: string;
    /** The OS's text, naming the file that failed. */
    readonly message: string;
  };
}

/** A file found in a folder and not verified, and why. */
export interface CliSkippedFile {
  /** The file as found in the folder walk. */
  readonly path: string;
  /**
   * Why it was left out: a hidden file or folder (name starting with `.`), `--exclude`d, not
   * matching `--include`, a symbolic-link loop, a second path to a file already seen, not a
   * regular file, or beyond the depth limit.
   */
  readonly reason: 'hidden' | 'excluded' | 'not-included' | 'symlink-loop' | 'duplicate' | 'not-a-file' | 'too-deep';
  /** For a duplicate (a second path to a file already seen): the path it was verified under. */
  readonly sameAs?: string;
}

/** `--format json`: one document for the whole run. */
export interface CliJsonOutput extends CliRunInfo {
  /** In input order; a file that could not be read is a CliErrorEntry (narrow on `'error' in entry`). */
  readonly documents: readonly (CliDocumentEntry | CliErrorEntry)[];
  /** Counts over the run. */
  readonly summary?: CliRunSummary;
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

/** What `kyso verify` says at the end of a run: the counts, the skipped files by name, how the run ended. */
export interface CliRunSummary extends CliRunCounts {
  /** The skipped files by name, with the reason. */
  readonly skippedFiles?: readonly CliSkippedFile[];
  /** True when the run was stopped (Ctrl-C) before every file was verified. */
  readonly interrupted?: boolean;
  /** The run's exit code: 0 all passed, 1 a failure, 2 indeterminate or unsigned, 3 a file could not be read, 130 interrupted. */
  readonly exitCode?: number;
}

/** `--format jsonl`: one line per document, in input order. */
export interface CliJsonlDocumentLine extends CliRunInfo, CliDocumentEntry {
  /** Absent or `document`: tell document lines from the summary by `record === 'summary'`. */
  readonly record?: 'document';
}

/** `--format jsonl`: the last line of a run, with the counts. */
export interface CliJsonlSummaryLine extends CliRunInfo, CliRunSummary {
  /** Marks the summary line. */
  readonly record: 'summary';
}

/** `--format jsonl`: a file that could not be read, in its place among the documents. */
export interface CliJsonlErrorLine extends CliRunInfo, CliErrorEntry {
  /** Marks an error line. */
  readonly record: 'error';
}

/** Any line of `--format jsonl` output: narrow on `record`. */
export type CliJsonlLine = CliJsonlDocumentLine | CliJsonlErrorLine | CliJsonlSummaryLine;
