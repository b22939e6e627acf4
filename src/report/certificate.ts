/**
 * Turns a DER certificate into the plain facts a report shows: names, serial,
 * validity, fingerprint, key, and the typed Vietnamese identifiers in the subject.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../io/hash.js';
import type { CertificateInfo, Identifier, IdentifierType, SignerRole } from './types.js';

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

const CURVE_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.35': 'P-521',
};

function attributeValue(value: unknown): string {
  if (value && typeof value === 'object' && 'valueBlock' in value) {
    const block = (value as { valueBlock: { value?: unknown } }).valueBlock;
    if (typeof block.value === 'string') return block.value;
  }
  return '';
}

function escapeRdnValue(value: string): string {
  return value.replace(/([,+"\\<>;])/g, '\\$1').replace(/^([ #])/, '\\$1').replace(/ $/, '\\ ');
}

/** RFC 4514 string, most specific attribute first. */
export function formatName(name: pkijs.RelativeDistinguishedNames): string {
  return [...name.typesAndValues]
    .reverse()
    .map((tv) => `${ATTRIBUTE_NAMES[tv.type] ?? tv.type}=${escapeRdnValue(attributeValue(tv.value))}`)
    .join(', ');
}

function firstAttribute(name: pkijs.RelativeDistinguishedNames, oid: string): string | undefined {
  const found = name.typesAndValues.find((tv) => tv.type === oid);
  return found ? attributeValue(found.value) : undefined;
}

const TYPED_ID = /^\s*(CMND|CCCD|HC|MST|MNS)\s*[:=]\s*(.+?)\s*$/i;

/**
 * Typed identifiers from UID, organizationIdentifier and serialNumber: `CCCD:0010...`,
 * `MST:0101234567`; a bare value is kept as OTHER.
 */
export function identifiersOf(name: pkijs.RelativeDistinguishedNames): Identifier[] {
  const out: Identifier[] = [];
  for (const tv of name.typesAndValues) {
    const attribute = ATTRIBUTE_NAMES[tv.type];
    if (attribute !== 'UID' && attribute !== 'organizationIdentifier' && attribute !== 'serialNumber') continue;
    const raw = attributeValue(tv.value);
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
 * Decree 30 roles from the identifiers. The default rule follows domain.md §3:
 * CMND/CCCD/HC identify persons, MST/MNS organisations. Callers may pass their own.
 */
export type RoleRule = (identifiers: readonly Identifier[], certificate: CertificateInfo) => SignerRole;

export const defaultRoleRule: RoleRule = (identifiers) => {
  const person = identifiers.some((id) => id.type === 'CMND' || id.type === 'CCCD' || id.type === 'HC');
  const organization = identifiers.some((id) => id.type === 'MST' || id.type === 'MNS');
  if (person && !organization) return 'person';
  if (organization && !person) return 'organization';
  return 'unknown';
};

function publicKeyDescription(certificate: pkijs.Certificate): string {
  const spki = certificate.subjectPublicKeyInfo;
  const algorithm = spki.algorithm.algorithmId;
  if (algorithm === '1.2.840.113549.1.1.1' || algorithm === '1.2.840.113549.1.1.10') {
    try {
      const key = asn1js.fromBER(spki.subjectPublicKey.valueBlock.valueHexView);
      const modulus = (key.result as asn1js.Sequence).valueBlock.value[0] as asn1js.Integer;
      let bytes = new Uint8Array(modulus.valueBlock.valueHexView);
      while (bytes.length > 0 && bytes[0] === 0) bytes = bytes.subarray(1);
      const bits = bytes.length === 0 ? 0 : (bytes.length - 1) * 8 + (32 - Math.clz32(bytes[0]!));
      return `RSA-${bits}`;
    } catch {
      return 'RSA';
    }
  }
  if (algorithm === '1.2.840.10045.2.1') {
    const params = spki.algorithm.algorithmParams;
    const curve = params instanceof asn1js.ObjectIdentifier ? CURVE_NAMES[params.valueBlock.toString()] : undefined;
    return `EC-${curve ?? 'unknown-curve'}`;
  }
  if (algorithm === '1.2.840.10040.4.1') return 'DSA';
  return algorithm;
}

/** RSA modulus size in bits, or undefined for other keys. */
export function rsaKeyBits(publicKey: string): number | undefined {
  const match = /^RSA-(\d+)$/.exec(publicKey);
  return match ? Number(match[1]) : undefined;
}

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1) throw new TypeError('not a DER certificate');
  return new pkijs.Certificate({ schema: parsed.result });
}

export function certificateFingerprint(der: Uint8Array): string {
  return toHex(sha256(der)).toUpperCase();
}

export function describeCertificate(der: Uint8Array, source?: CertificateInfo['source']): CertificateInfo {
  const certificate = parseCertificate(der);
  const cn = firstAttribute(certificate.subject, '2.5.4.3');
  const o = firstAttribute(certificate.subject, '2.5.4.10');
  const ou = firstAttribute(certificate.subject, '2.5.4.11');
  return {
    subject: formatName(certificate.subject),
    issuer: formatName(certificate.issuer),
    ...(cn !== undefined ? { commonName: cn } : {}),
    ...(o !== undefined ? { organization: o } : {}),
    ...(ou !== undefined ? { organizationalUnit: ou } : {}),
    serialNumber: toHex(new Uint8Array(certificate.serialNumber.valueBlock.valueHexView)),
    notBefore: certificate.notBefore.value.toISOString(),
    notAfter: certificate.notAfter.value.toISOString(),
    sha256: certificateFingerprint(der),
    publicKey: publicKeyDescription(certificate),
    signatureAlgorithm: SIGNATURE_ALGORITHM_NAMES[certificate.signatureAlgorithm.algorithmId] ?? certificate.signatureAlgorithm.algorithmId,
    identifiers: identifiersOf(certificate.subject),
    ...(source ? { source } : {}),
  };
}
