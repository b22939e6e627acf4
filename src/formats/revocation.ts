/**
 * Tells a CRL from an OCSP response by content (DER or PEM), for `--revocation FILE`.
 * A CRL is SEQUENCE { tbsCertList SEQUENCE, AlgorithmIdentifier, BIT STRING }; an
 * OCSPResponse is SEQUENCE { ENUMERATED status, [0] responseBytes }.
 */
import * as asn1js from 'asn1js';
import { decodePem } from '../io/pem.js';

export type RevocationFile = { type: 'crl' | 'ocsp'; der: Uint8Array } | { type: 'unknown' };

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
