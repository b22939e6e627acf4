/**
 * Checks a CMS signature value with a certificate's key. The verification itself is
 * pki's (one planner for certificates, CRLs, OCSP and documents: RSASSA-PKCS1-v1_5,
 * RSASSA-PSS, ECDSA P-256/384/521, Ed25519; unsound RSA keys refused). What is CMS's own
 * is the naming: SignerInfos often name only the key algorithm (rsaEncryption,
 * id-ecPublicKey) and leave the hash to digestAlgorithm.
 */
import type { DigestAlgorithm } from '../io/hash.js';
import type { AlgorithmIdentifier, ParsedCertificate } from '../pki/certificate.js';
import { oversizedKeyText, SignatureVerifier } from '../pki/signature.js';
import { OID } from './oids.js';
import type { CmsAlgorithm } from './signed-data.js';

export type SignatureCheck =
  | { readonly outcome: 'valid' | 'invalid'; readonly algorithm: string; readonly digestInfoWithoutNull?: true }
  | {
      readonly outcome: 'unsupported';
      readonly algorithm: string;
      /** The signer's RSA key, refused for its size (oversizedKeyText), when that is why. */
      readonly refusedKey?: string;
    };

const RSA_WITH: Readonly<Record<DigestAlgorithm, string>> = {
  'SHA-1': OID.sha1WithRsa,
  'SHA-256': OID.sha256WithRsa,
  'SHA-384': OID.sha384WithRsa,
  'SHA-512': OID.sha512WithRsa,
  'SHA3-256': OID.rsaWithSha3_256,
  'SHA3-384': OID.rsaWithSha3_384,
  'SHA3-512': OID.rsaWithSha3_512,
};

const ECDSA_WITH: Readonly<Record<DigestAlgorithm, string>> = {
  'SHA-1': OID.ecdsaWithSha1,
  'SHA-256': OID.ecdsaWithSha256,
  'SHA-384': OID.ecdsaWithSha384,
  'SHA-512': OID.ecdsaWithSha512,
  'SHA3-256': OID.ecdsaWithSha3_256,
  'SHA3-384': OID.ecdsaWithSha3_384,
  'SHA3-512': OID.ecdsaWithSha3_512,
};

/** Keys of people who sign many documents stay imported; bounded, since it lives across documents. */
const verifier = new SignatureVerifier(1024);

/** The signature algorithm as a full AlgorithmIdentifier, the hash filled in from digestAlgorithm where CMS leaves it there. */
function fullAlgorithm(signatureAlgorithm: CmsAlgorithm, digest: DigestAlgorithm | undefined): AlgorithmIdentifier | undefined {
  let oid = signatureAlgorithm.oid;
  if (oid === OID.rsaEncryption || oid === OID.ecPublicKey) {
    if (!digest) return undefined;
    oid = oid === OID.rsaEncryption ? RSA_WITH[digest] : ECDSA_WITH[digest];
  }
  const params = oid === signatureAlgorithm.oid ? signatureAlgorithm.params?.der : undefined;
  // pki reads only `oid` and `params`; `der` is informational.
  return { oid, ...(params ? { params } : {}), der: new Uint8Array(0) };
}

/**
 * Verifies `signature` over `data` with the certificate's key. `digest` is used when the
 * signature algorithm does not name a hash itself (CMS's bare rsaEncryption).
 */
export async function checkSignatureValue(
  certificate: ParsedCertificate,
  signatureAlgorithm: CmsAlgorithm,
  digest: DigestAlgorithm | undefined,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<SignatureCheck> {
  const algorithm = fullAlgorithm(signatureAlgorithm, digest);
  if (!algorithm) return { outcome: 'unsupported', algorithm: `${signatureAlgorithm.oid} without a digest` };
  // RFC 8017 allows both readings of the DigestInfo; real signers omit the NULL (reported by the caller).
  const check = await verifier.verify(data, signature, algorithm, certificate.spki, certificate.spkiAlgorithm, { allowDigestInfoWithoutNull: true });
  const name = check.scheme ?? signatureAlgorithm.oid;
  if (check.ok) return { outcome: 'valid', algorithm: name, ...(check.digestInfoWithoutNull ? { digestInfoWithoutNull: true as const } : {}) };
  if (check.reason !== 'unsupported') return { outcome: 'invalid', algorithm: name };
  return { outcome: 'unsupported', algorithm: name, ...(check.oversized ? { refusedKey: oversizedKeyText(check.oversized) } : {}) };
}

