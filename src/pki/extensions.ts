/**
 * Decoders for the X.509 extensions path validation and revocation use (RFC 5280
 * §4.2, §5.2, §5.3). Each takes the extnValue content and throws DerError when it is
 * malformed; the caller decides whether that rejects the certificate.
 */
import {
  bitSet,
  bitString,
  booleanValue,
  children,
  DerError,
  isContext,
  isUniversal,
  oid,
  parseDer,
  sequence,
  smallInteger,
  UNIVERSAL,
  type Tlv,
} from '../asn1/der.js';
import { toHex } from './encoding.js';
import { decodeGeneralName, decodeGeneralNames, type GeneralName } from './general-names.js';

export const OID = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  privateKeyUsagePeriod: '2.5.29.16',
  subjectAltName: '2.5.29.17',
  issuerAltName: '2.5.29.18',
  basicConstraints: '2.5.29.19',
  cRLNumber: '2.5.29.20',
  reasonCode: '2.5.29.21',
  invalidityDate: '2.5.29.24',
  deltaCRLIndicator: '2.5.29.27',
  issuingDistributionPoint: '2.5.29.28',
  certificateIssuer: '2.5.29.29',
  nameConstraints: '2.5.29.30',
  cRLDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  policyMappings: '2.5.29.33',
  authorityKeyIdentifier: '2.5.29.35',
  policyConstraints: '2.5.29.36',
  extKeyUsage: '2.5.29.37',
  freshestCRL: '2.5.29.46',
  inhibitAnyPolicy: '2.5.29.54',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  subjectInfoAccess: '1.3.6.1.5.5.7.1.11',
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
  accessOcsp: '1.3.6.1.5.5.7.48.1',
  accessCaIssuers: '1.3.6.1.5.5.7.48.2',
  anyPolicy: '2.5.29.32.0',
  anyExtendedKeyUsage: '2.5.29.37.0',
  kpTimeStamping: '1.3.6.1.5.5.7.3.8',
  kpOcspSigning: '1.3.6.1.5.5.7.3.9',
} as const;

/**
 * Encoding defects real CAs are known to emit, accepted only on this explicit list and
 * always reported (PKI_DER_ALLOWED_DEFECT, a warning) — never silently:
 * - `negative-serial`: a serialNumber whose first bit is set (RFC 5280 §4.1.2.2 asks for a
 *   positive number; CAs that fill 16 random bytes without a leading zero emit these).
 * - `explicit-default-critical`: an extension that writes `critical FALSE` instead of
 *   omitting the DEFAULT (X.690 §11.5; older CA software does it).
 * - `empty-extensions`: an extensions block with no extension in it (SIZE (1..MAX);
 *   seen in the real-world corpus, a test CA made with a common library).
 * CRLs and OCSP responses get the same leniency; their warnings are not reported yet.
 */
export type AllowedDefect = 'negative-serial' | 'explicit-default-critical' | 'empty-extensions';

export interface RawExtension {
  readonly oid: string;
  readonly critical: boolean;
  readonly value: Uint8Array;
}

/** Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension. Duplicate OIDs are an error (RFC 5280 §4.2). */
export function decodeExtensions(tlv: Tlv, onDefect?: (defect: AllowedDefect) => void): RawExtension[] {
  const out: RawExtension[] = [];
  const seen = new Set<string>();
  const items = sequence(tlv, 'Extensions');
  if (items.length === 0) onDefect?.('empty-extensions');
  for (const item of items) {
    const parts = sequence(item, 'Extension');
    const extnId = oid(parts[0], 'extnID');
    let index = 1;
    let critical = false;
    if (isUniversal(parts[index], UNIVERSAL.BOOLEAN)) {
      critical = booleanValue(parts[index] as Tlv);
      // DER omits a DEFAULT value; some CAs write critical FALSE anyway (see ALLOWED_DEFECTS).
      if (!critical) onDefect?.('explicit-default-critical');
      index++;
    }
    const value = parts[index];
    if (!isUniversal(value, UNIVERSAL.OCTET_STRING) || parts.length !== index + 1) throw new DerError(`bad extension ${extnId}`);
    if (seen.has(extnId)) throw new DerError(`extension ${extnId} appears twice`, 'duplicate-field');
    seen.add(extnId);
    out.push({ oid: extnId, critical, value: value.content });
  }
  return out;
}

export interface BasicConstraints {
  readonly ca: boolean;
  readonly pathLen?: number;
}

export function decodeBasicConstraints(value: Uint8Array): BasicConstraints {
  const parts = sequence(parseDer(value), 'BasicConstraints');
  let index = 0;
  let ca = false;
  if (isUniversal(parts[index], UNIVERSAL.BOOLEAN)) ca = booleanValue(parts[index++] as Tlv);
  let pathLen: number | undefined;
  if (isUniversal(parts[index], UNIVERSAL.INTEGER)) pathLen = smallInteger(parts[index++] as Tlv, 1000);
  if (index !== parts.length) throw new DerError('bad BasicConstraints');
  return pathLen === undefined ? { ca } : { ca, pathLen };
}

export const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsageName = (typeof KEY_USAGE_BITS)[number];

export function decodeKeyUsage(value: Uint8Array): ReadonlySet<KeyUsageName> {
  const bits = bitString(parseDer(value), 'KeyUsage');
  const set = new Set<KeyUsageName>();
  KEY_USAGE_BITS.forEach((name, i) => {
    if (bitSet(bits, i)) set.add(name);
  });
  return set;
}

/** A SEQUENCE SIZE (1..MAX) OF OBJECT IDENTIFIER (ExtKeyUsage): an empty one is malformed, not "any purpose". */
export function decodeOidSequence(value: Uint8Array, what: string): string[] {
  const items = sequence(parseDer(value), what);
  if (items.length === 0) throw new DerError(`empty ${what}`);
  return items.map((node) => oid(node));
}

export interface PolicyInformation {
  readonly oid: string;
}

export function decodeCertificatePolicies(value: Uint8Array): PolicyInformation[] {
  const seen = new Set<string>();
  const out: PolicyInformation[] = [];
  for (const info of sequence(parseDer(value), 'certificatePolicies')) {
    const [id] = sequence(info, 'PolicyInformation');
    const policy = oid(id, 'policyIdentifier');
    if (seen.has(policy)) throw new DerError(`policy ${policy} appears twice`);
    seen.add(policy);
    out.push({ oid: policy });
  }
  if (out.length === 0) throw new DerError('empty certificatePolicies');
  return out;
}

export interface PolicyMapping {
  readonly issuerDomainPolicy: string;
  readonly subjectDomainPolicy: string;
}

export function decodePolicyMappings(value: Uint8Array): PolicyMapping[] {
  return sequence(parseDer(value), 'policyMappings').map((item) => {
    const [a, b, extra] = sequence(item, 'PolicyMapping');
    if (extra !== undefined) throw new DerError('bad PolicyMapping');
    return { issuerDomainPolicy: oid(a), subjectDomainPolicy: oid(b) };
  });
}

export interface PolicyConstraints {
  readonly requireExplicitPolicy?: number;
  readonly inhibitPolicyMapping?: number;
}

export function decodePolicyConstraints(value: Uint8Array): PolicyConstraints {
  const parts = sequence(parseDer(value), 'PolicyConstraints');
  const out: { requireExplicitPolicy?: number; inhibitPolicyMapping?: number } = {};
  for (const part of parts) {
    if (isContext(part, 0) && out.requireExplicitPolicy === undefined && out.inhibitPolicyMapping === undefined) {
      out.requireExplicitPolicy = smallInteger(part, 1000);
    } else if (isContext(part, 1) && out.inhibitPolicyMapping === undefined) {
      out.inhibitPolicyMapping = smallInteger(part, 1000);
    } else {
      throw new DerError('bad PolicyConstraints');
    }
  }
  // RFC 5280 §4.2.1.11: an empty sequence MUST NOT be issued.
  if (parts.length === 0) throw new DerError('empty PolicyConstraints');
  return out;
}

export function decodeInhibitAnyPolicy(value: Uint8Array): number {
  const node = parseDer(value);
  if (!isUniversal(node, UNIVERSAL.INTEGER)) throw new DerError('bad inhibitAnyPolicy');
  return smallInteger(node, 1000);
}

export interface GeneralSubtree {
  readonly base: GeneralName;
}

export interface NameConstraints {
  readonly permitted?: readonly GeneralSubtree[];
  readonly excluded?: readonly GeneralSubtree[];
}

function decodeSubtrees(tlv: Tlv): GeneralSubtree[] {
  const items = children(tlv);
  // GeneralSubtrees ::= SEQUENCE SIZE (1..MAX): an empty list would read as "no constraint".
  if (items.length === 0) throw new DerError('empty GeneralSubtrees');
  return items.map((item) => {
    const [base, ...rest] = sequence(item, 'GeneralSubtree');
    if (base === undefined) throw new DerError('empty GeneralSubtree');
    // RFC 5280 §4.2.1.10: minimum MUST be zero and maximum MUST be absent.
    for (const bound of rest) {
      if (isContext(bound, 0) && smallInteger(bound) === 0) continue;
      throw new DerError('GeneralSubtree minimum/maximum other than the profile allows');
    }
    return { base: decodeGeneralName(base) };
  });
}

export function decodeNameConstraints(value: Uint8Array): NameConstraints {
  const parts = sequence(parseDer(value), 'NameConstraints');
  let permitted: GeneralSubtree[] | undefined;
  let excluded: GeneralSubtree[] | undefined;
  for (const part of parts) {
    if (isContext(part, 0) && permitted === undefined && excluded === undefined) permitted = decodeSubtrees(part);
    else if (isContext(part, 1) && excluded === undefined) excluded = decodeSubtrees(part);
    else throw new DerError('bad NameConstraints');
  }
  if (parts.length === 0) throw new DerError('empty NameConstraints');
  return { ...(permitted ? { permitted } : {}), ...(excluded ? { excluded } : {}) };
}

export interface AuthorityKeyIdentifier {
  /** Lower-case hex. */
  readonly keyIdentifier?: string;
}

export function decodeAuthorityKeyIdentifier(value: Uint8Array): AuthorityKeyIdentifier {
  const parts = sequence(parseDer(value), 'AuthorityKeyIdentifier');
  const key = parts.find((p) => isContext(p, 0));
  return key ? { keyIdentifier: toHex(key.content) } : {};
}

export function decodeSubjectKeyIdentifier(value: Uint8Array): string {
  const node = parseDer(value);
  if (!isUniversal(node, UNIVERSAL.OCTET_STRING)) throw new DerError('bad SubjectKeyIdentifier');
  return toHex(node.content);
}

/** DistributionPointName: a full name, or a name relative to the CRL issuer (resolved by the caller). */
export type DistributionPointName =
  | { readonly kind: 'full'; readonly names: readonly GeneralName[] }
  | { readonly kind: 'relative'; readonly rdnDer: Uint8Array };

export interface DistributionPoint {
  readonly name?: DistributionPointName;
  /** ReasonFlags bits (bit 0 unused … bit 8 aACompromise), undefined = all reasons. */
  readonly reasons?: ReadonlySet<number>;
  readonly crlIssuer?: readonly GeneralName[];
}

export function decodeDistributionPointName(tlv: Tlv): DistributionPointName {
  const [choice, extra] = children(tlv);
  if (choice === undefined || extra !== undefined) throw new DerError('bad DistributionPointName');
  if (isContext(choice, 0)) return { kind: 'full', names: decodeGeneralNames(choice) };
  if (isContext(choice, 1)) return { kind: 'relative', rdnDer: choice.content };
  throw new DerError('bad DistributionPointName');
}

export function decodeReasonFlags(tlv: Tlv): ReadonlySet<number> {
  const bits = bitString(tlv, 'ReasonFlags', 'implicit');
  const set = new Set<number>();
  for (let i = 0; i <= 8; i++) if (bitSet(bits, i)) set.add(i);
  return set;
}

export function decodeCrlDistributionPoints(value: Uint8Array): DistributionPoint[] {
  return sequence(parseDer(value), 'CRLDistributionPoints').map((item) => {
    const point: { name?: DistributionPointName; reasons?: ReadonlySet<number>; crlIssuer?: GeneralName[] } = {};
    for (const part of sequence(item, 'DistributionPoint')) {
      if (isContext(part, 0)) point.name = decodeDistributionPointName(part);
      else if (isContext(part, 1)) point.reasons = decodeReasonFlags(part);
      else if (isContext(part, 2)) point.crlIssuer = decodeGeneralNames(part);
      else throw new DerError('bad DistributionPoint');
    }
    return point;
  });
}

export interface AccessDescription {
  readonly method: string;
  readonly location: GeneralName;
}

export function decodeInfoAccess(value: Uint8Array): AccessDescription[] {
  return sequence(parseDer(value), 'AuthorityInfoAccess').map((item) => {
    const [method, location, extra] = sequence(item, 'AccessDescription');
    if (location === undefined || extra !== undefined) throw new DerError('bad AccessDescription');
    return { method: oid(method), location: decodeGeneralName(location) };
  });
}

