/**
 * Strict reading of a CMS ContentInfo holding a SignedData (RFC 5652). The only
 * slack allowed is trailing zero bytes, which PDF signers leave in the reserved
 * /Contents space.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Message } from '../report/messages.js';
import { CMS_MESSAGES } from './messages.js';
import { OID } from './oids.js';

/** SignerInfos one SignedData may carry. Real documents have one or two; a PDF never more than one. */
export const MAX_SIGNER_INFOS = 64;

/** A certificate from the SignedData with its bytes exactly as they were sent. */
export interface EmbeddedCertificate {
  readonly certificate: pkijs.Certificate;
  readonly der: Uint8Array;
}

export type ParsedSignedData =
  | { readonly ok: true; readonly signedData: pkijs.SignedData; readonly certificates: readonly EmbeddedCertificate[] }
  | { readonly ok: false; readonly message: Message };

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
    const contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
    if (contentInfo.contentType !== OID.signedData) {
      return { ok: false, message: CMS_MESSAGES.CMS_NOT_SIGNED_DATA({ oid: contentInfo.contentType }) };
    }
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    if (signedData.signerInfos.length === 0) return { ok: false, message: CMS_MESSAGES.CMS_NO_SIGNER() };
    if (signedData.signerInfos.length > MAX_SIGNER_INFOS) {
      return {
        ok: false,
        message: CMS_MESSAGES.CMS_TOO_MANY_SIGNERS({ count: signedData.signerInfos.length, limit: MAX_SIGNER_INFOS }),
      };
    }
    return { ok: true, signedData, certificates: embeddedCertificates(signedData, parsed.result) };
  } catch (error) {
    return { ok: false, message: CMS_MESSAGES.CMS_NOT_DER({ detail: error instanceof Error ? error.message : String(error) }) };
  }
}

/**
 * The X.509 certificates a SignedData carries (attribute certificates are ignored),
 * each with its original encoding taken from the parse tree: re-encoding through pkijs
 * is slow and could differ from what was signed over (ESS hashes the original bytes).
 */
function embeddedCertificates(signedData: pkijs.SignedData, contentInfo: asn1js.AsnType): EmbeddedCertificate[] {
  const raw: Uint8Array[] = [];
  const explicit = contentInfo instanceof asn1js.Sequence ? contentInfo.valueBlock.value[1] : undefined;
  const body = explicit instanceof asn1js.Constructed ? explicit.valueBlock.value[0] : undefined;
  if (body instanceof asn1js.Sequence) {
    const set = body.valueBlock.value.find((item) => item.idBlock.tagClass === 3 && item.idBlock.tagNumber === 0);
    if (set instanceof asn1js.Constructed) for (const item of set.valueBlock.value) raw.push(new Uint8Array(item.valueBeforeDecodeView));
  }
  const out: EmbeddedCertificate[] = [];
  (signedData.certificates ?? []).forEach((certificate, index) => {
    if (!(certificate instanceof pkijs.Certificate)) return;
    const der = raw.length === (signedData.certificates ?? []).length ? raw[index]! : new Uint8Array(certificate.toSchema(true).toBER(false));
    out.push({ certificate, der });
  });
  return out;
}

/** The encapsulated content, when present (attached signatures, timestamp tokens). */
export function encapsulatedContent(signedData: pkijs.SignedData): Uint8Array | undefined {
  const content = signedData.encapContentInfo.eContent;
  if (!content) return undefined;
  // Constructed (BER) OCTET STRINGs are split into chunks: join them.
  if (content.idBlock.isConstructed) {
    const parts = content.valueBlock.value as asn1js.OctetString[];
    const total = parts.reduce((n, p) => n + p.valueBlock.valueHexView.length, 0);
    const joined = new Uint8Array(total);
    let offset = 0;
    for (const p of parts) {
      joined.set(p.valueBlock.valueHexView, offset);
      offset += p.valueBlock.valueHexView.length;
    }
    return joined;
  }
  return new Uint8Array(content.valueBlock.valueHexView);
}
