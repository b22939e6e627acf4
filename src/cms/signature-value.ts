/**
 * Checks a signature value with a certificate's public key through WebCrypto.
 * Supported: RSASSA-PKCS1-v1_5 and RSASSA-PSS (MGF1 with the same hash, as WebCrypto
 * requires) with SHA-1/256/384/512, and ECDSA over P-256/384/521. Anything else is
 * reported as unsupported, never as valid.
 */
import type { DigestAlgorithm } from '../io/hash.js';
import type { ParsedCertificate } from '../pki/certificate.js';
import { unsoundRsaKey } from '../pki/signature.js';
import type { Tlv } from '../pki/der.js';
import { isUniversal, oid as readOid, parseDer, sequence, smallInteger, UNIVERSAL } from '../pki/der.js';
import { berChildren } from './ber.js';
import { CURVE_BY_OID, DIGEST_BY_OID, ECDSA_DIGEST_BY_OID, OID, RSA_PKCS1_DIGEST_BY_OID } from './oids.js';
import type { CmsAlgorithm } from './signed-data.js';

export type SignatureCheck =
  | { readonly outcome: 'valid' | 'invalid'; readonly algorithm: string }
  | { readonly outcome: 'unsupported'; readonly algorithm: string };

interface WebCryptoPlan {
  readonly importAlgorithm: RsaHashedImportParams | EcKeyImportParams;
  readonly verifyAlgorithm: AlgorithmIdentifier | RsaPssParams | EcdsaParams;
  readonly name: string;
  readonly ecCoordinateBytes?: number;
}

function digestOf(node: Tlv | undefined): DigestAlgorithm | undefined {
  if (!isUniversal(node, UNIVERSAL.SEQUENCE)) return undefined;
  return DIGEST_BY_OID[readOid(berChildren(node)[0])];
}

/** PSS parameters per RFC 4055 §3.1 (defaults: SHA-1, MGF1-SHA-1, salt 20). */
function pssParameters(params: Tlv | undefined): { hash: DigestAlgorithm; saltLength: number } | undefined {
  let hash: DigestAlgorithm = 'SHA-1';
  let mgfHash: DigestAlgorithm = 'SHA-1';
  let saltLength = 20;
  try {
    if (isUniversal(params, UNIVERSAL.SEQUENCE)) {
      for (const item of berChildren(params)) {
        if (item.cls !== 2 || !item.constructed) return undefined;
        const [inner] = berChildren(item);
        switch (item.tag) {
          case 0: {
            const digest = digestOf(inner);
            if (!digest) return undefined;
            hash = digest;
            break;
          }
          case 1: {
            if (!isUniversal(inner, UNIVERSAL.SEQUENCE)) return undefined;
            const [mgf, mgfParams] = berChildren(inner);
            if (readOid(mgf) !== OID.mgf1) return undefined;
            const digest = digestOf(mgfParams);
            if (!digest) return undefined;
            mgfHash = digest;
            break;
          }
          case 2:
            if (!isUniversal(inner, UNIVERSAL.INTEGER)) return undefined;
            saltLength = smallInteger(inner, 4096);
            break;
          case 3:
            break;
          default:
            return undefined;
        }
      }
    } else if (params !== undefined && !isUniversal(params, UNIVERSAL.NULL)) {
      return undefined;
    }
  } catch {
    return undefined;
  }
  if (mgfHash !== hash || saltLength < 0 || saltLength > 1024) return undefined;
  return { hash, saltLength };
}

function planFor(certificate: ParsedCertificate, signatureAlgorithm: CmsAlgorithm, digest: DigestAlgorithm | undefined): WebCryptoPlan | string {
  const keyAlgorithm = certificate.spkiAlgorithm.oid;
  const sigOid = signatureAlgorithm.oid;
  if (keyAlgorithm === OID.rsaEncryption || keyAlgorithm === OID.rsaPss) {
    if (sigOid === OID.rsaPss) {
      const pss = pssParameters(signatureAlgorithm.params);
      if (!pss) return 'RSA-PSS with unsupported parameters';
      return {
        importAlgorithm: { name: 'RSA-PSS', hash: pss.hash },
        verifyAlgorithm: { name: 'RSA-PSS', saltLength: pss.saltLength },
        name: `RSA-PSS ${pss.hash}`,
      };
    }
    const hash = sigOid === OID.rsaEncryption ? digest : RSA_PKCS1_DIGEST_BY_OID[sigOid];
    if (!hash) return `RSA with ${sigOid}`;
    return {
      importAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash },
      verifyAlgorithm: { name: 'RSASSA-PKCS1-v1_5' },
      name: `RSASSA-PKCS1-v1_5 ${hash}`,
    };
  }
  if (keyAlgorithm === OID.ecPublicKey) {
    let curveOid = '';
    try {
      curveOid = certificate.spkiAlgorithm.params ? readOid(parseDer(certificate.spkiAlgorithm.params)) : '';
    } catch {
      curveOid = '';
    }
    const curve = CURVE_BY_OID[curveOid];
    if (!curve) return `ECDSA on curve ${curveOid || '(explicit parameters)'}`;
    const hash = ECDSA_DIGEST_BY_OID[sigOid] ?? (sigOid === OID.ecPublicKey ? digest : undefined);
    if (!hash) return `ECDSA with ${sigOid}`;
    return {
      importAlgorithm: { name: 'ECDSA', namedCurve: curve.name },
      verifyAlgorithm: { name: 'ECDSA', hash },
      name: `ECDSA ${curve.name} ${hash}`,
      ecCoordinateBytes: curve.bytes,
    };
  }
  return `public key ${keyAlgorithm}`;
}

/** DER ECDSA-Sig-Value → r || s, each left-padded to the curve size; undefined if malformed. */
export function ecdsaDerToRaw(der: Uint8Array, coordinateBytes: number): Uint8Array | undefined {
  let parts: Tlv[];
  try {
    parts = sequence(parseDer(der), 'ECDSA-Sig-Value');
  } catch {
    return undefined;
  }
  if (parts.length !== 2) return undefined;
  const raw = new Uint8Array(coordinateBytes * 2);
  for (let i = 0; i < 2; i++) {
    const part = parts[i];
    if (!isUniversal(part, UNIVERSAL.INTEGER)) return undefined;
    let bytes = part.content;
    while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
    if (bytes.length > coordinateBytes) return undefined;
    raw.set(bytes, i * coordinateBytes + (coordinateBytes - bytes.length));
  }
  return raw;
}

/** Imported keys, by certificate and algorithm: people sign many documents with one key. */
const KEYS = new Map<string, Promise<CryptoKey>>();
const MAX_KEYS = 1024;

function importedKey(certificate: ParsedCertificate, plan: WebCryptoPlan): Promise<CryptoKey> {
  const id = `${certificate.sha256}|${JSON.stringify(plan.importAlgorithm)}`;
  let key = KEYS.get(id);
  if (!key) {
    key = globalThis.crypto.subtle.importKey('spki', certificate.spki as BufferSource, plan.importAlgorithm, false, ['verify']);
    // A refused import must not stay cached as a rejected promise for the next caller.
    key.catch(() => KEYS.delete(id));
    if (KEYS.size >= MAX_KEYS) KEYS.clear();
    KEYS.set(id, key);
  }
  return key;
}

/**
 * Verifies `signature` over `data` with the certificate's key. `digest` is used
 * when the signature algorithm does not name one itself (CMS's bare rsaEncryption).
 */
export async function checkSignatureValue(
  certificate: ParsedCertificate,
  signatureAlgorithm: CmsAlgorithm,
  digest: DigestAlgorithm | undefined,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<SignatureCheck> {
  const plan = planFor(certificate, signatureAlgorithm, digest);
  if (typeof plan === 'string') return { outcome: 'unsupported', algorithm: plan };
  if (plan.importAlgorithm.name !== 'ECDSA' && unsoundRsaKey(certificate.publicKey)) return { outcome: 'invalid', algorithm: plan.name };
  let signatureBytes = signature;
  if (plan.ecCoordinateBytes !== undefined) {
    const raw = ecdsaDerToRaw(signature, plan.ecCoordinateBytes);
    if (!raw) return { outcome: 'invalid', algorithm: plan.name };
    signatureBytes = raw;
  }
  try {
    const key = await importedKey(certificate, plan);
    const ok = await globalThis.crypto.subtle.verify(plan.verifyAlgorithm, key, signatureBytes as BufferSource, data as BufferSource);
    return { outcome: ok ? 'valid' : 'invalid', algorithm: plan.name };
  } catch {
    // A key WebCrypto refuses to import (bad encoding, tiny RSA modulus) cannot vouch for anything.
    return { outcome: 'invalid', algorithm: plan.name };
  }
}
