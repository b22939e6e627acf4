/**
 * Strict reading of a CMS ContentInfo holding a SignedData (RFC 5652 §5). asn1js reads
 * the BER (pdfsig writes indefinite lengths); the structure is walked here by hand,
 * which is several times faster than schema matching and keeps every certificate and
 * the signed attributes in their original encoding. The only slack allowed is trailing
 * zero bytes, which PDF signers leave in the reserved /Contents space.
 */
import type { ParsedCertificate } from '../pki/certificate.js';
import { decodeSentCertificate } from '../pki/certificate.js';
import type { Tlv } from '../asn1/der.js';
import { concat, DerError, encodeTlv, isContext, isUniversal, oid, parseDer, UNIVERSAL } from '../asn1/der.js';
import type { Message } from '../report/messages.js';
import { BerLimitError, berChildren, berOctets, parseBer } from '../asn1/ber.js';
import { CMS_MESSAGES } from './messages.js';
import { OID } from './oids.js';

/** SignerInfos one SignedData may carry. Real documents have one or two; a PDF never more than one. */
export const MAX_SIGNER_INFOS = 64;
/** Certificates one SignedData may carry: a full chain with cross-certificates is under 10. */
export const MAX_EMBEDDED_CERTIFICATES = 256;
/** CRLs and OCSP responses one SignedData may carry (one per CA on the path, usually). */
export const MAX_EMBEDDED_REVOCATION = 256;
/** Attributes in one signed or unsigned attribute set: CAdES uses about a dozen. */
export const MAX_ATTRIBUTES = 64;
/** Values of one attribute: each is single-valued in practice; timestamps may be a few. */
export const MAX_ATTRIBUTE_VALUES = 16;

export interface CmsAlgorithm {
  readonly oid: string;
  readonly params?: Tlv;
}

export interface CmsAttribute {
  readonly type: string;
  readonly values: readonly Tlv[];
}

export type SignerIdentifier =
  | { readonly kind: 'issuer-serial'; readonly issuer: Uint8Array; readonly serial: Uint8Array }
  | { readonly kind: 'subject-key-identifier'; readonly keyIdentifier: Uint8Array };

export interface CmsSignerInfo {
  readonly sid: SignerIdentifier;
  readonly digestAlgorithm: CmsAlgorithm;
  /** The signed attributes and the bytes the signature covers (the SET re-tagged 0x31, RFC 5652 §5.4). */
  readonly signedAttrs?: {
    readonly signedBytes: Uint8Array;
    readonly attributes: readonly CmsAttribute[];
    /** The stored SET is DER: each attribute DER, in the SET OF order DER requires (X.690 §11.6). */
    readonly der: boolean;
    /**
     * When the stored SET is DER but for the order of its attributes: the DER re-encoding
     * (attributes sorted) — what RFC 5652 §5.4 says the signature covers. A SET that is
     * BER in its lengths is not re-encoded.
     */
    readonly derBytes?: Uint8Array;
  };
  readonly signatureAlgorithm: CmsAlgorithm;
  readonly signature: Uint8Array;
  readonly unsignedAttrs: readonly CmsAttribute[];
}

/** A certificate from the SignedData with its bytes exactly as they were sent. */
export interface EmbeddedCertificate {
  readonly der: Uint8Array;
  readonly certificate: ParsedCertificate;
}

/** A certificate of the SignedData that could not be decoded, and why: the signer's may be among them. */
export interface UnreadableCertificate {
  readonly der: Uint8Array;
  readonly error: unknown;
}

export interface CmsSignedData {
  readonly eContentType: string;
  readonly eContent?: Uint8Array;
  readonly certificates: readonly EmbeddedCertificate[];
  readonly unreadableCertificates: readonly UnreadableCertificate[];
  readonly crls: readonly Uint8Array[];
  readonly ocspResponses: readonly Uint8Array[];
  readonly signerInfos: readonly CmsSignerInfo[];
}

export type ParsedSignedData =
  | { readonly ok: true; readonly signedData: CmsSignedData }
  | { readonly ok: false; readonly message: Message };

/** A bound of this reader was hit: the CMS is not shown broken, it is not read (INDETERMINATE, not FORMAT_FAILURE). */
class CmsLimitHit extends Error {
  constructor(readonly reason: Message) {
    super(reason.en);
  }
}

/** The elements of a SET or SEQUENCE OF, refused as a bound hit (not a defect) past `limit`. */
function boundedChildren(node: Tlv, what: string, limit: number): Tlv[] {
  try {
    return berChildren(node, what, limit);
  } catch (error) {
    if (error instanceof BerLimitError) {
      throw new CmsLimitHit(CMS_MESSAGES.CMS_TOO_MANY_ELEMENTS({ what, limit }));
    }
    throw error;
  }
}

function algorithm(node: Tlv | undefined, what: string): CmsAlgorithm {
  const [id, params] = berChildren(node, what);
  return params === undefined ? { oid: oid(id, what) } : { oid: oid(id, what), params };
}

/**
 * Arrays here are built by pushing, not by `map`: V8's optimised `map` returns arrays of
 * another elements kind than the unoptimised one, and the code reading them (verifySignerInfo,
 * verifyParsed) was thrown away and compiled again when the second kind arrived.
 */
function attributes(node: Tlv): CmsAttribute[] {
  const out: CmsAttribute[] = [];
  for (const attribute of boundedChildren(node, 'attributes', MAX_ATTRIBUTES)) {
    const [type, values] = berChildren(attribute, 'Attribute', 2);
    if (!isUniversal(values, UNIVERSAL.SET)) throw new DerError('Attribute values are not a SET');
    out.push({ type: oid(type, 'Attribute type'), values: boundedChildren(values, 'Attribute values', MAX_ATTRIBUTE_VALUES) });
  }
  return out;
}

function isDer(bytes: Uint8Array): boolean {
  try {
    parseDer(bytes);
    return true;
  } catch {
    return false;
  }
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Each element sorts at or after the one before it (so sorting keeps the order as it is). */
function ascending(encodings: readonly Uint8Array[]): boolean {
  for (let i = 1; i < encodings.length; i++) if (compareSetElements(encodings[i - 1]!, encodings[i]!) > 0) return false;
  return true;
}

/** X.690 §11.6: SET OF elements in ascending order of their encodings, the shorter padded with zero octets. */
function compareSetElements(a: Uint8Array, b: Uint8Array): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x - y;
  }
  return 0;
}

function signerIdentifier(node: Tlv | undefined): SignerIdentifier {
  if (isUniversal(node, UNIVERSAL.SEQUENCE)) {
    const [issuer, serial] = berChildren(node, 'issuerAndSerialNumber');
    if (!isUniversal(issuer, UNIVERSAL.SEQUENCE) || !isUniversal(serial, UNIVERSAL.INTEGER)) throw new DerError('bad issuerAndSerialNumber');
    return { kind: 'issuer-serial', issuer: issuer.der, serial: serial.content };
  }
  if (isContext(node, 0)) {
    // [0] IMPLICIT SubjectKeyIdentifier: the key id is the content (chunked if constructed).
    const keyIdentifier = node.constructed ? berOctets(berChildren(node, 'sid')[0], 'sid') : node.content;
    return { kind: 'subject-key-identifier', keyIdentifier };
  }
  throw new DerError('bad SignerIdentifier');
}

/** One SignerInfo (also the value of a countersignature attribute, RFC 5652 §11.4). Throws DerError on a bad structure. */
export function parseSignerInfo(node: Tlv): CmsSignerInfo {
  return signerInfo(node);
}

function signerInfo(node: Tlv): CmsSignerInfo {
  const fields = berChildren(node, 'SignerInfo');
  let index = 1; // after version
  const sid = signerIdentifier(fields[index++]);
  const digestAlgorithm = algorithm(fields[index++], 'digestAlgorithm');
  let signedAttrs: CmsSignerInfo['signedAttrs'];
  const maybeSigned = fields[index];
  if (isContext(maybeSigned, 0)) {
    index++;
    // RFC 5652 §5.4: the signature covers the DER of the attributes with the SET tag.
    const signedBytes = maybeSigned.der.slice();
    signedBytes[0] = 0x31;
    const parsed = attributes(maybeSigned);
    const encodings: Uint8Array[] = [];
    for (const attribute of boundedChildren(maybeSigned, 'attributes', MAX_ATTRIBUTES)) encodings.push(attribute.der);
    // Only the order is repaired: a SET whose own encoding is not DER (indefinite or
    // non-minimal length) leaves unclear what was signed, and is refused as before.
    const reorderable = isDer(signedBytes) && encodings.every(isDer);
    // Already in DER order (the usual case): the re-encoding would be the stored bytes
    // themselves (the same elements, tiling the same content, under the same minimal
    // length), so it is not built.
    const inOrder = reorderable && ascending(encodings);
    const derBytes = reorderable && !inOrder ? encodeTlv(0x31, concat([...encodings].sort(compareSetElements))) : undefined;
    const der = inOrder || (derBytes !== undefined && bytesEqual(derBytes, signedBytes));
    signedAttrs = { signedBytes, attributes: parsed, der, ...(derBytes && !der ? { derBytes } : {}) };
  }
  const signatureAlgorithm = algorithm(fields[index++], 'signatureAlgorithm');
  const signature = berOctets(fields[index++], 'signature');
  let unsignedAttrs: CmsAttribute[] = [];
  const maybeUnsigned = fields[index];
  if (isContext(maybeUnsigned, 1)) {
    index++;
    unsignedAttrs = attributes(maybeUnsigned);
  }
  if (index !== fields.length) throw new DerError('extra fields in SignerInfo');
  return { sid, digestAlgorithm, ...(signedAttrs ? { signedAttrs } : {}), signatureAlgorithm, signature, unsignedAttrs };
}

function certificateList(node: Tlv, unreadable: UnreadableCertificate[]): EmbeddedCertificate[] {
  const out: EmbeddedCertificate[] = [];
  const all = boundedChildren(node, 'certificates', MAX_EMBEDDED_CERTIFICATES);
  for (const item of all) {
    // Attribute certificates and other formats are tagged; only plain X.509 certificates count.
    if (!isUniversal(item, UNIVERSAL.SEQUENCE)) continue;
    try {
      out.push({ der: item.der, certificate: decodeSentCertificate(item.der) });
    } catch (error) {
      // It cannot identify a signer and path building never sees it, but when no signer is
      // found the report says why it may be missing (signer-info.ts).
      unreadable.push({ der: item.der, error });
    }
  }
  return out;
}

/** RevocationInfoChoices (RFC 5652 §10.2.1, RFC 5940): CRLs, and OCSP responses as other revocation info. Kept as bytes. */
function revocationList(node: Tlv, crls: Uint8Array[], ocspResponses: Uint8Array[]): void {
  for (const item of boundedChildren(node, 'crls', MAX_EMBEDDED_REVOCATION)) {
    if (isUniversal(item, UNIVERSAL.SEQUENCE)) crls.push(item.der);
    else if (isContext(item, 1)) {
      const [format, value] = berChildren(item, 'OtherRevocationInfoFormat');
      if (oid(format, 'otherRevInfoFormat') === OID.ocspResponseRevocationInfo && value) ocspResponses.push(value.der);
    }
  }
}

function signedData(node: Tlv | undefined): CmsSignedData {
  const fields = berChildren(node, 'SignedData');
  let index = 2; // after version and digestAlgorithms
  const [contentType, explicitContent] = berChildren(fields[index++], 'encapContentInfo');
  const eContentType = oid(contentType, 'eContentType');
  const eContent = explicitContent !== undefined ? berOctets(berChildren(explicitContent, 'eContent')[0], 'eContent') : undefined;
  let certificates: EmbeddedCertificate[] = [];
  const unreadableCertificates: UnreadableCertificate[] = [];
  const crls: Uint8Array[] = [];
  const ocspResponses: Uint8Array[] = [];
  const maybeCertificates = fields[index];
  if (isContext(maybeCertificates, 0)) {
    index++;
    certificates = certificateList(maybeCertificates, unreadableCertificates);
  }
  const maybeCrls = fields[index];
  if (isContext(maybeCrls, 1)) {
    index++;
    revocationList(maybeCrls, crls, ocspResponses);
  }
  const signerNodes = berChildren(fields[index++], 'signerInfos', MAX_SIGNER_INFOS + 1);
  if (index !== fields.length) throw new DerError('extra fields in SignedData');
  if (signerNodes.length > MAX_SIGNER_INFOS) throw new TooManySigners(signerNodes.length);
  const signerInfos: CmsSignerInfo[] = [];
  for (const node of signerNodes) signerInfos.push(signerInfo(node));
  return {
    eContentType,
    ...(eContent ? { eContent } : {}),
    certificates,
    unreadableCertificates,
    crls,
    ocspResponses,
    signerInfos,
  };
}

class TooManySigners extends Error {
  constructor(readonly count: number) {
    super('too many SignerInfos');
  }
}

export function parseSignedData(bytes: Uint8Array, maxBytes: number): ParsedSignedData {
  if (bytes.length > maxBytes) {
    return { ok: false, message: CMS_MESSAGES.CMS_TOO_LARGE({ size: bytes.length, limit: maxBytes }) };
  }
  if (bytes.length === 0) {
    return { ok: false, message: CMS_MESSAGES.CMS_NOT_DER({ detail: 'empty input' }) };
  }
  try {
    if (bytes[0] !== 0x30) throw new DerError('ContentInfo is not a SEQUENCE');
    const { tlv: contentInfo, end } = parseBer(bytes);
    const trailing = bytes.subarray(end);
    const nonZero = trailing.reduce((count, b) => count + (b === 0 ? 0 : 1), 0);
    if (nonZero > 0) return { ok: false, message: CMS_MESSAGES.CMS_TRAILING_BYTES({ count: nonZero }) };
    const [contentType, content] = berChildren(contentInfo, 'ContentInfo');
    const type = oid(contentType, 'contentType');
    if (type !== OID.signedData) return { ok: false, message: CMS_MESSAGES.CMS_NOT_SIGNED_DATA({ oid: type }) };
    if (!isContext(content, 0)) throw new DerError('content is not [0] EXPLICIT');
    const result = signedData(berChildren(content, 'content')[0]);
    if (result.signerInfos.length === 0) return { ok: false, message: CMS_MESSAGES.CMS_NO_SIGNER() };
    return { ok: true, signedData: result };
  } catch (error) {
    if (error instanceof CmsLimitHit) return { ok: false, message: error.reason };
    if (error instanceof TooManySigners) {
      return { ok: false, message: CMS_MESSAGES.CMS_TOO_MANY_SIGNERS({ count: error.count, limit: MAX_SIGNER_INFOS }) };
    }
    return { ok: false, message: CMS_MESSAGES.CMS_NOT_DER({ detail: error instanceof Error ? error.message : String(error) }) };
  }
}
