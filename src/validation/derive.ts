/**
 * The one place where an indication is derived from a signature's separate facts.
 * Order follows ETSI EN 319 102-1 §5.3 (basic signature validation): format, then
 * identification of the signing certificate, then cryptographic verification, then
 * X.509 validation and constraints. A TOTAL_FAILED fact outranks an INDETERMINATE one
 * whatever the order, so a forged signature is never reported as merely uncertain.
 */
import type { SignerIdentification } from '../cms/types.js';
import type { PathStatus } from '../pki/types.js';
import type { MainIndication, SubIndication } from '../report/indications.js';
import type { Check, ModificationLevel } from '../report/types.js';

export interface SignatureFacts {
  /** The structure around the signature could be read and what it covers is clear. */
  readonly wellFormed: boolean;
  readonly intact: Check;
  readonly valid: Check;
  readonly unknownReason?: 'no-content' | 'unsupported-algorithm';
  readonly signerIdentification: SignerIdentification;
  /** Changes after signing, for formats that have later revisions. */
  readonly modifications?: ModificationLevel;
  /** Path validation (after any past-time re-validation); undefined when not attempted. */
  readonly path?: { readonly status: PathStatus; readonly subIndication?: SubIndication };
  /** A verified timestamp proves the signature existed before its certificate was issued (EN 319 102-1 §5.6.2.4: FAILED/NOT_YET_VALID). */
  readonly signedBeforeCertificate?: boolean;
  /** The document's profile could not confirm the signer is the party it must be (ParsedSignature.signerUnconfirmed). */
  readonly signerUnconfirmed?: boolean;
  /** Algorithm policy at the best signature time. */
  readonly algorithms: 'acceptable' | 'expired-no-poe' | 'unacceptable';
}

export interface Verdict {
  readonly indication: MainIndication;
  readonly subIndication?: SubIndication;
}

export function deriveIndication(facts: SignatureFacts): Verdict {
  if (!facts.wellFormed) return { indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' };
  if (facts.intact === 'failed') return { indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' };
  if (facts.valid === 'failed') return { indication: 'TOTAL_FAILED', subIndication: 'SIG_CRYPTO_FAILURE' };
  // pyHanko and EU DSS treat unexplained changes after signing as a format failure of the signed document.
  if (facts.modifications === 'other') return { indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' };
  if (facts.signedBeforeCertificate) return { indication: 'TOTAL_FAILED', subIndication: 'NOT_YET_VALID' };
  if (facts.path?.status === 'revoked') return { indication: 'TOTAL_FAILED', subIndication: 'REVOKED' };

  if (facts.signerIdentification !== 'found') return { indication: 'INDETERMINATE', subIndication: 'NO_SIGNING_CERTIFICATE_FOUND' };
  if (facts.unknownReason === 'no-content') return { indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' };
  if (facts.unknownReason === 'unsupported-algorithm') return { indication: 'INDETERMINATE', subIndication: 'CRYPTO_CONSTRAINTS_FAILURE' };
  if (facts.intact !== 'passed' || facts.valid !== 'passed') return { indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' };
  if (!facts.path) return { indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' };
  if (facts.path.status !== 'valid') {
    const sub = facts.path.subIndication ?? 'CERTIFICATE_CHAIN_GENERAL_FAILURE';
    if (sub === 'REVOKED' || sub === 'FORMAT_FAILURE' || sub === 'HASH_FAILURE' || sub === 'SIG_CRYPTO_FAILURE' || sub === 'EXPIRED' || sub === 'NOT_YET_VALID') {
      return { indication: 'TOTAL_FAILED', subIndication: sub };
    }
    return { indication: 'INDETERMINATE', subIndication: sub };
  }
  if (facts.algorithms === 'unacceptable') return { indication: 'INDETERMINATE', subIndication: 'CRYPTO_CONSTRAINTS_FAILURE' };
  if (facts.algorithms === 'expired-no-poe') return { indication: 'INDETERMINATE', subIndication: 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE' };
  if (facts.signerUnconfirmed) return { indication: 'INDETERMINATE', subIndication: 'SIG_CONSTRAINTS_FAILURE' };
  return { indication: 'TOTAL_PASSED' };
}
