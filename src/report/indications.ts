/**
 * ETSI EN 319 102-1 (v1.4.1, clause 5.1.3, table 5) main indications and
 * sub-indications, the vocabulary EU DSS uses, so auditors and other tools read
 * kyso's verdicts without a glossary.
 */

export type MainIndication = 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';

/** A document with no signature at all is neither passed nor failed. */
export type DocumentIndication = MainIndication | 'NO_SIGNATURE';

/** Sub-indications that go with TOTAL_FAILED. */
export type FailedSubIndication =
  | 'FORMAT_FAILURE'
  | 'HASH_FAILURE'
  | 'SIG_CRYPTO_FAILURE'
  | 'REVOKED'
  | 'EXPIRED'
  | 'NOT_YET_VALID';

/** Sub-indications that go with INDETERMINATE. */
export type IndeterminateSubIndication =
  | 'SIG_CONSTRAINTS_FAILURE'
  | 'CHAIN_CONSTRAINTS_FAILURE'
  | 'CERTIFICATE_CHAIN_GENERAL_FAILURE'
  | 'CRYPTO_CONSTRAINTS_FAILURE'
  | 'POLICY_PROCESSING_ERROR'
  | 'SIGNATURE_POLICY_NOT_AVAILABLE'
  | 'TIMESTAMP_ORDER_FAILURE'
  | 'NO_SIGNING_CERTIFICATE_FOUND'
  | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'REVOKED_NO_POE'
  | 'REVOKED_CA_NO_POE'
  | 'OUT_OF_BOUNDS_NO_POE'
  | 'OUT_OF_BOUNDS_NOT_REVOKED'
  | 'REVOCATION_OUT_OF_BOUNDS_NO_POE'
  | 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE'
  | 'NO_POE'
  | 'TRY_LATER'
  | 'SIGNED_DATA_NOT_FOUND'
  | 'CUSTOM';

/** Why an indication is not TOTAL_PASSED (ETSI EN 319 102-1 table 5). */
export type SubIndication = FailedSubIndication | IndeterminateSubIndication;

/** Every sub-indication that goes with TOTAL_FAILED. */
export const FAILED_SUB_INDICATIONS: readonly FailedSubIndication[] = [
  'FORMAT_FAILURE',
  'HASH_FAILURE',
  'SIG_CRYPTO_FAILURE',
  'REVOKED',
  'EXPIRED',
  'NOT_YET_VALID',
];

/** Every sub-indication that goes with INDETERMINATE. */
export const INDETERMINATE_SUB_INDICATIONS: readonly IndeterminateSubIndication[] = [
  'SIG_CONSTRAINTS_FAILURE',
  'CHAIN_CONSTRAINTS_FAILURE',
  'CERTIFICATE_CHAIN_GENERAL_FAILURE',
  'CRYPTO_CONSTRAINTS_FAILURE',
  'POLICY_PROCESSING_ERROR',
  'SIGNATURE_POLICY_NOT_AVAILABLE',
  'TIMESTAMP_ORDER_FAILURE',
  'NO_SIGNING_CERTIFICATE_FOUND',
  'NO_CERTIFICATE_CHAIN_FOUND',
  'REVOKED_NO_POE',
  'REVOKED_CA_NO_POE',
  'OUT_OF_BOUNDS_NO_POE',
  'OUT_OF_BOUNDS_NOT_REVOKED',
  'REVOCATION_OUT_OF_BOUNDS_NO_POE',
  'CRYPTO_CONSTRAINTS_FAILURE_NO_POE',
  'NO_POE',
  'TRY_LATER',
  'SIGNED_DATA_NOT_FOUND',
  'CUSTOM',
];

/** The main indication a sub-indication belongs to. */
export function mainIndicationOf(sub: SubIndication): Exclude<MainIndication, 'TOTAL_PASSED'> {
  return (FAILED_SUB_INDICATIONS as readonly string[]).includes(sub) ? 'TOTAL_FAILED' : 'INDETERMINATE';
}

const SEVERITY: Record<DocumentIndication, number> = {
  TOTAL_PASSED: 0,
  NO_SIGNATURE: 1,
  INDETERMINATE: 2,
  TOTAL_FAILED: 3,
};

/** The worse of two indications: TOTAL_FAILED > INDETERMINATE > NO_SIGNATURE > TOTAL_PASSED. */
export function worseIndication<T extends DocumentIndication>(a: T, b: T): T {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}
