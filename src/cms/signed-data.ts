/**
 * Strict reading of a CMS ContentInfo holding a SignedData (RFC 5652 §5). asn1js reads
 * the BER (pdfsig writes indefinite lengths); the structure is walked here by hand,
 * which is several times faster than schema matching and keeps every certificate and
 * the signed attributes in their original encoding. The only slack allowed is trailing
 * zero bytes, which PDF signers leave in the reserved /Contents space.
 */
import * as asn1js from 'asn1js';
import type { ParsedCertificate } from '../pki/certificate.js';
import { decodeCertificateWithHash } from '../pki/certificate.js';
import type { Message } from '../report/messages.js';
import { certificateFingerprint } from '../report/certificate.js';
import { CMS_MESSAGES } from './messages.js';
import { OID } from './oids.js';

/** SignerInfos one SignedData may carry. Real documents have one or two; a PDF never more than one. */
export const MAX_SIGNER_INFOS = 64;
/** Certificates one SignedData may carry: a full chain with cross-certificates is under 10. */
export const MAX_EMBEDDED_CERTIFICATES = 256;

export interface CmsAlgorithm {
  readonly oid: string;
  readonly params?: asn1js.AsnType;
}

export interface CmsAttribute {
  readonly type: string;
  readonly values: readonly asn1js.AsnType[];
}

export type SignerIdentifier =
  | { readonly kind: 'issuer-serial'; readonly issuer: Uint8Array; readonly serial: Uint8Array }
  | { readonly kind: 'subject-key-identifier'; readonly keyIdentifier: Uint8Array };

export interface CmsSignerInfo {
  readonly sid: SignerIdentifier;
  readonly digestAlgorithm: CmsAlgorithm;
  /** The signed attributes and the bytes the signature covers (the SET re-tagged 0x31, RFC 5652 §5.4). */
  readonly signedAttrs?: { readonly signedBytes: Uint8Array; readonly attributes: readonly CmsAttribute[] };
  readonly signatureAlgorithm: CmsAlgorithm;
  readonly signature: Uint8Array;
  readonly unsignedAttrs: readonly CmsAttribute[];
}

/** A certificate from the SignedData with its bytes exactly as they were sent. */
export interface EmbeddedCertificate {
  readonly der: Uint8Array;
  readonly certificate: ParsedCertificate;
}

export interface CmsSignedData {
  readonly eContentType: string;
  readonly eContent?: Uint8Array;
  readonly certificates: readonly EmbeddedCertificate[];
  readonly crls: readonly Uint8Array[];
  readonly ocspResponses: readonly Uint8Array[];
  readonly signerInfos: readonly CmsSignerInfo[];
}

export type ParsedSignedData =
  | { readonly ok: true; readonly signedData: CmsSignedData }
  | { readonly ok: false; readonly message: Message };

class CmsFormatError extends Error {}

const UNIVERSAL = 0;
const CONTEXT = 2;

function items(node: asn1js.AsnType | undefined, what: string): asn1js.AsnType[] {
  if (!(node instanceof asn1js.Constructed)) throw new CmsFormatError(`${what} is not constructed`);
  return node.valueBlock.value;
}

function isTag(node: asn1js.AsnType | undefined, tagClass: number, tagNumber: number): boolean {
  return node !== undefined && node.idBlock.tagClass - 1 === tagClass && node.idBlock.tagNumber === tagNumber;
}

function objectIdentifier(node: asn1js.AsnType | undefined, what: string): string {
  if (!(node instanceof asn1js.ObjectIdentifier)) throw new CmsFormatError(`${what} is not an OBJECT IDENTIFIER`);
  return node.valueBlock.toString();
}

function raw(node: asn1js.AsnType): Uint8Array {
  return new Uint8Array(node.valueBeforeDecodeView);
}

/** OCTET STRING content, joining the chunks of a constructed (BER) one. */
function octets(node: asn1js.AsnType | undefined, what: string): Uint8Array {
  if (node === undefined || !isTag(node, UNIVERSAL, 4)) throw new CmsFormatError(`${what} is not an OCTET STRING`);
  const octetString = node as asn1js.OctetString;
  if (!node.idBlock.isConstructed) return new Uint8Array(octetString.valueBlock.valueHexView);
  const parts = (octetString.valueBlock.value as asn1js.AsnType[]).map((part) => octets(part, what));
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

function algorithm(node: asn1js.AsnType | undefined, what: string): CmsAlgorithm {
  const [id, params] = items(node, what);
  return params === undefined ? { oid: objectIdentifier(id, what) } : { oid: objectIdentifier(id, what), params };
}

function attributes(node: asn1js.AsnType): CmsAttribute[] {
  return items(node, 'attributes').map((attribute) => {
    const [type, values] = items(attribute, 'Attribute');
    if (!(values instanceof asn1js.Set)) throw new CmsFormatError('Attribute values are not a SET');
    return { type: objectIdentifier(type, 'Attribute type'), values: values.valueBlock.value };
  });
}

function signerIdentifier(node: asn1js.AsnType | undefined): SignerIdentifier {
  if (node instanceof asn1js.Sequence) {
    const [issuer, serial] = node.valueBlock.value;
    if (!(issuer instanceof asn1js.Sequence) || !(serial instanceof asn1js.Integer)) throw new CmsFormatError('bad issuerAndSerialNumber');
    return { kind: 'issuer-serial', issuer: raw(issuer), serial: new Uint8Array(serial.valueBlock.valueHexView) };
  }
  if (node !== undefined && isTag(node, CONTEXT, 0)) {
    // [0] IMPLICIT SubjectKeyIdentifier: primitive with the key id as content.
    const keyIdentifier = node.idBlock.isConstructed ? octets(items(node, 'sid')[0], 'sid') : new Uint8Array((node as asn1js.Primitive).valueBlock.valueHexView);
    return { kind: 'subject-key-identifier', keyIdentifier };
  }
  throw new CmsFormatError('bad SignerIdentifier');
}

function signerInfo(node: asn1js.AsnType): CmsSignerInfo {
  const fields = items(node, 'SignerInfo');
  let index = 1; // after version
  const sid = signerIdentifier(fields[index++]);
  const digestAlgorithm = algorithm(fields[index++], 'digestAlgorithm');
  let signedAttrs: CmsSignerInfo['signedAttrs'];
  if (isTag(fields[index], CONTEXT, 0)) {
    const node = fields[index++]!;
    const signedBytes = raw(node).slice();
    signedBytes[0] = 0x31;
    signedAttrs = { signedBytes, attributes: attributes(node) };
  }
  const signatureAlgorithm = algorithm(fields[index++], 'signatureAlgorithm');
  const signature = octets(fields[index++], 'signature');
  let unsignedAttrs: CmsAttribute[] = [];
  if (isTag(fields[index], CONTEXT, 1)) unsignedAttrs = attributes(fields[index++]!);
  if (index !== fields.length) throw new CmsFormatError('extra fields in SignerInfo');
  return { sid, digestAlgorithm, ...(signedAttrs ? { signedAttrs } : {}), signatureAlgorithm, signature, unsignedAttrs };
}

function certificateList(node: asn1js.AsnType): EmbeddedCertificate[] {
  const out: EmbeddedCertificate[] = [];
  const all = items(node, 'certificates');
  if (all.length > MAX_EMBEDDED_CERTIFICATES) throw new CmsFormatError(`more than ${MAX_EMBEDDED_CERTIFICATES} certificates`);
  for (const item of all) {
    // Attribute certificates and other formats are tagged; only plain X.509 certificates count.
    if (!(item instanceof asn1js.Sequence)) continue;
    const der = raw(item);
    try {
      out.push({ der, certificate: decodeCertificateWithHash(der, certificateFingerprint(der)) });
    } catch {
      // A certificate that cannot be decoded cannot identify a signer; path building never sees it.
    }
  }
  return out;
}

/** RevocationInfoChoices (RFC 5652 §10.2.1, RFC 5940): CRLs, and OCSP responses as other revocation info. */
function revocationList(node: asn1js.AsnType, crls: Uint8Array[], ocspResponses: Uint8Array[]): void {
  for (const item of items(node, 'crls')) {
    if (item instanceof asn1js.Sequence) crls.push(raw(item));
    else if (isTag(item, CONTEXT, 1)) {
      const [format, value] = items(item, 'OtherRevocationInfoFormat');
      if (objectIdentifier(format, 'otherRevInfoFormat') === OID.ocspResponseRevocationInfo && value) ocspResponses.push(raw(value));
    }
  }
}

function signedData(node: asn1js.AsnType | undefined): CmsSignedData {
  const fields = items(node, 'SignedData');
  let index = 2; // after version and digestAlgorithms
  const [contentType, explicitContent] = items(fields[index++], 'encapContentInfo');
  const eContentType = objectIdentifier(contentType, 'eContentType');
  const eContent = explicitContent !== undefined ? octets(items(explicitContent, 'eContent')[0], 'eContent') : undefined;
  let certificates: EmbeddedCertificate[] = [];
  const crls: Uint8Array[] = [];
  const ocspResponses: Uint8Array[] = [];
  if (isTag(fields[index], CONTEXT, 0)) certificates = certificateList(fields[index++]!);
  if (isTag(fields[index], CONTEXT, 1)) revocationList(fields[index++]!, crls, ocspResponses);
  const signerNodes = items(fields[index++], 'signerInfos');
  if (index !== fields.length) throw new CmsFormatError('extra fields in SignedData');
  if (signerNodes.length > MAX_SIGNER_INFOS) throw new TooManySigners(signerNodes.length);
  return {
    eContentType,
    ...(eContent ? { eContent } : {}),
    certificates,
    crls,
    ocspResponses,
    signerInfos: signerNodes.map(signerInfo),
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
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1 || parsed.result.error) {
    return { ok: false, message: CMS_MESSAGES.CMS_NOT_DER({ detail: parsed.result.error || 'unknown error' }) };
  }
  const trailing = bytes.subarray(parsed.offset);
  const nonZero = trailing.reduce((count, b) => count + (b === 0 ? 0 : 1), 0);
  if (nonZero > 0) return { ok: false, message: CMS_MESSAGES.CMS_TRAILING_BYTES({ count: nonZero }) };
  try {
    const [contentType, content] = items(parsed.result, 'ContentInfo');
    const type = objectIdentifier(contentType, 'contentType');
    if (type !== OID.signedData) return { ok: false, message: CMS_MESSAGES.CMS_NOT_SIGNED_DATA({ oid: type }) };
    if (!isTag(content, CONTEXT, 0)) throw new CmsFormatError('content is not [0] EXPLICIT');
    const result = signedData(items(content, 'content')[0]);
    if (result.signerInfos.length === 0) return { ok: false, message: CMS_MESSAGES.CMS_NO_SIGNER() };
    return { ok: true, signedData: result };
  } catch (error) {
    if (error instanceof TooManySigners) {
      return { ok: false, message: CMS_MESSAGES.CMS_TOO_MANY_SIGNERS({ count: error.count, limit: MAX_SIGNER_INFOS }) };
    }
    return { ok: false, message: CMS_MESSAGES.CMS_NOT_DER({ detail: error instanceof Error ? error.message : String(error) }) };
  }
}
