import type { DigestAlgorithm } from '../io/hash.js';

export const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  countersignature: '1.2.840.113549.1.9.6',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  adbeRevocationInfoArchival: '1.2.840.113583.1.1.8',
  cmsAlgorithmProtection: '1.2.840.113549.1.9.52',
  ocspResponseRevocationInfo: '1.3.6.1.5.5.7.16.2',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha1: '1.2.840.10045.4.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  sha1WithRsa: '1.2.840.113549.1.1.5',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',
  // NIST sigAlgs arc (CSOR): RSASSA-PKCS1-v1_5 and ECDSA with SHA-3.
  rsaWithSha3_256: '2.16.840.1.101.3.4.3.14',
  rsaWithSha3_384: '2.16.840.1.101.3.4.3.15',
  rsaWithSha3_512: '2.16.840.1.101.3.4.3.16',
  ecdsaWithSha3_256: '2.16.840.1.101.3.4.3.10',
  ecdsaWithSha3_384: '2.16.840.1.101.3.4.3.11',
  ecdsaWithSha3_512: '2.16.840.1.101.3.4.3.12',
} as const;

/** Digest algorithms kyso knows by name but does not compute (broken, or not used by any signer it serves): named in messages. */
const UNSUPPORTED_DIGEST_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.113549.2.2': 'MD2',
  '1.2.840.113549.2.5': 'MD5',
  '1.3.36.3.2.1': 'RIPEMD-160',
  '2.16.840.1.101.3.4.2.4': 'SHA-224',
  '2.16.840.1.101.3.4.2.5': 'SHA-512/224',
  '2.16.840.1.101.3.4.2.6': 'SHA-512/256',
  '1.2.156.10197.1.401': 'SM3',
  '1.2.643.7.1.1.2.2': 'GOST R 34.11-2012 (256)',
};

/** A digest algorithm for a reader: its name and OID when kyso knows the name, else the OID. */
export function digestAlgorithmLabel(oid: string): string {
  const name = DIGEST_BY_OID[oid] ?? UNSUPPORTED_DIGEST_NAMES[oid];
  return name === undefined ? oid : `${name} (${oid})`;
}

export const DIGEST_BY_OID: Readonly<Record<string, DigestAlgorithm>> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
  '2.16.840.1.101.3.4.2.8': 'SHA3-256',
  '2.16.840.1.101.3.4.2.9': 'SHA3-384',
  '2.16.840.1.101.3.4.2.10': 'SHA3-512',
};
