/**
 * What the integrity layer (CMS here, XMLDSig in formats/xml) finds out about one
 * signature, before any question of trust: is the signed content intact, does the
 * signature value verify, which certificate signed it, what it claims about time,
 * and what evidence it carries (certificates, revocation data, timestamps).
 */
import type { DigestAlgorithm } from '../io/hash.js';
import type { RevocationData } from '../pki/types.js';
import type { Check } from '../report/types.js';
import type { Message } from '../report/messages.js';

/**
 * How the signer's certificate was identified.
 * - `found`: exactly one certificate matches the signer identifier (and the signed
 *   signingCertificate attribute, when present).
 * - `not-found`: no certificate matches the identifier.
 * - `mismatch`: a certificate matches the identifier but not the signed
 *   signingCertificate(V2) digest (a substituted certificate).
 * - `ambiguous`: several different certificates match the identifier and verify the
 *   signature (same issuer, serial and key), and nothing signed says which one signed:
 *   kyso will not pick one, since the choice decides who is reported as the signer.
 */
export type SignerIdentification = 'found' | 'not-found' | 'mismatch' | 'ambiguous';

/** Which ESS attribute binds the signer certificate inside the signed attributes. */
export type CertificateBinding = 'signing-certificate-v1' | 'signing-certificate-v2' | 'none';

export interface IntegrityResult {
  /** The document structure around the signature could be read (false → FORMAT_FAILURE). */
  readonly wellFormed: boolean;
  /** The digest over the signed content matches the one signed. */
  readonly intact: Check;
  /** The signature value verifies with the signer's public key. */
  readonly valid: Check;
  readonly signerIdentification: SignerIdentification;
  readonly certificateBinding: CertificateBinding;
  /** DER of the signer's certificate, when identified (also for `mismatch`). */
  readonly signerCertificate?: Uint8Array;
  /** Every certificate the signature carries (DER). */
  readonly certificates: readonly Uint8Array[];
  /** Revocation data the signature carries (CMS RevocationInfoChoices, adbe-revocationInfoArchival, XAdES values). */
  readonly revocation: RevocationData;
  readonly digestAlgorithm?: DigestAlgorithm;
  /**
   * The hash that binds the document to what the signature signs, where it is not
   * digestAlgorithm: adbe.pkcs7.sha1 signs the SHA-1 of the byte ranges, a document
   * timestamp the imprint's hash. Judged by the algorithm policy as the signature's own.
   */
  readonly bindingDigestAlgorithm?: DigestAlgorithm;
  /** Readable names, e.g. `RSASSA-PKCS1-v1_5 SHA-256`, `ECDSA P-256 SHA-256`, `RSA-PSS SHA-256`. */
  readonly signatureAlgorithm?: string;
  /** The signed signingTime (or XAdES SigningTime): a claim, not proof. */
  readonly claimedSigningTime?: Date;
  /**
   * SHA-256 (upper-case hex) of the bytes the signature value is computed over: a SignerInfo's DER
   * signed attributes (the content when it has none), an XML signature's canonical SignedInfo.
   * Absent when those bytes could not be had.
   */
  readonly signedBytesSha256?: string;
  /** RFC 3161 timestamps over the signature value. */
  readonly timestamps: readonly TimestampIntegrity[];
  /**
   * Why `intact` or `valid` is `unknown`: the signed content was not available, or an
   * algorithm is not supported. Absent when both checks were made.
   */
  readonly unknownReason?: 'no-content' | 'unsupported-algorithm';
  readonly messages: readonly Message[];
  /**
   * CAdES counter-signatures of this SignerInfo (unsigned attribute countersignature,
   * RFC 5652 §11.4), each verified over this signature value, in the order stored.
   */
  readonly counterSignatures?: readonly IntegrityResult[];
}

/** One RFC 3161 timestamp token, checked as a signature in its own right. */
export interface TimestampIntegrity {
  readonly kind: 'signature' | 'document' | 'content';
  /** genTime from TSTInfo (undefined when unreadable). */
  readonly genTime?: Date;
  /** The messageImprint equals the hash of what the timestamp should cover. */
  readonly imprintMatches: Check;
  /**
   * The messageImprint's hash: kyso's name for it, 'unsupported' when kyso cannot compute it
   * (then nothing proves what the token covers), absent when the TSTInfo could not be read.
   */
  readonly imprintAlgorithm?: DigestAlgorithm | 'unsupported';
  /** The token's own SignedData: intact = TSTInfo digest, valid = TSA signature. */
  readonly token: IntegrityResult;
  readonly messages: readonly Message[];
}

/**
 * What a timestamp proves about the data it stands for: intact only when its imprint was
 * computed and matched (and the token's own digest holds). An imprint kyso cannot compute
 * proves nothing: such a token must not pass, nor lend its time to a signature.
 */
export function imprintIntegrity(timestamp: TimestampIntegrity): Pick<IntegrityResult, 'intact' | 'unknownReason'> {
  if (timestamp.imprintMatches === 'failed') return { intact: 'failed' };
  if (timestamp.imprintMatches === 'passed') return { intact: timestamp.token.intact, ...(timestamp.token.unknownReason ? { unknownReason: timestamp.token.unknownReason } : {}) };
  return { intact: 'unknown', ...(timestamp.imprintAlgorithm === 'unsupported' ? { unknownReason: 'unsupported-algorithm' as const } : timestamp.token.unknownReason ? { unknownReason: timestamp.token.unknownReason } : {}) };
}

/** The imprint's hash when kyso computed it (a name it knows), for the algorithm policy. */
export function computedImprintAlgorithm(timestamp: TimestampIntegrity): DigestAlgorithm | undefined {
  return timestamp.imprintAlgorithm === 'unsupported' ? undefined : timestamp.imprintAlgorithm;
}

/** The integrity result of a signature whose structure could not be read: nothing was checked. */
export function unreadableIntegrity(messages: readonly Message[]): IntegrityResult {
  return {
    wellFormed: false,
    intact: 'unknown',
    valid: 'unknown',
    signerIdentification: 'not-found',
    certificateBinding: 'none',
    certificates: [],
    revocation: {},
    timestamps: [],
    messages,
  };
}
