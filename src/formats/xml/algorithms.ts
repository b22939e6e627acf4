/**
 * XMLDSig algorithm identifiers kyso verifies (RFC 3275, RFC 6931). Everything not
 * listed here (HMAC, DSA, MD5, SHA-224, GOST ...) is reported as unsupported and never
 * passed.
 */
import type { DigestAlgorithm } from '../../io/hash.js';

export const DIGEST_BY_URI: Readonly<Record<string, DigestAlgorithm>> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'SHA-1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'SHA-256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'SHA-384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'SHA-512',
  // RFC 6931 §2.1.5.
  'http://www.w3.org/2007/05/xmldsig-more#sha3-256': 'SHA3-256',
  'http://www.w3.org/2007/05/xmldsig-more#sha3-384': 'SHA3-384',
  'http://www.w3.org/2007/05/xmldsig-more#sha3-512': 'SHA3-512',
};

export interface SignatureMethod {
  readonly key: 'RSA' | 'EC';
  readonly padding: 'pkcs1' | 'pss' | 'ecdsa';
  readonly hash: DigestAlgorithm;
  /** RSA-PSS salt length in bytes; the hash length when absent. */
  readonly saltLength?: number;
}

/** RFC 6931 §2.3.10 RSASSA-PSS with explicit parameters (RSAPSSParams). */
export const RSA_PSS_WITH_PARAMETERS = 'http://www.w3.org/2007/05/xmldsig-more#rsa-pss';
export const PSS_NAMESPACE = 'http://www.w3.org/2007/05/xmldsig-more#';
export const MGF1_URI = 'http://www.w3.org/2007/05/xmldsig-more#MGF1';

const DIGEST_BYTES: Readonly<Record<DigestAlgorithm, number>> = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64, 'SHA3-256': 32, 'SHA3-384': 48, 'SHA3-512': 64 };

export function digestLength(hash: DigestAlgorithm): number {
  return DIGEST_BYTES[hash];
}

/**
 * The weakest of the hashes a signature relies on (SHA-1 < SHA-256 < SHA-384 <
 * SHA-512): a signature is only as strong as its weakest digest, so this is the one
 * the algorithm policy must judge.
 */
export function weakestDigest(hashes: readonly (DigestAlgorithm | undefined)[]): DigestAlgorithm | undefined {
  let weakest: DigestAlgorithm | undefined;
  for (const hash of hashes) {
    if (hash !== undefined && (weakest === undefined || DIGEST_BYTES[hash] < DIGEST_BYTES[weakest])) weakest = hash;
  }
  return weakest;
}

export const SIGNATURE_BY_URI: Readonly<Record<string, SignatureMethod>> = {
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': { key: 'RSA', padding: 'pkcs1', hash: 'SHA-1' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': { key: 'RSA', padding: 'pkcs1', hash: 'SHA-256' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384': { key: 'RSA', padding: 'pkcs1', hash: 'SHA-384' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': { key: 'RSA', padding: 'pkcs1', hash: 'SHA-512' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1': { key: 'EC', padding: 'ecdsa', hash: 'SHA-1' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': { key: 'EC', padding: 'ecdsa', hash: 'SHA-256' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384': { key: 'EC', padding: 'ecdsa', hash: 'SHA-384' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512': { key: 'EC', padding: 'ecdsa', hash: 'SHA-512' },
  // RFC 6931 §2.3.10: MGF1 with the same hash, salt length = hash length, trailer 0xBC.
  'http://www.w3.org/2007/05/xmldsig-more#sha1-rsa-MGF1': { key: 'RSA', padding: 'pss', hash: 'SHA-1' },
  'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1': { key: 'RSA', padding: 'pss', hash: 'SHA-256' },
  'http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1': { key: 'RSA', padding: 'pss', hash: 'SHA-384' },
  'http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1': { key: 'RSA', padding: 'pss', hash: 'SHA-512' },
};

export const TRANSFORM = {
  enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  base64: 'http://www.w3.org/2000/09/xmldsig#base64',
} as const;

/** XAdES: the Type a reference to SignedProperties carries. */
export const SIGNED_PROPERTIES_TYPE = 'http://uri.etsi.org/01903#SignedProperties';
