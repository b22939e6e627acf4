/**
 * Tells a CRL from an OCSP response by content (DER or PEM), for `--revocation FILE`.
 * A CRL is SEQUENCE { tbsCertList SEQUENCE, AlgorithmIdentifier, BIT STRING }; an
 * OCSPResponse is SEQUENCE { ENUMERATED status, [0] responseBytes }.
 */
import { berChildren, parseBer } from '../asn1/ber.js';
import type { Tlv } from '../asn1/der.js';
import { isUniversal, UNIVERSAL } from '../asn1/der.js';
import { decodePem } from '../io/pem.js';

/**
 * What a file of revocation data holds: a CRL or an OCSP response (with its DER bytes, decoded from
 * PEM when it was PEM), or neither.
 */
export type RevocationFile =
  | {
      /** `crl` for a CertificateList, `ocsp` for an OCSPResponse. */
      type: 'crl' | 'ocsp';
      /** The DER bytes (decoded from PEM when the input was PEM), ready for `revocation.crls` or `revocation.ocspResponses`. */
      der: Uint8Array;
    }
  | {
      /** Neither a CRL nor an OCSP response (or not even DER or PEM). */
      type: 'unknown';
    };

/**
 * Tells a CRL from an OCSP response by its structure, DER or PEM, whatever the file is called. Only
 * the outer shape is looked at: whether the data is valid is checked when it is used.
 */
export function classifyRevocationData(bytes: Uint8Array): RevocationFile {
  let der = bytes;
  if (bytes[0] !== 0x30) {
    const decoded = decodePem(new TextDecoder().decode(bytes));
    if (!decoded) return { type: 'unknown' };
    der = decoded;
  }
  // The outer SEQUENCE's items only, read lazily: a CRL of a million entries is not parsed here.
  let items: Tlv[];
  try {
    const outer = parseBer(der).tlv;
    if (!isUniversal(outer, UNIVERSAL.SEQUENCE)) return { type: 'unknown' };
    items = berChildren(outer, 'outer SEQUENCE', 3);
  } catch {
    return { type: 'unknown' };
  }
  if (isUniversal(items[0], UNIVERSAL.ENUMERATED)) return { type: 'ocsp', der };
  if (items.length === 3 && isUniversal(items[0], UNIVERSAL.SEQUENCE) && isUniversal(items[2], UNIVERSAL.BIT_STRING)) return { type: 'crl', der };
  return { type: 'unknown' };
}
