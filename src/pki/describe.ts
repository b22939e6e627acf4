/**
 * Turns a DER certificate into the plain facts a report shows: names, serial,
 * validity, fingerprint, key, and the typed Vietnamese identifiers in the subject.
 */
import { decodeCertificateWithHash } from './certificate.js';
import { certificateFingerprint } from './fingerprint.js';
import { describePublicKey } from './signature.js';
import type { DistinguishedName } from './names.js';
import { attributeText, displayText } from './names.js';
import type { CertificateInfo, Identifier, IdentifierType, SignerRole } from '../report/types.js';

const ATTRIBUTE_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.5': 'serialNumber',
  '2.5.4.97': 'organizationIdentifier',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

const SIGNATURE_ALGORITHM_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.10040.4.3': 'dsa-with-SHA1',
};


const TYPED_ID = /^\s*(CMND|CCCD|HC|MST|MNS)\s*[:=]\s*(.+?)\s*$/i;

/**
 * Typed identifiers from UID, organizationIdentifier and serialNumber: `CCCD:0010...`,
 * `MST:0101234567`; a bare value is kept as OTHER.
 */
export function identifiersOf(name: DistinguishedName): Identifier[] {
  const out: Identifier[] = [];
  for (const tv of name.rdns.flat()) {
    const attribute = ATTRIBUTE_NAMES[tv.type];
    if (attribute !== 'UID' && attribute !== 'organizationIdentifier' && attribute !== 'serialNumber') continue;
    // Shown in reports and matched against documents' codes: never with control characters.
    const raw = displayText(tv.text ?? '');
    const typed = TYPED_ID.exec(raw);
    if (typed) {
      out.push({ type: typed[1]!.toUpperCase() as IdentifierType, value: typed[2]!, attribute });
    } else if (raw) {
      out.push({ type: 'OTHER', value: raw, attribute });
    }
  }
  return out;
}

/**
 * Decree 30 roles from the identifiers. The default rule follows the Vietnamese CAs' practice:
 * CMND/CCCD/HC identify persons, MST/MNS organisations. Callers may pass their own.
 */
export type RoleRule = (identifiers: readonly Identifier[], certificate: CertificateInfo) => SignerRole;

/**
 * Decree 30 role from a signer's identifiers: `person` for a personal ID (CMND, CCCD) or passport
 * (HC) alone, `organization` for a tax code (MST) or budget-unit code (MNS) alone, `unknown` when
 * the certificate carries both kinds or neither.
 */
export const defaultRoleRule: RoleRule = (identifiers) => {
  const person = identifiers.some((id) => id.type === 'CMND' || id.type === 'CCCD' || id.type === 'HC');
  const organization = identifiers.some((id) => id.type === 'MST' || id.type === 'MNS');
  if (person && !organization) return 'person';
  if (organization && !person) return 'organization';
  return 'unknown';
};

/** RSA modulus size in bits, or undefined for other keys. */
export function rsaKeyBits(publicKey: string): number | undefined {
  const match = /^RSA-(\d+)$/.exec(publicKey);
  return match ? Number(match[1]) : undefined;
}

export { certificateFingerprint };

/** Descriptions are pure functions of the bytes: memoised, bounded, so a folder of documents signed by the same people parses each certificate once. */
const described = new Map<string, CertificateInfo>();
const MAX_DESCRIBED = 4096;

function describe(der: Uint8Array, fingerprint: string): CertificateInfo {
  const certificate = decodeCertificateWithHash(der, fingerprint);
  const cn = attributeText(certificate.subject, '2.5.4.3');
  const o = attributeText(certificate.subject, '2.5.4.10');
  const ou = attributeText(certificate.subject, '2.5.4.11');
  return {
    subject: certificate.subjectText,
    issuer: certificate.issuerText,
    ...(cn !== undefined ? { commonName: cn } : {}),
    ...(o !== undefined ? { organization: o } : {}),
    ...(ou !== undefined ? { organizationalUnit: ou } : {}),
    serialNumber: certificate.serialHex,
    notBefore: certificate.notBefore.toISOString(),
    notAfter: certificate.notAfter.toISOString(),
    sha256: fingerprint,
    publicKey: describePublicKey(certificate.spkiAlgorithm, certificate.publicKey),
    signatureAlgorithm: SIGNATURE_ALGORITHM_NAMES[certificate.signatureAlgorithm.oid] ?? certificate.signatureAlgorithm.oid,
    identifiers: identifiersOf(certificate.subject),
  };
}

/** The report's view of a certificate. Throws CertificateDecodeError for bytes that are not a certificate. */
export function describeCertificate(der: Uint8Array, source?: CertificateInfo['source']): CertificateInfo {
  const fingerprint = certificateFingerprint(der);
  let info = described.get(fingerprint);
  if (!info) {
    info = describe(der, fingerprint);
    if (described.size >= MAX_DESCRIBED) described.clear();
    described.set(fingerprint, info);
  }
  // Every caller gets its own object and its own identifiers: the memoised description is
  // never handed out, so a caller (or a library user editing a report) that changes what it
  // got cannot change another report, nor what the next verification reads from the cache.
  // Object.assign, not `{ ...info, source }`: a literal that starts with a spread is slow in
  // V8 (~0.8 µs, several times per report). Same fields, same order (info's keys are ours).
  const identifiers = info.identifiers.map((identifier) => Object.assign({}, identifier));
  return source ? Object.assign({}, info, { identifiers, source }) : Object.assign({}, info, { identifiers });
}
