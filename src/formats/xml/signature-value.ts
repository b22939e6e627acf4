/**
 * Checks an XMLDSig SignatureValue over canonical SignedInfo with a certificate's key,
 * through WebCrypto. ECDSA values are r||s (RFC 4050 / XMLDSig 1.1 §6.4.3), exactly
 * what WebCrypto verifies; a longer value (a DER-encoded one, say) is invalid, not
 * converted; a shorter one of even length is Java's trimmed r||s and is padded.
 */
import type { ParsedCertificate } from '../../pki/certificate.js';
import { oversizedKeyText, oversizedRsaKey, unsoundRsaKey } from '../../pki/signature.js';
import { oid, parseDer } from '../../asn1/der.js';
import type { Message } from '../../report/messages.js';
import { digestLength, type SignatureMethod } from './algorithms.js';
import { XML_MESSAGES } from './messages.js';

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const CURVES: Readonly<Record<string, { name: 'P-256' | 'P-384' | 'P-521'; coordinateBytes: number }>> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', coordinateBytes: 32 },
  '1.3.132.0.34': { name: 'P-384', coordinateBytes: 48 },
  '1.3.132.0.35': { name: 'P-521', coordinateBytes: 66 },
};

export interface SignatureValueCheck {
  /** `unsupported`: kyso cannot run the maths (an elliptic curve it does not know, an RSA key too large): nothing was proven either way. */
  readonly outcome: 'valid' | 'invalid' | 'unsupported';
  /** Readable name, e.g. `RSASSA-PKCS1-v1_5 SHA-256`, `ECDSA P-256 SHA-256`. */
  readonly algorithm: string;
  readonly message?: Message;
}

function curveOf(certificate: ParsedCertificate): (typeof CURVES)[string] | undefined {
  const params = certificate.spkiAlgorithm.params;
  if (!params) return undefined;
  try {
    return CURVES[oid(parseDer(params))];
  } catch {
    return undefined;
  }
}

function curveOid(certificate: ParsedCertificate): string {
  const params = certificate.spkiAlgorithm.params;
  if (!params) return '(none)';
  try {
    return oid(parseDer(params));
  } catch {
    return '(unreadable)';
  }
}

export function algorithmName(method: SignatureMethod, certificate?: ParsedCertificate): string {
  if (method.padding === 'ecdsa') {
    const curve = certificate ? curveOf(certificate) : undefined;
    return curve ? `ECDSA ${curve.name} ${method.hash}` : `ECDSA ${method.hash}`;
  }
  return method.padding === 'pss' ? `RSA-PSS ${method.hash}` : `RSASSA-PKCS1-v1_5 ${method.hash}`;
}

/** r||s with each half of `value` left-padded with zero bytes to `size`. */
function padHalves(value: Uint8Array, size: number): Uint8Array {
  const half = value.length / 2;
  const out = new Uint8Array(size * 2);
  out.set(value.subarray(0, half), size - half);
  out.set(value.subarray(half), size * 2 - half);
  return out;
}

export async function checkXmlSignatureValue(
  certificate: ParsedCertificate,
  method: SignatureMethod,
  signedInfo: Uint8Array,
  signature: Uint8Array,
): Promise<SignatureValueCheck> {
  const algorithm = algorithmName(method, certificate);
  const keyOid = certificate.spkiAlgorithm.oid;
  let importAlgorithm: RsaHashedImportParams | EcKeyImportParams;
  let verifyAlgorithm: AlgorithmIdentifier | RsaPssParams | EcdsaParams;
  if (method.key === 'RSA') {
    if (keyOid !== RSA_ENCRYPTION) {
      return { outcome: 'invalid', algorithm, message: XML_MESSAGES.XML_KEY_ALGORITHM_MISMATCH({ key: keyOid, algorithm }) };
    }
    const name = method.padding === 'pss' ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5';
    importAlgorithm = { name, hash: method.hash };
    verifyAlgorithm = method.padding === 'pss' ? { name, saltLength: method.saltLength ?? digestLength(method.hash) } : { name };
  } else {
    if (keyOid !== EC_PUBLIC_KEY) return { outcome: 'invalid', algorithm, message: XML_MESSAGES.XML_KEY_ALGORITHM_MISMATCH({ key: keyOid, algorithm }) };
    const curve = curveOf(certificate);
    if (!curve) {
      // brainpool and other named curves WebCrypto lacks: the value may well be right.
      return { outcome: 'unsupported', algorithm, message: XML_MESSAGES.XML_CURVE_UNSUPPORTED({ curve: curveOid(certificate) }) };
    }
    if (signature.length < curve.coordinateBytes * 2 && signature.length >= 2 && signature.length % 2 === 0) {
      // Java's XMLDSig (JDK and Santuario before their fix) wrote r||s at the length of the
      // longer of r and s, not the curve's: both halves lose their leading zero bytes when
      // both start with one (one P-521 signature in four). xmlsec verifies such values
      // (its vector enveloped-ecdsa-java-bug); each half is left-padded back. The maths
      // still decides: a shorter value that is not this yields an invalid signature.
      signature = padHalves(signature, curve.coordinateBytes);
    }
    if (signature.length !== curve.coordinateBytes * 2) {
      return {
        outcome: 'invalid',
        algorithm,
        message: XML_MESSAGES.XML_ECDSA_VALUE_LENGTH({ length: signature.length, expected: curve.coordinateBytes * 2 }),
      };
    }
    importAlgorithm = { name: 'ECDSA', namedCurve: curve.name };
    verifyAlgorithm = { name: 'ECDSA', hash: method.hash };
  }
  if (importAlgorithm.name !== 'ECDSA' && unsoundRsaKey(certificate.publicKey)) {
    return { outcome: 'invalid', algorithm, message: XML_MESSAGES.XML_SIGNATURE_VALUE_INVALID() };
  }
  // A key past what mainstream verifiers accept (pki/signature.ts oversizedRsaKey): WebCrypto
  // would refuse it, which is not the signature proven wrong. Not checked, as in CMS.
  const oversized = importAlgorithm.name === 'ECDSA' ? undefined : oversizedRsaKey(certificate.publicKey);
  if (oversized) return { outcome: 'unsupported', algorithm, message: XML_MESSAGES.XML_RSA_KEY_TOO_LARGE({ key: oversizedKeyText(oversized) }) };
  try {
    const subtle = globalThis.crypto.subtle;
    const key = await subtle.importKey('spki', certificate.spki as BufferSource, importAlgorithm, false, ['verify']);
    const ok = await subtle.verify(verifyAlgorithm, key, signature as BufferSource, signedInfo as BufferSource);
    return ok ? { outcome: 'valid', algorithm } : { outcome: 'invalid', algorithm, message: XML_MESSAGES.XML_SIGNATURE_VALUE_INVALID() };
  } catch {
    // A key WebCrypto refuses (bad encoding, tiny modulus) vouches for nothing.
    return { outcome: 'invalid', algorithm, message: XML_MESSAGES.XML_KEY_ALGORITHM_MISMATCH({ key: keyOid, algorithm }) };
  }
}
