/**
 * Tells a CRL from an OCSP response by content (DER or PEM), for `--revocation FILE`.
 * A CRL is SEQUENCE { tbsCertList SEQUENCE, AlgorithmIdentifier, BIT STRING }; an
 * OCSPResponse is SEQUENCE { ENUMERATED status, [0] responseBytes }.
 */
import * as asn1js from 'asn1js';
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
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return { type: 'unknown' };
  const items = parsed.result.valueBlock.value;
  if (items[0] instanceof asn1js.Enumerated) return { type: 'ocsp', der };
  if (items.length === 3 && items[0] instanceof asn1js.Sequence && items[2] instanceof asn1js.BitString) return { type: 'crl', der };
  return { type: 'unknown' };
}
