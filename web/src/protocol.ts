/** Messages between the page and its verification worker. Files travel as File objects (no copy). */
import type { DocumentReport } from '../../src/browser.js';

export type RevocationMode = 'if-available' | 'require' | 'off';

export interface BatchOptions {
  /** ISO-8601 validation time; absent = now (taken once for the whole batch). */
  readonly at?: string;
  readonly trustFiles: readonly File[];
  readonly noDefaultTrust: boolean;
  readonly revocationFiles: readonly File[];
  readonly revocationMode: RevocationMode;
  /** Fetch CRLs, OCSP and missing issuers over the network (the user's explicit choice). */
  readonly online: boolean;
  /** Passwords for encrypted PDFs, one a line as typed (VerifyOptions.passwords). */
  readonly passwords: readonly string[];
}

export type ToWorker = { readonly type: 'verify'; readonly batch: number; readonly files: readonly File[]; readonly options: BatchOptions };

export interface SetupProblem {
  readonly file: string;
  /** `trust`: not a certificate (detail says why); `revocation`: neither a CRL nor an OCSP response. */
  readonly what: 'trust' | 'revocation';
  readonly detail?: string;
}

export type FromWorker =
  | { readonly type: 'ready'; readonly bundledAnchors: number; readonly bundledIntermediates: number }
  | {
      readonly type: 'batch-start';
      readonly batch: number;
      readonly validationTime: string;
      /** Documents in input order; detached contents paired with their .p7s are not listed. */
      readonly documents: readonly { readonly name: string; readonly content?: string; readonly size: number }[];
      readonly problems: readonly SetupProblem[];
    }
  | { readonly type: 'progress'; readonly batch: number; readonly index: number; readonly read: number; readonly size: number }
  | { readonly type: 'result'; readonly batch: number; readonly index: number; readonly report: DocumentReport; readonly ms: number }
  | { readonly type: 'failure'; readonly batch: number; readonly index: number; readonly message: string }
  | { readonly type: 'batch-done'; readonly batch: number }
  | { readonly type: 'batch-error'; readonly batch: number; readonly message: string };
