import type { RoleRule } from '../pki/describe.js';
import type { AnchorConstraintMode, PathResult, RevocationData, RevocationFetcher, RevocationMode, ValidatePathInput } from '../pki/types.js';
import type { AlgorithmPolicy } from './algorithm-policy.js';

/** Everything a signature is judged against, fixed once per verify() call. */
export interface ValidationContext {
  readonly anchors: readonly Uint8Array[];
  /** How each anchor's own certificate counts (from the trust store's name-and-key anchors). */
  readonly anchorConstraints: (anchor: { readonly sha256: string }) => AnchorConstraintMode;
  /** CA certificates offered for path building (never anchors). */
  readonly intermediates: readonly Uint8Array[];
  /** SHA-256 fingerprints of the store's certificates (anchors and CAs): pinned, so their own algorithms are not judged. */
  readonly pinned: ReadonlySet<string>;
  readonly at: Date;
  readonly supplied: RevocationData;
  readonly revocationMode: RevocationMode;
  readonly fetcher?: RevocationFetcher;
  readonly algorithmPolicy: AlgorithmPolicy;
  readonly roleRule: RoleRule;
  readonly validatePath: (input: ValidatePathInput) => Promise<PathResult>;
}
