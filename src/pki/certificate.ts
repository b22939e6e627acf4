/**
 * X.509 certificate decoding into the facts path validation needs.
 *
 * Decoding is strict DER (see der.ts). A certificate whose outer structure does not
 * decode is rejected by `decodeCertificate`; a known extension whose value does not
 * decode is recorded in `malformedExtensions` (path validation rejects such a
 * certificate; revocation lookups just skip the broken pointer).
 */
import {
  octetBitString,
  algorithmIdentifier,
  type AlgorithmIdentifier,
  children,
  DerError,
  integerContentToBigInt,
  MAX_SERIAL_OCTETS,
  isContext,
  isUniversal,
  parseDer,
  sequence,
  smallInteger,
  time,
  UNIVERSAL,
  type DerDefect,
  type Tlv,
} from '../asn1/der.js';
import { bytesEqual, toHex } from './encoding.js';
import { adoptFingerprint, certificateFingerprint, certificateFingerprintAsync } from './fingerprint.js';

export type { AlgorithmIdentifier } from '../asn1/der.js';
import {
  decodeAuthorityKeyIdentifier,
  decodeBasicConstraints,
  decodeCertificatePolicies,
  decodeCrlDistributionPoints,
  decodeExtensions,
  decodeInfoAccess,
  decodeInhibitAnyPolicy,
  decodeKeyUsage,
  decodeNameConstraints,
  decodeOidSequence,
  decodePolicyConstraints,
  decodePolicyMappings,
  decodeSubjectKeyIdentifier,
  OID,
  type AccessDescription,
  type AllowedDefect,
  type BasicConstraints,
  type DistributionPoint,
  type KeyUsageName,
  type NameConstraints,
  type PolicyConstraints,
  type PolicyInformation,
  type PolicyMapping,
  type RawExtension,
} from './extensions.js';
import { decodeGeneralNames, type GeneralName } from './general-names.js';
import { attributeText, decodeName, formatName, namesEqual, type DistinguishedName } from './names.js';


export interface ParsedCertificate {
  readonly der: Uint8Array;
  /** SHA-256 of the DER, upper-case hex. */
  readonly sha256: string;
  readonly tbs: Uint8Array;
  readonly signatureAlgorithm: AlgorithmIdentifier;
  /** RFC 5280 §4.1.1.2: the TBS signature field must equal signatureAlgorithm. */
  readonly signatureAlgorithmConsistent: boolean;
  readonly signatureValue: Uint8Array;
  readonly version: number;
  readonly serialNumber: bigint;
  /** Lower-case hex of the serial's content octets (for display; compare `serialNumber`). */
  readonly serialHex: string;
  /** Defects on the allow-list (extensions.ts ALLOWED_DEFECTS) this certificate has: reported as warnings. */
  readonly allowedDefects: readonly AllowedDefect[];
  readonly issuer: DistinguishedName;
  readonly subject: DistinguishedName;
  /** DER of the subject Name (OCSP CertID hashes the issuer's). */
  readonly subjectDer: Uint8Array;
  /** RFC 4514, most specific first. */
  readonly subjectText: string;
  readonly issuerText: string;
  readonly commonName?: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** DER of SubjectPublicKeyInfo. */
  readonly spki: Uint8Array;
  readonly spkiAlgorithm: AlgorithmIdentifier;
  /** The subjectPublicKey BIT STRING content (without the unused-bits octet). */
  readonly publicKey: Uint8Array;
  readonly extensions: readonly RawExtension[];
  readonly subjectKeyIdentifier?: string;
  readonly authorityKeyIdentifier?: string;
  readonly basicConstraints?: BasicConstraints;
  readonly keyUsage?: ReadonlySet<KeyUsageName>;
  readonly extKeyUsage?: readonly string[];
  readonly policies?: readonly PolicyInformation[];
  readonly policyMappings?: readonly PolicyMapping[];
  readonly policyConstraints?: PolicyConstraints;
  readonly inhibitAnyPolicy?: number;
  readonly nameConstraints?: NameConstraints;
  readonly subjectAltNames?: readonly GeneralName[];
  readonly crlDistributionPoints?: readonly DistributionPoint[];
  readonly freshestCrl?: readonly DistributionPoint[];
  readonly authorityInfoAccess: readonly AccessDescription[];
  readonly ocspNoCheck: boolean;
  /** Critical extensions this implementation does not process (RFC 5280 §4.2: reject). */
  readonly unknownCriticalExtensions: readonly string[];
  /** Known extensions whose value did not decode. */
  readonly malformedExtensions: readonly string[];
  /** Subject and issuer names match (RFC 5280 §6.1: self-issued). */
  readonly selfIssued: boolean;
}

export class CertificateDecodeError extends Error {
  override readonly name = 'CertificateDecodeError';
  constructor(
    message: string,
    /** The class of the encoding defect that made the certificate unreadable. */
    readonly defect: DerDefect = 'structure',
  ) {
    super(message);
  }
}


/** Extensions this implementation understands and processes when critical. */
const PROCESSED_EXTENSIONS = new Set<string>([
  OID.subjectKeyIdentifier,
  OID.authorityKeyIdentifier,
  OID.keyUsage,
  OID.extKeyUsage,
  OID.basicConstraints,
  OID.certificatePolicies,
  OID.policyMappings,
  OID.policyConstraints,
  OID.inhibitAnyPolicy,
  OID.nameConstraints,
  OID.subjectAltName,
  OID.issuerAltName,
  OID.cRLDistributionPoints,
  OID.freshestCRL,
  OID.authorityInfoAccess,
  OID.subjectInfoAccess,
  OID.ocspNoCheck,
]);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function applyExtensions(target: Mutable<ParsedCertificate>, extensions: readonly RawExtension[]): void {
  const malformed: string[] = [];
  const unknownCritical: string[] = [];
  for (const ext of extensions) {
    if (ext.critical && !PROCESSED_EXTENSIONS.has(ext.oid)) unknownCritical.push(ext.oid);
    try {
      switch (ext.oid) {
        case OID.subjectKeyIdentifier:
          target.subjectKeyIdentifier = decodeSubjectKeyIdentifier(ext.value);
          break;
        case OID.authorityKeyIdentifier: {
          const aki = decodeAuthorityKeyIdentifier(ext.value);
          if (aki.keyIdentifier !== undefined) target.authorityKeyIdentifier = aki.keyIdentifier;
          break;
        }
        case OID.basicConstraints:
          target.basicConstraints = decodeBasicConstraints(ext.value);
          break;
        case OID.keyUsage:
          target.keyUsage = decodeKeyUsage(ext.value);
          break;
        case OID.extKeyUsage:
          target.extKeyUsage = decodeOidSequence(ext.value, 'ExtKeyUsage');
          break;
        case OID.certificatePolicies:
          target.policies = decodeCertificatePolicies(ext.value);
          break;
        case OID.policyMappings:
          target.policyMappings = decodePolicyMappings(ext.value);
          break;
        case OID.policyConstraints:
          target.policyConstraints = decodePolicyConstraints(ext.value);
          break;
        case OID.inhibitAnyPolicy:
          target.inhibitAnyPolicy = decodeInhibitAnyPolicy(ext.value);
          break;
        case OID.nameConstraints:
          target.nameConstraints = decodeNameConstraints(ext.value);
          break;
        case OID.subjectAltName:
          target.subjectAltNames = decodeGeneralNames(parseDer(ext.value));
          break;
        case OID.cRLDistributionPoints:
          target.crlDistributionPoints = decodeCrlDistributionPoints(ext.value);
          break;
        case OID.freshestCRL:
          target.freshestCrl = decodeCrlDistributionPoints(ext.value);
          break;
        case OID.authorityInfoAccess:
          target.authorityInfoAccess = decodeInfoAccess(ext.value);
          break;
        case OID.ocspNoCheck:
          target.ocspNoCheck = true;
          break;
        default:
          break;
      }
    } catch (error) {
      if (!(error instanceof DerError)) throw error;
      malformed.push(ext.oid);
    }
  }
  target.malformedExtensions = malformed;
  target.unknownCriticalExtensions = unknownCritical;
}

/** Decodes a DER certificate. Throws CertificateDecodeError when the structure is not a certificate. */
export async function decodeCertificate(der: Uint8Array): Promise<ParsedCertificate> {
  const sha256 = await certificateFingerprintAsync(der);
  return decodeCertificateWithHash(der, sha256);
}

/**
 * Decoded certificates by SHA-256, across documents: a folder signed under the same CAs
 * carries the same certificates in every file, and decoding them was a sixth of a small
 * PDF's verification. The decoding is a pure function of the bytes and holds no verdict
 * (validity, trust and revocation are judged per validation from it), and a hit is used
 * only when its bytes equal the bytes asked for, so nothing of one document's decoding
 * can differ from what decoding the other's bytes gives. Entries are decoded from a copy,
 * so the cache holds no part of the document they came from. Failures are not kept.
 */
const DECODED = new Map<string, ParsedCertificate>();
const MAX_DECODED = 2048;
/** Larger certificates are decoded every time (a hostile one should not sit in memory). */
const MAX_CACHED_DER = 64 * 1024;

/**
 * The decoding each array was last found equal to, by the array's identity: a document's
 * certificates are looked up several times per document (the SignedData, then every path
 * validation of the signature, its timestamps and revocation signers), and comparing their
 * bytes again each time was a visible part of a small PDF's cold run. Arrays are treated as
 * immutable once given (as the fingerprints are); another array, even with equal bytes, is
 * compared again.
 */
const BY_ARRAY = new WeakMap<Uint8Array, ParsedCertificate>();

/** The decoding `der` (this very array) was found equal to, if any: what decodeCertificate(der) gives, without a promise. */
export function knownDecoding(der: Uint8Array): ParsedCertificate | undefined {
  return BY_ARRAY.get(der);
}

export function decodeCertificateWithHash(der: Uint8Array, sha256: string): ParsedCertificate {
  if (sha256 === '' || der.length > MAX_CACHED_DER) return decodeUncached(der, sha256);
  const same = BY_ARRAY.get(der);
  if (same !== undefined && same.sha256 === sha256) return same;
  const known = DECODED.get(sha256);
  if (known && bytesEqual(known.der, der)) {
    BY_ARRAY.set(der, known);
    return known;
  }
  const decoded = decodeUncached(der.slice(), sha256);
  if (DECODED.size >= MAX_DECODED) DECODED.clear();
  DECODED.set(sha256, decoded);
  BY_ARRAY.set(der, decoded);
  return decoded;
}

/**
 * Certificates sent in documents, found again without hashing them: the SignedData of
 * every document of a folder carries the same few certificates, and their SHA-256 alone
 * (only to look up the decoding above) was about 2 % of a small PDF's verification. The
 * lookup key is the length and last bytes (inside the signature value), and a hit is used
 * only when all its bytes equal the bytes sent; the sent array then gets the decoding's
 * fingerprint (which was hashed from those same bytes). A tampered twin with the same
 * tail differs somewhere else, fails the comparison and is hashed and decoded on its own.
 */
const SENT = new Map<string, ParsedCertificate>();
const SENT_KEY_BYTES = 32;

function sentKey(der: Uint8Array): string {
  return `${der.length}:${String.fromCharCode.apply(null, der.subarray(Math.max(0, der.length - SENT_KEY_BYTES)) as unknown as number[])}`;
}

/** A certificate as a document sends it (decoded as decodeCertificateWithHash would, with its own fingerprint). Throws CertificateDecodeError. */
export function decodeSentCertificate(der: Uint8Array): ParsedCertificate {
  if (der.length > MAX_CACHED_DER) return decodeCertificateWithHash(der, certificateFingerprint(der));
  const same = BY_ARRAY.get(der);
  if (same !== undefined) return same;
  const key = sentKey(der);
  const known = SENT.get(key);
  if (known && bytesEqual(known.der, der)) {
    adoptFingerprint(der, known.sha256);
    BY_ARRAY.set(der, known);
    return known;
  }
  const decoded = decodeCertificateWithHash(der, certificateFingerprint(der));
  if (SENT.size >= MAX_DECODED) SENT.clear();
  SENT.set(key, decoded);
  return decoded;
}

function decodeUncached(der: Uint8Array, sha256: string): ParsedCertificate {
  try {
    const [tbsNode, sigAlgNode, sigNode, extra] = sequence(parseDer(der), 'Certificate');
    if (extra !== undefined) throw new DerError('extra fields in Certificate');
    const tbs = sequence(tbsNode, 'TBSCertificate');
    let index = 0;
    let version = 1;
    if (isContext(tbs[index], 0)) {
      // [0] EXPLICIT Version holds one INTEGER: a reader that takes the first of several
      // accepts what OpenSSL refuses to parse.
      const [versionNode, versionExtra] = children(tbs[index] as Tlv);
      if (!isUniversal(versionNode, UNIVERSAL.INTEGER) || versionExtra !== undefined) throw new DerError('bad version');
      version = smallInteger(versionNode, 100) + 1;
      index++;
    }
    const serialNode = tbs[index++];
    if (!isUniversal(serialNode, UNIVERSAL.INTEGER)) throw new DerError('bad serialNumber');
    if (serialNode.content.length > MAX_SERIAL_OCTETS) throw new DerError('serialNumber too long');
    const tbsSignature = algorithmIdentifier(tbs[index++], 'signature');
    const issuer = decodeName(tbs[index++] as Tlv);
    const [notBeforeNode, notAfterNode, validityExtra] = sequence(tbs[index++], 'Validity');
    if (validityExtra !== undefined) throw new DerError('bad Validity');
    const subjectNode = tbs[index++] as Tlv;
    const subject = decodeName(subjectNode);
    const spkiNode = tbs[index++];
    const [spkiAlgNode, spkiKeyNode, spkiExtra] = sequence(spkiNode, 'SubjectPublicKeyInfo');
    if (spkiExtra !== undefined) throw new DerError('extra fields in SubjectPublicKeyInfo');
    const spkiAlgorithm = algorithmIdentifier(spkiAlgNode, 'subjectPublicKeyInfo');
    const publicKey = octetBitString(spkiKeyNode, 'subjectPublicKey');
    let extensions: RawExtension[] = [];
    const defects = new Set<AllowedDefect>();
    // issuerUniqueID [1], subjectUniqueID [2], extensions [3]: each at most once, in this
    // order. A second extensions block is refused, not resolved: parsers disagree on
    // which one wins (pkijs the first, a last-wins reader the last).
    let lastOptional = 0;
    for (; index < tbs.length; index++) {
      const node = tbs[index] as Tlv;
      const tag = isContext(node, 1) ? 1 : isContext(node, 2) ? 2 : isContext(node, 3) ? 3 : 0;
      if (tag === 0) throw new DerError('unexpected field in TBSCertificate');
      if (tag <= lastOptional) throw new DerError(`TBSCertificate field [${tag}] repeated or out of order`, 'duplicate-field');
      lastOptional = tag;
      if (tag === 3) {
        const [extNode, extExtra] = children(node);
        if (extNode === undefined || extExtra !== undefined || version !== 3) throw new DerError('bad extensions');
        extensions = decodeExtensions(extNode, (defect) => defects.add(defect));
      }
    }
    const serialNumber = integerContentToBigInt(serialNode.content);
    if (serialNumber < 0n) defects.add('negative-serial');
    const signatureAlgorithm = algorithmIdentifier(sigAlgNode, 'signatureAlgorithm');
    const signatureValue = octetBitString(sigNode, 'signatureValue');
    const commonName = attributeText(subject, '2.5.4.3');
    const cert: Mutable<ParsedCertificate> = {
      der,
      sha256,
      tbs: (tbsNode as Tlv).der,
      signatureAlgorithm,
      signatureAlgorithmConsistent: toHex(signatureAlgorithm.der) === toHex(tbsSignature.der),
      signatureValue,
      version,
      serialNumber,
      serialHex: toHex(serialNode.content),
      allowedDefects: [...defects],
      issuer,
      subject,
      subjectDer: subjectNode.der,
      subjectText: formatName(subject),
      issuerText: formatName(issuer),
      notBefore: time(notBeforeNode),
      notAfter: time(notAfterNode),
      spki: (spkiNode as Tlv).der,
      spkiAlgorithm,
      publicKey,
      extensions,
      authorityInfoAccess: [],
      ocspNoCheck: false,
      unknownCriticalExtensions: [],
      malformedExtensions: [],
      selfIssued: namesEqual(subject, issuer),
    };
    if (commonName !== undefined) cert.commonName = commonName;
    applyExtensions(cert, extensions);
    return cert;
  } catch (error) {
    if (error instanceof DerError) throw new CertificateDecodeError(`not a valid X.509 certificate: ${error.message}`, error.defect);
    throw error;
  }
}

/** A short label for messages: the CN if any, else the whole subject. */
export function certificateLabel(cert: ParsedCertificate): string {
  return cert.commonName ?? (cert.subjectText || `serial ${cert.serialHex}`);
}

export function isCa(cert: ParsedCertificate): boolean {
  return cert.basicConstraints?.ca === true;
}

export function ocspUrls(cert: ParsedCertificate): string[] {
  return accessUrls(cert, OID.accessOcsp);
}

export function caIssuerUrls(cert: ParsedCertificate): string[] {
  return accessUrls(cert, OID.accessCaIssuers);
}

function accessUrls(cert: ParsedCertificate, method: string): string[] {
  return cert.authorityInfoAccess
    .filter((a) => a.method === method && a.location.kind === 'uri')
    .map((a) => (a.location as { value: string }).value);
}
