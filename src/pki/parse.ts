/**
 * Reading certificates as users hand them over: PEM text (one or many blocks), a DER
 * certificate, or a PKCS#7 / CMS SignedData bundle (DER, BER or PEM), typically a
 * certs-only `.p7b` / `.p7c`.
 */
import { BerLimitError, berChildren, parseBer } from '../asn1/ber.js';
import { children, DerError, isContext, isUniversal, oid, parseDer, sequence, UNIVERSAL } from '../asn1/der.js';
import { latin1, looksLikePem, pemBlocks } from './encoding.js';
import { decodeCertificateWithHash } from './certificate.js';

/** Bounds for one input: a trust bundle far beyond any real one is refused. */
export const PARSE_LIMITS = {
  /** Bytes in one input (PEM or DER). */
  maxInputBytes: 16 * 1024 * 1024,
  /** Certificates in one input. */
  maxCertificates: 2000,
} as const;

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const CERTIFICATE_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE']);
const PKCS7_LABELS = new Set(['PKCS7', 'PKCS #7 SIGNED DATA', 'CMS']);

function checkCertificate(der: Uint8Array, where: string): Uint8Array {
  try {
    decodeCertificateWithHash(der, '');
  } catch (error) {
    throw new TypeError(`${where}: ${(error as Error).message}`);
  }
  return der;
}

function certificatesFromSignedDataDer(der: Uint8Array): Uint8Array[] | undefined {
  const [typeNode, contentNode] = sequence(parseDer(der), 'ContentInfo');
  if (oid(typeNode) !== OID_SIGNED_DATA) return undefined;
  if (!isContext(contentNode, 0)) throw new DerError('ContentInfo content is not [0]');
  const [signedData] = children(contentNode);
  const fields = sequence(signedData, 'SignedData');
  const certs = fields.find((f) => isContext(f, 0) && f.constructed);
  if (!certs) return [];
  // CertificateChoices: only plain certificates (SEQUENCE); attribute and other certs are skipped.
  return children(certs)
    .filter((c) => isUniversal(c, UNIVERSAL.SEQUENCE))
    .map((c) => c.der.slice());
}

/**
 * The certificates of a BER SignedData (indefinite lengths, as some exporters still write),
 * read with the lazy BER reader: the bundle's other parts stay unread bytes.
 */
function certificatesFromSignedDataBer(der: Uint8Array): Uint8Array[] {
  const contentInfo = parseBer(der).tlv;
  const [type, explicit] = isUniversal(contentInfo, UNIVERSAL.SEQUENCE) ? berChildren(contentInfo, 'ContentInfo') : [];
  if (!isUniversal(type, UNIVERSAL.OID) || oid(type) !== OID_SIGNED_DATA) throw new TypeError('PKCS#7 content is not SignedData');
  const [signed] = isContext(explicit, 0) && explicit.constructed ? berChildren(explicit, 'ContentInfo content') : [];
  if (!isUniversal(signed, UNIVERSAL.SEQUENCE)) throw new TypeError('PKCS#7 SignedData is malformed');
  const certificates = berChildren(signed, 'SignedData').find((field) => isContext(field, 0) && field.constructed);
  if (!certificates) return [];
  let choices;
  try {
    choices = berChildren(certificates, 'certificates', PARSE_LIMITS.maxCertificates);
  } catch (error) {
    if (error instanceof BerLimitError) throw new RangeError(`more than ${PARSE_LIMITS.maxCertificates} certificates`);
    throw error;
  }
  // Certificates themselves are DER even inside a BER bundle: keep their bytes as sent.
  return choices.filter((c) => isUniversal(c, UNIVERSAL.SEQUENCE)).map((c) => c.der.slice());
}

function fromDer(der: Uint8Array, where: string): Uint8Array[] {
  let topLevel;
  try {
    topLevel = sequence(parseDer(der), 'top level');
  } catch (error) {
    // Indefinite-length PKCS#7 (BER) is still met in the wild.
    let certs: Uint8Array[];
    try {
      certs = certificatesFromSignedDataBer(der);
    } catch (berError) {
      if (berError instanceof RangeError) throw new TypeError(`${where}: ${berError.message}`);
      throw new TypeError(`${where}: not a DER certificate or PKCS#7 bundle (${(error as Error).message})`);
    }
    return certs.map((c, i) => checkCertificate(c, `${where}, certificate ${i + 1}`));
  }
  if (isUniversal(topLevel[0], UNIVERSAL.OID)) {
    let certs: Uint8Array[] | undefined;
    try {
      certs = certificatesFromSignedDataDer(der);
    } catch (error) {
      throw new TypeError(`${where}: malformed PKCS#7 bundle (${(error as Error).message})`);
    }
    if (certs === undefined) throw new TypeError(`${where}: PKCS#7 content is not SignedData`);
    return certs.map((c, i) => checkCertificate(c, `${where}, certificate ${i + 1}`));
  }
  return [checkCertificate(der.slice(), where)];
}

function fromPemText(text: string, where: string): Uint8Array[] {
  const blocks = pemBlocks(text);
  if (blocks.length === 0) throw new TypeError(`${where}: no PEM block found (expected -----BEGIN CERTIFICATE-----)`);
  const out: Uint8Array[] = [];
  blocks.forEach((block, i) => {
    const at = `${where}, PEM block ${i + 1} (${block.label})`;
    if (CERTIFICATE_LABELS.has(block.label)) out.push(checkCertificate(block.der, at));
    else if (PKCS7_LABELS.has(block.label)) out.push(...fromDer(block.der, at));
    // Other blocks (private keys, CRLs) are not certificates: skipped on purpose.
  });
  if (out.length === 0) throw new TypeError(`${where}: no certificate in the PEM text`);
  return out;
}

/**
 * Every certificate in `input`, as DER. Accepts PEM text (string or bytes; CERTIFICATE
 * and PKCS7 blocks, other blocks skipped), a DER certificate, or a DER/BER PKCS#7
 * SignedData bundle. Each certificate is checked to decode as X.509.
 *
 * Throws TypeError, naming what was wrong, for anything else (including an input with
 * no certificate at all, or more than PARSE_LIMITS allow).
 */
export function parseCertificates(input: Uint8Array | string, label = 'input'): Uint8Array[] {
  let certs: Uint8Array[];
  if (typeof input === 'string') {
    if (input.length > PARSE_LIMITS.maxInputBytes) throw new TypeError(`${label}: larger than ${PARSE_LIMITS.maxInputBytes} bytes`);
    certs = fromPemText(input, label);
  } else if (input instanceof Uint8Array) {
    if (input.length === 0) throw new TypeError(`${label}: empty`);
    if (input.length > PARSE_LIMITS.maxInputBytes) throw new TypeError(`${label}: larger than ${PARSE_LIMITS.maxInputBytes} bytes`);
    certs = looksLikePem(input) ? fromPemText(latin1(input), label) : fromDer(input, label);
  } else {
    throw new TypeError(`${label}: expected PEM text or bytes (Uint8Array)`);
  }
  if (certs.length === 0) throw new TypeError(`${label}: no certificate found`);
  if (certs.length > PARSE_LIMITS.maxCertificates) {
    throw new TypeError(`${label}: more than ${PARSE_LIMITS.maxCertificates} certificates`);
  }
  return certs;
}
