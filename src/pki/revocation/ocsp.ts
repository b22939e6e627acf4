/**
 * OCSP (RFC 6960): decoding of OCSPResponse / BasicOCSPResponse, and the DER request
 * the fetcher POSTs. Matching, signature and responder authorisation are checked by
 * ocsp-check.ts.
 */
import {
  children,
  DerError,
  encodeOctetString,
  encodeOid,
  encodeSequence,
  encodeTlv,
  DER_NULL,
  isContext,
  isUniversal,
  oid,
  parseDer,
  sequence,
  serialNumberValue,
  smallInteger,
  time,
  UNIVERSAL,
  type Tlv,
  type DerDefect,
  octetBitString,
  algorithmIdentifier,
  type AlgorithmIdentifier,
} from '../../asn1/der.js';
import { exactBuffer, toHex } from '../encoding.js';
import { RememberedDecodings } from './remembered.js';
import { digest } from '../crypto-engine.js';
import { decodeCertificate, type ParsedCertificate } from '../certificate.js';
import { decodeExtensions, OID, type RawExtension } from '../extensions.js';
import { decodeName, type DistinguishedName } from '../names.js';

/** RFC 6960 GeneralizedTime values may carry fractional seconds (RFC 5280's ban is for certificates and CRLs). */
const FRACTIONS = { fractions: true } as const;

const OID_BASIC = '1.3.6.1.5.5.7.48.1.1';
const OID_SHA1 = '1.3.14.3.2.26';

export const OCSP_HASHES: Readonly<Record<string, 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512'>> = {
  [OID_SHA1]: 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

export interface OcspSingleResponse {
  readonly hashAlgorithm: string;
  readonly issuerNameHash: string;
  readonly issuerKeyHash: string;
  readonly serialHex: string;
  /** Undefined when too long to name any certificate kyso decodes (serialNumberValue). */
  readonly serialNumber: bigint | undefined;
  readonly status: 'good' | 'revoked' | 'unknown';
  readonly revocationTime?: Date;
  readonly reason?: number;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  /** Why this answer cannot be used (an unknown critical singleExtension). */
  readonly unusable?: string;
  /** archiveCutoff (RFC 6960 §4.4.4): the responder keeps the status of certificates that expired at or after this time. */
  readonly archiveCutoff?: Date;
}

export type ResponderId = { readonly byName: DistinguishedName } | { readonly byKeyHash: string };

export interface ParsedOcspResponse {
  readonly sha256: string;
  readonly tbs: Uint8Array;
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly signatureValue: Uint8Array;
  readonly responderId: ResponderId;
  readonly producedAt: Date;
  readonly responses: readonly OcspSingleResponse[];
  /** Certificates the responder included (its own, typically). */
  readonly certificates: readonly ParsedCertificate[];
  /** Why no answer of the response can be used (an unknown critical responseExtension). */
  readonly unusable?: string;
}

export class OcspDecodeError extends Error {
  override readonly name = 'OcspDecodeError';
  constructor(
    message: string,
    readonly defect?: DerDefect,
  ) {
    super(message);
  }
}

/** responseStatus values other than successful (RFC 6960 §4.2.1). */
const STATUS_NAMES: Readonly<Record<number, string>> = {
  1: 'malformedRequest',
  2: 'internalError',
  3: 'tryLater',
  5: 'sigRequired',
  6: 'unauthorized',
};

/** Responses and certificates decoded at most from one OCSP answer. */
const MAX_SINGLE_RESPONSES = 1000;
const MAX_RESPONSE_CERTS = 10;

/**
 * Extensions whose criticality kyso honours without acting on them. RFC 6960 §4.4: an
 * extension that is critical and not understood makes the response (responseExtensions)
 * or the answer (singleExtensions) unusable, as a CRL's does (RFC 5280 §5.2). The nonce
 * and the extended revoked definition (§4.4.1, §4.4.8) change nothing about a stored
 * answer; the CRL entry extensions a singleExtensions may carry (§4.4.5) that only add to
 * a revocation (reason, invalidity date, hold instruction) are understood too, and
 * archiveCutoff (§4.4.4), which ocsp-check.ts reads.
 */
const UNDERSTOOD_RESPONSE_EXTENSIONS: ReadonlySet<string> = new Set(['1.3.6.1.5.5.7.48.1.2', '1.3.6.1.5.5.7.48.1.9']);
const OID_ARCHIVE_CUTOFF = '1.3.6.1.5.5.7.48.1.6';
const UNDERSTOOD_SINGLE_EXTENSIONS: ReadonlySet<string> = new Set([OID.reasonCode, OID.invalidityDate, '2.5.29.23', OID_ARCHIVE_CUTOFF]);

/** The extensions of an explicit [1] Extensions field. */
function explicitExtensions(node: Tlv, where: string): RawExtension[] {
  const [inner, extra] = children(node);
  if (inner === undefined || extra !== undefined) throw new DerError(`bad ${where}`);
  return decodeExtensions(inner);
}

/** The first critical extension not in `understood`, as the reason the data cannot be used. */
function unknownCritical(extensions: readonly RawExtension[], understood: ReadonlySet<string>, where: string): string | undefined {
  const ext = extensions.find((e) => e.critical && !understood.has(e.oid));
  return ext ? `unknown critical ${where} ${ext.oid}` : undefined;
}


function decodeSingle(tlv: Tlv): OcspSingleResponse {
  const [certId, statusNode, thisUpdateNode, ...rest] = sequence(tlv, 'SingleResponse');
  const certIdParts = sequence(certId, 'CertID');
  const [hashAlg, nameHash, keyHash, serial] = certIdParts;
  if (certIdParts.length !== 4 || !isUniversal(nameHash, UNIVERSAL.OCTET_STRING) || !isUniversal(keyHash, UNIVERSAL.OCTET_STRING) || !isUniversal(serial, UNIVERSAL.INTEGER)) {
    throw new DerError('bad CertID');
  }
  if ((isContext(statusNode, 0) || isContext(statusNode, 2)) && (statusNode.constructed || statusNode.content.length !== 0)) throw new DerError('bad certStatus');
  let status: OcspSingleResponse['status'];
  let revocationTime: Date | undefined;
  let reason: number | undefined;
  if (isContext(statusNode, 0)) status = 'good';
  else if (isContext(statusNode, 2)) status = 'unknown';
  else if (isContext(statusNode, 1)) {
    status = 'revoked';
    const [timeNode, reasonNode, revokedExtra] = children(statusNode);
    if (revokedExtra !== undefined) throw new DerError('extra fields in RevokedInfo', 'duplicate-field');
    revocationTime = time(timeNode, FRACTIONS);
    if (reasonNode !== undefined) {
      const [enumerated] = isContext(reasonNode, 0) ? children(reasonNode) : [];
      if (!isUniversal(enumerated, UNIVERSAL.ENUMERATED)) throw new DerError('bad revocationReason');
      reason = smallInteger(enumerated, 255);
    }
  } else throw new DerError('bad certStatus');
  let nextUpdate: Date | undefined;
  let unusable: string | undefined;
  let archiveCutoff: Date | undefined;
  // nextUpdate [0] then singleExtensions [1], each at most once (none of the extensions is processed).
  let last = -1;
  for (const field of rest) {
    const tag = isContext(field, 0) ? 0 : isContext(field, 1) ? 1 : -1;
    if (tag <= last) throw new DerError('SingleResponse field repeated, out of order or unknown', 'duplicate-field');
    last = tag;
    if (tag === 0) {
      const [value, extra] = children(field);
      if (extra !== undefined) throw new DerError('bad nextUpdate');
      nextUpdate = time(value, FRACTIONS);
    } else {
      const extensions = explicitExtensions(field, 'singleExtensions');
      unusable = unknownCritical(extensions, UNDERSTOOD_SINGLE_EXTENSIONS, 'singleExtension');
      const cutoff = extensions.find((e) => e.oid === OID_ARCHIVE_CUTOFF);
      if (cutoff) archiveCutoff = time(parseDer(cutoff.value), FRACTIONS);
    }
  }
  return {
    hashAlgorithm: oid(sequence(hashAlg, 'hashAlgorithm')[0]),
    issuerNameHash: toHex(nameHash.content),
    issuerKeyHash: toHex(keyHash.content),
    serialHex: toHex(serial.content),
    serialNumber: serialNumberValue(serial.content),
    status,
    ...(revocationTime ? { revocationTime } : {}),
    ...(reason !== undefined ? { reason } : {}),
    thisUpdate: time(thisUpdateNode, FRACTIONS),
    ...(nextUpdate ? { nextUpdate } : {}),
    ...(unusable ? { unusable } : {}),
    ...(archiveCutoff ? { archiveCutoff } : {}),
  };
}

/** OCSP responses decoded across documents (remembered.ts). */
const RESPONSES = new RememberedDecodings<ParsedOcspResponse>(1024, 8 * 1024 * 1024, 64 * 1024);

/** Decodes an OCSPResponse or a bare BasicOCSPResponse. Throws OcspDecodeError otherwise (or when not successful). */
export function decodeOcspResponse(der: Uint8Array): Promise<ParsedOcspResponse> {
  return RESPONSES.decode(der, decodeOcspBytes);
}

async function decodeOcspBytes(der: Uint8Array, sha256: string): Promise<ParsedOcspResponse> {
  try {
    let basic = parseDer(der);
    const top = sequence(basic, 'OCSPResponse');
    if (isUniversal(top[0], UNIVERSAL.ENUMERATED)) {
      const status = smallInteger(top[0]);
      if (status !== 0) throw new OcspDecodeError(`the responder answered ${STATUS_NAMES[status] ?? `status ${status}`}`);
      if (top.length !== 2) throw new DerError('OCSPResponse must hold a status and one responseBytes', 'duplicate-field');
      const explicit = isContext(top[1], 0) ? children(top[1]) : [];
      if (explicit.length !== 1) throw new DerError('bad responseBytes');
      const [bytesNode] = explicit;
      const responseBytes = sequence(bytesNode, 'ResponseBytes');
      if (responseBytes.length !== 2) throw new DerError('bad ResponseBytes', 'duplicate-field');
      const [typeNode, responseNode] = responseBytes;
      if (oid(typeNode) !== OID_BASIC) throw new OcspDecodeError('not a basic OCSP response');
      if (!isUniversal(responseNode, UNIVERSAL.OCTET_STRING)) throw new DerError('bad ResponseBytes');
      basic = parseDer(responseNode.content);
    }
    const basicParts = sequence(basic, 'BasicOCSPResponse');
    if (basicParts.length < 3 || basicParts.length > 4) throw new DerError('bad BasicOCSPResponse', 'duplicate-field');
    const [tbsNode, sigAlgNode, sigNode, certsNode] = basicParts;
    if (certsNode !== undefined && !isContext(certsNode, 0)) throw new DerError('unexpected field in BasicOCSPResponse');
    const tbs = sequence(tbsNode, 'ResponseData');
    let index = 0;
    if (isContext(tbs[index], 0)) index++;
    const responderNode = tbs[index++];
    let responderId: ResponderId;
    const [responderInner] = responderNode && responderNode.constructed ? children(responderNode) : [];
    if (isContext(responderNode, 1)) responderId = { byName: decodeName(responderInner as Tlv) };
    else if (isContext(responderNode, 2) && isUniversal(responderInner, UNIVERSAL.OCTET_STRING)) responderId = { byKeyHash: toHex(responderInner.content) };
    else throw new DerError('bad ResponderID');
    const producedAt = time(tbs[index++], FRACTIONS);
    const singles = sequence(tbs[index++], 'responses');
    if (singles.length > MAX_SINGLE_RESPONSES) throw new DerError('too many responses');
    const responses = singles.map(decodeSingle);
    let unusable: string | undefined;
    if (isContext(tbs[index], 1)) unusable = unknownCritical(explicitExtensions(tbs[index++] as Tlv, 'responseExtensions'), UNDERSTOOD_RESPONSE_EXTENSIONS, 'responseExtension');
    if (index !== tbs.length) throw new DerError('unexpected field in ResponseData', 'duplicate-field');
    if (!isUniversal(sigNode, UNIVERSAL.BIT_STRING)) throw new DerError('bad signature');
    const signatureValue = octetBitString(sigNode, 'signature');
    const certificates: ParsedCertificate[] = [];
    if (isContext(certsNode, 0)) {
      const explicit = children(certsNode);
      if (explicit.length !== 1) throw new DerError('bad certs');
      const list = sequence(explicit[0], 'certs');
      for (const cert of list.slice(0, MAX_RESPONSE_CERTS)) certificates.push(await decodeCertificate(cert.der.slice()));
    }
    return {
      sha256,
      tbs: (tbsNode as Tlv).der,
      signatureAlgorithm: algorithmIdentifier(sigAlgNode),
      signatureValue,
      responderId,
      producedAt,
      responses,
      certificates,
      ...(unusable ? { unusable } : {}),
    };
  } catch (error) {
    if (error instanceof OcspDecodeError) throw error;
    if (error instanceof DerError || (error as Error).name === 'CertificateDecodeError') {
      throw new OcspDecodeError(`not a valid OCSP response: ${(error as Error).message}`, (error as { defect?: DerDefect }).defect ?? 'structure');
    }
    throw error;
  }
}

export async function digestHex(algorithm: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512', data: Uint8Array): Promise<string> {
  return toHex(await digest(algorithm, data));
}

/** A DER OCSPRequest for one certificate (SHA-1 CertID, the form every responder accepts; no nonce). */
export async function buildOcspRequest(cert: ParsedCertificate, issuer: ParsedCertificate): Promise<Uint8Array> {
  const nameHash = await globalThis.crypto.subtle.digest('SHA-1', exactBuffer(issuer.subjectDer));
  const keyHash = await globalThis.crypto.subtle.digest('SHA-1', exactBuffer(issuer.publicKey));
  const certId = encodeSequence([
    encodeSequence([encodeOid(OID_SHA1), DER_NULL]),
    encodeOctetString(new Uint8Array(nameHash)),
    encodeOctetString(new Uint8Array(keyHash)),
    encodeTlv(0x02, hexToBytes(cert.serialHex)),
  ]);
  return encodeSequence([encodeSequence([encodeSequence([encodeSequence([certId])])])]);
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
