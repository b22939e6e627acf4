/**
 * Signature verification for certificates, CRLs and OCSP responses through WebCrypto.
 *
 * Supported: RSA PKCS#1 v1.5 with SHA-1/256/384/512 and SHA3-256/384/512 (SHA-3 by hand,
 * WebCrypto has none), RSASSA-PSS (MGF1 with the same hash, any salt length, trailer 1;
 * within an id-RSASSA-PSS key's own parameters), ECDSA on P-256/P-384/P-521 with
 * SHA-1/256/384/512 (r and s in DER), and Ed25519 where the platform has it. Not supported (reported as such, never as
 * valid): DSA, MD2/MD5, SHA-224, explicit EC parameters, PSS with a different MGF hash.
 *
 * No algorithm policy here (SHA-1 is verified, as documents signed years ago need it):
 * acceptance by date belongs to the caller's policy.
 */
import {
  algorithmIdentifier,
  bitString,
  children,
  DER_NULL,
  DerError,
  encodeOid,
  encodeSequence,
  encodeTlv,
  integerContentToBigInt,
  isUniversal,
  oid,
  parseDer,
  sequence,
  smallInteger,
  TagClass,
  UNIVERSAL,
  concat,
  type Tlv,
} from '../asn1/der.js';
import { sha3_256, sha3_384, sha3_512 } from '@noble/hashes/sha3.js';
import { bytesToBase64, exactBuffer } from './encoding.js';
import type { AlgorithmIdentifier } from './certificate.js';
import { cryptoEngine } from './crypto-engine.js';

type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

const HASH_OIDS: Readonly<Record<string, HashName>> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

const RSA_PKCS1: Readonly<Record<string, HashName>> = {
  '1.2.840.113549.1.1.5': 'SHA-1',
  '1.3.14.3.2.29': 'SHA-1',
  '1.2.840.113549.1.1.11': 'SHA-256',
  '1.2.840.113549.1.1.12': 'SHA-384',
  '1.2.840.113549.1.1.13': 'SHA-512',
};

const ECDSA: Readonly<Record<string, HashName>> = {
  '1.2.840.10045.4.1': 'SHA-1',
  '1.2.840.10045.4.3.2': 'SHA-256',
  '1.2.840.10045.4.3.3': 'SHA-384',
  '1.2.840.10045.4.3.4': 'SHA-512',
};

/**
 * RSASSA-PKCS1-v1_5 with SHA-3 (NIST sigAlgs arc; CMS signers that name only
 * rsaEncryption get here through their SHA-3 digestAlgorithm). WebCrypto has no SHA-3,
 * so these are checked by RSAVP1 and an exact comparison of the encoded message.
 * ECDSA with SHA-3 is not supported (WebCrypto cannot verify a pre-hashed message).
 */
const RSA_PKCS1_SHA3: Readonly<Record<string, { name: string; oid: string; digest: (data: Uint8Array) => Uint8Array }>> = {
  '2.16.840.1.101.3.4.3.14': { name: 'SHA3-256', oid: '2.16.840.1.101.3.4.2.8', digest: sha3_256 },
  '2.16.840.1.101.3.4.3.15': { name: 'SHA3-384', oid: '2.16.840.1.101.3.4.2.9', digest: sha3_384 },
  '2.16.840.1.101.3.4.3.16': { name: 'SHA3-512', oid: '2.16.840.1.101.3.4.2.10', digest: sha3_512 },
};

const OID_RSA_PSS = '1.2.840.113549.1.1.10';
const OID_MGF1 = '1.2.840.113549.1.1.8';
const OID_RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const OID_ED25519 = '1.3.101.112';

const CURVES: Readonly<Record<string, { name: 'P-256' | 'P-384' | 'P-521'; size: number }>> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', size: 32 },
  '1.3.132.0.34': { name: 'P-384', size: 48 },
  '1.3.132.0.35': { name: 'P-521', size: 66 },
};

const ALGORITHM_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.3.14.3.2.29': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.2': 'md2WithRSAEncryption',
  [OID_RSA_PSS]: 'RSASSA-PSS',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.10040.4.3': 'dsa-with-SHA1',
  '2.16.840.1.101.3.4.3.2': 'dsa-with-SHA256',
  [OID_ED25519]: 'Ed25519',
  '2.16.840.1.101.3.4.3.14': 'id-rsassa-pkcs1-v1_5-with-sha3-256',
  '2.16.840.1.101.3.4.3.15': 'id-rsassa-pkcs1-v1_5-with-sha3-384',
  '2.16.840.1.101.3.4.3.16': 'id-rsassa-pkcs1-v1_5-with-sha3-512',
  '2.16.840.1.101.3.4.3.10': 'id-ecdsa-with-sha3-256',
  '2.16.840.1.101.3.4.3.11': 'id-ecdsa-with-sha3-384',
  '2.16.840.1.101.3.4.3.12': 'id-ecdsa-with-sha3-512',
};

export function signatureAlgorithmName(algorithmOid: string): string {
  return ALGORITHM_NAMES[algorithmOid] ?? algorithmOid;
}

export type SignatureCheck =
  | {
      readonly ok: true;
      readonly scheme?: string;
      /** RSASSA-PKCS1-v1_5 whose DigestInfo omits the NULL hash parameters (accepted only when the caller allows it). */
      readonly digestInfoWithoutNull?: true;
    }
  | {
      readonly ok: false;
      readonly reason: 'invalid' | 'unsupported' | 'malformed';
      readonly detail: string;
      readonly scheme?: string;
      /** Set when the key is an RSA key past the bounds of `oversizedRsaKey` (reason 'unsupported'). */
      readonly oversized?: OversizedRsaKey;
    };

/** A readable name of the verification a plan does: `RSASSA-PKCS1-v1_5 SHA-256`, `RSA-PSS SHA-256`, `ECDSA P-256 SHA-256`, `Ed25519`. */
function schemeName(p: VerifyPlan): string {
  const imported = p.importAlgorithm as { name: string; hash?: string; namedCurve?: string };
  const verified = p.verifyAlgorithm as { hash?: string };
  if (imported.name === 'ECDSA') return `ECDSA ${imported.namedCurve ?? '?'} ${verified.hash ?? '?'}`;
  return imported.hash ? `${imported.name} ${imported.hash}` : imported.name;
}

export interface VerifyOptions {
  /**
   * RFC 8017 §9.2 note 2: some signers omit the NULL parameters of the hash in the
   * DigestInfo; WebCrypto only takes the form with NULL. When allowed, that other form is
   * checked too (exactly, by RSAVP1 and comparison), and reported by the result.
   */
  readonly allowDigestInfoWithoutNull?: boolean;
}

const HASH_OID_BY_NAME: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(HASH_OIDS).map(([oid, name]) => [name, oid]));

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/**
 * RSAVP1 then an exact comparison with EMSA-PKCS1-v1_5 of `digest`, the DigestInfo's
 * AlgorithmIdentifier with the NULL parameters or without them (RFC 8017 §9.2 note 2).
 */
function rsaPkcs1ByHand(digest: Uint8Array, hashOid: string, signature: Uint8Array, spki: Uint8Array, withNull: boolean): boolean {
  try {
    const [, keyBits] = sequence(parseDer(spki), 'SubjectPublicKeyInfo');
    const [modulusNode, exponentNode] = sequence(parseDer(bitString(keyBits).bytes), 'RSAPublicKey');
    const n = BigInt('0x' + Array.from(expectPositive(modulusNode), (b) => b.toString(16).padStart(2, '0')).join(''));
    const e = BigInt('0x' + Array.from(expectPositive(exponentNode), (b) => b.toString(16).padStart(2, '0')).join(''));
    const k = expectPositive(modulusNode).length;
    if (signature.length !== k) return false;
    const s = BigInt('0x' + Array.from(signature, (b) => b.toString(16).padStart(2, '0')).join(''));
    if (s >= n) return false;
    const m = modPow(s, e, n).toString(16).padStart(k * 2, '0');
    const algorithm = encodeSequence(withNull ? [encodeOid(hashOid), DER_NULL] : [encodeOid(hashOid)]);
    const t = encodeSequence([algorithm, encodeTlv(0x04, digest)]);
    if (k < t.length + 11) return false;
    const em = concat([Uint8Array.of(0x00, 0x01), new Uint8Array(k - t.length - 3).fill(0xff), Uint8Array.of(0x00), t]);
    return m === Array.from(em, (b) => b.toString(16).padStart(2, '0')).join('');
  } catch {
    return false;
  }
}

/** The DigestInfo form without NULL, for a hash WebCrypto computes. */
async function digestInfoWithoutNull(data: Uint8Array, signature: Uint8Array, spki: Uint8Array, hash: string): Promise<boolean> {
  const hashOid = HASH_OID_BY_NAME[hash];
  if (!hashOid) return false;
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest(hash, exactBuffer(data)));
  return rsaPkcs1ByHand(digest, hashOid, signature, spki, false);
}

/** RSASSA-PKCS1-v1_5 with SHA-3, by hand (see RSA_PKCS1_SHA3). */
function verifySha3Pkcs1(
  data: Uint8Array,
  signature: Uint8Array,
  sha3: (typeof RSA_PKCS1_SHA3)[string],
  spki: Uint8Array,
  keyAlgorithm: AlgorithmIdentifier,
  options: VerifyOptions,
): SignatureCheck {
  const scheme = `RSASSA-PKCS1-v1_5 ${sha3.name}`;
  if (keyAlgorithm.oid !== OID_RSA_ENCRYPTION) return { ok: false, reason: 'unsupported', detail: 'RSA signature with a key that is not rsaEncryption', scheme };
  const refused = refusedRsaKey(spkiFacts(spki), scheme);
  if (refused) return refused;
  const digest = sha3.digest(data);
  if (rsaPkcs1ByHand(digest, sha3.oid, signature, spki, true)) return { ok: true, scheme };
  if (options.allowDigestInfoWithoutNull && rsaPkcs1ByHand(digest, sha3.oid, signature, spki, false)) return { ok: true, scheme, digestInfoWithoutNull: true };
  return { ok: false, reason: 'invalid', detail: 'signature does not verify', scheme };
}

/** An INTEGER's magnitude octets (leading zero dropped). */
function expectPositive(node: Tlv | undefined): Uint8Array {
  if (!isUniversal(node, UNIVERSAL.INTEGER) || node.content.length === 0 || ((node.content[0] as number) & 0x80) !== 0) throw new DerError('bad RSA integer');
  return node.content[0] === 0 ? node.content.subarray(1) : node.content;
}

interface VerifyPlan {
  readonly importAlgorithm: RsaHashedImportParams | EcKeyImportParams | Algorithm;
  readonly verifyAlgorithm: AlgorithmIdentifierLike;
  readonly spki: Uint8Array;
  readonly ecSize?: number;
}

type AlgorithmIdentifierLike = RsaPssParams | EcdsaParams | Algorithm;

class Unsupported extends Error {}

/** A signature the key's own restrictions forbid: invalid, whatever the maths says. */
class Forbidden extends Error {}

/** A hash AlgorithmIdentifier inside RSASSA-PSS-params: parameters NULL or absent (RFC 4055 §2.1). */
function pssHash(tlv: Tlv | undefined, what: string): HashName {
  const id = algorithmIdentifier(tlv, what);
  if (id.params !== undefined && !(id.params.length === 2 && id.params[0] === 0x05 && id.params[1] === 0x00)) throw new DerError(`bad ${what} parameters`);
  const hash = HASH_OIDS[id.oid];
  if (!hash) throw new Unsupported(`RSASSA-PSS with an unsupported ${what}`);
  return hash;
}

/**
 * RSASSA-PSS-params (RFC 4055 §3.1), read as DER: each field at most once, in order, with one
 * value. Read loosely, a field written twice was the last one's to kyso and unparsable to
 * OpenSSL.
 */
function pssParameters(params: Uint8Array | undefined): { hash: HashName; saltLength: number } {
  let hash: HashName = 'SHA-1';
  let mgfHash: HashName = 'SHA-1';
  let saltLength = 20;
  if (params !== undefined) {
    let last = -1;
    for (const field of sequence(parseDer(params), 'RSASSA-PSS-params')) {
      const [inner, extra] = children(field);
      const tag = field.cls === TagClass.Context ? field.tag : -1;
      if (tag < 0 || tag > 3 || tag <= last || inner === undefined || extra !== undefined) throw new DerError('bad RSASSA-PSS-params');
      last = tag;
      if (tag === 0) {
        hash = pssHash(inner, 'hash');
      } else if (tag === 1) {
        const mgf = algorithmIdentifier(inner, 'maskGenAlgorithm');
        if (mgf.oid !== OID_MGF1) throw new Unsupported('RSASSA-PSS with a mask generation other than MGF1');
        mgfHash = pssHash(mgf.params === undefined ? undefined : parseDer(mgf.params), 'MGF1 hash');
      } else if (tag === 2) {
        if (!isUniversal(inner, UNIVERSAL.INTEGER)) throw new DerError('bad saltLength');
        saltLength = smallInteger(inner, 1024);
      } else if (!isUniversal(inner, UNIVERSAL.INTEGER) || smallInteger(inner) !== 1) {
        throw new Unsupported('RSASSA-PSS trailer field other than 1');
      }
    }
  }
  if (mgfHash !== hash) throw new Unsupported('RSASSA-PSS with an MGF1 hash different from the message hash');
  return { hash, saltLength };
}

/** Re-labels an id-RSASSA-PSS key as rsaEncryption so WebCrypto imports it. */
function asRsaEncryptionSpki(spki: Uint8Array): Uint8Array {
  const [, keyBits] = sequence(parseDer(spki), 'SubjectPublicKeyInfo');
  if (!keyBits) throw new DerError('bad SubjectPublicKeyInfo');
  return encodeSequence([encodeSequence([encodeOid(OID_RSA_ENCRYPTION), DER_NULL]), keyBits.der]);
}

/**
 * Why an RSA public key cannot vouch for anything, or undefined when it is sound: an
 * exponent of 1 (or any even one) makes "signatures" anyone can compute (with e = 1 the
 * signature is the padded hash itself), and an even modulus is no RSA modulus.
 * `publicKey` is the subjectPublicKey BIT STRING content (RSAPublicKey).
 */
export function unsoundRsaKey(publicKey: Uint8Array): string | undefined {
  try {
    const [modulus, exponent, extra] = sequence(parseDer(publicKey), 'RSAPublicKey');
    if (!isUniversal(modulus, UNIVERSAL.INTEGER) || !isUniversal(exponent, UNIVERSAL.INTEGER) || extra !== undefined) return 'malformed RSA public key';
    const e = exponent.content;
    if (e.length === 0 || (e[0]! & 0x80) !== 0) return 'negative RSA exponent';
    if ((e[e.length - 1]! & 1) === 0) return 'even RSA exponent';
    if (e.every((b, i) => (i === e.length - 1 ? b < 3 : b === 0))) return 'RSA exponent below 3';
    const n = modulus.content;
    if (n.length === 0 || (n[n.length - 1]! & 1) === 0) return 'even RSA modulus';
    return undefined;
  } catch {
    return 'malformed RSA public key';
  }
}

/**
 * RSA keys past what mainstream verifiers accept: OpenSSL refuses moduli over 16384 bits
 * (OPENSSL_RSA_MAX_MODULUS_BITS) and, above 3072 bits, exponents over 64 bits; real keys use
 * 65537 or 3. The by-hand RSAVP1 (SHA-3, DigestInfo without NULL) costs one squaring of the
 * modulus per exponent bit, so a crafted key of 2^15 bits with e = n cost half a minute
 * per signature: such keys are not checked at all, whatever path would check them.
 */
export const MAX_RSA_MODULUS_BITS = 16384;
export const MAX_RSA_EXPONENT_BITS = 64;

export interface OversizedRsaKey {
  readonly modulusBits: number;
  readonly exponentBits: number;
}

/** Bits of an INTEGER's content read as unsigned (leading zero octets ignored). */
function integerBits(content: Uint8Array): number {
  let start = 0;
  while (start < content.length && content[start] === 0) start++;
  if (start === content.length) return 0;
  return (content.length - start - 1) * 8 + (32 - Math.clz32(content[start]!));
}

/** The sizes of an RSA key past MAX_RSA_MODULUS_BITS or MAX_RSA_EXPONENT_BITS, else undefined (also for keys unsoundRsaKey refuses). */
export function oversizedRsaKey(publicKey: Uint8Array): OversizedRsaKey | undefined {
  try {
    const [modulus, exponent] = sequence(parseDer(publicKey), 'RSAPublicKey');
    if (!isUniversal(modulus, UNIVERSAL.INTEGER) || !isUniversal(exponent, UNIVERSAL.INTEGER)) return undefined;
    const modulusBits = integerBits(modulus.content);
    const exponentBits = integerBits(exponent.content);
    return modulusBits > MAX_RSA_MODULUS_BITS || exponentBits > MAX_RSA_EXPONENT_BITS ? { modulusBits, exponentBits } : undefined;
  } catch {
    return undefined;
  }
}

function plan(algorithm: AlgorithmIdentifier, spki: Uint8Array, keyAlgorithm: AlgorithmIdentifier): VerifyPlan {
  const pkcs1 = RSA_PKCS1[algorithm.oid];
  const isRsaKey = keyAlgorithm.oid === OID_RSA_ENCRYPTION || keyAlgorithm.oid === OID_RSA_PSS;
  if (pkcs1) {
    if (keyAlgorithm.oid !== OID_RSA_ENCRYPTION) throw new Unsupported('RSA signature with a key that is not rsaEncryption');
    return { importAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: pkcs1 }, verifyAlgorithm: { name: 'RSASSA-PKCS1-v1_5' }, spki };
  }
  if (algorithm.oid === OID_RSA_PSS) {
    if (!isRsaKey) throw new Unsupported('RSASSA-PSS signature with a non-RSA key');
    const { hash, saltLength } = pssParameters(algorithm.params);
    // RFC 4055 §3.3: an id-RSASSA-PSS key with parameters signs with the same hash and MGF
    // and a salt at least as long (OpenSSL: "digest not allowed"). The defaults of absent
    // key parameters restrict nothing.
    if (keyAlgorithm.oid === OID_RSA_PSS && keyAlgorithm.params !== undefined) {
      const allowed = pssParameters(keyAlgorithm.params);
      if (allowed.hash !== hash || saltLength < allowed.saltLength) {
        throw new Forbidden(`RSASSA-PSS ${hash} salt ${saltLength} outside the key's restriction (${allowed.hash}, salt at least ${allowed.saltLength})`);
      }
    }
    const keySpki = keyAlgorithm.oid === OID_RSA_PSS ? asRsaEncryptionSpki(spki) : spki;
    return { importAlgorithm: { name: 'RSA-PSS', hash }, verifyAlgorithm: { name: 'RSA-PSS', saltLength }, spki: keySpki };
  }
  const ecdsa = ECDSA[algorithm.oid];
  if (ecdsa) {
    if (keyAlgorithm.oid !== OID_EC_PUBLIC_KEY || keyAlgorithm.params === undefined) throw new Unsupported('ECDSA signature with a non-EC key');
    const params = parseDer(keyAlgorithm.params);
    if (!isUniversal(params, UNIVERSAL.OID)) throw new Unsupported('EC key with explicit curve parameters');
    const curve = CURVES[oid(params)];
    if (!curve) throw new Unsupported(`EC curve ${oid(params)}`);
    return {
      importAlgorithm: { name: 'ECDSA', namedCurve: curve.name },
      verifyAlgorithm: { name: 'ECDSA', hash: ecdsa },
      spki,
      ecSize: curve.size,
    };
  }
  if (algorithm.oid === OID_ED25519) {
    if (keyAlgorithm.oid !== OID_ED25519) throw new Unsupported('Ed25519 signature with a non-Ed25519 key');
    return { importAlgorithm: { name: 'Ed25519' }, verifyAlgorithm: { name: 'Ed25519' }, spki };
  }
  throw new Unsupported(`signature algorithm ${signatureAlgorithmName(algorithm.oid)}`);
}

/** ECDSA-Sig-Value (DER SEQUENCE of r, s) to the fixed-size r‖s WebCrypto wants. */
function ecdsaRaw(signature: Uint8Array, size: number): Uint8Array {
  const [r, s, extra] = sequence(parseDer(signature), 'ECDSA-Sig-Value');
  if (!isUniversal(r, UNIVERSAL.INTEGER) || !isUniversal(s, UNIVERSAL.INTEGER) || extra !== undefined) {
    throw new DerError('bad ECDSA-Sig-Value');
  }
  const fixed = (n: Uint8Array): Uint8Array => {
    // r and s are positive INTEGERs in DER (SEC 1 §C.5): a superfluous leading zero or a
    // negative value is another encoding of a signature OpenSSL refuses (it re-encodes
    // and compares), so one signature would have many accepted forms.
    if (integerContentToBigInt(n) <= 0n) throw new DerError('ECDSA integer not positive');
    const trimmed = n[0] === 0 ? n.subarray(1) : n;
    if (trimmed.length > size) throw new DerError('ECDSA integer longer than the curve');
    const out = new Uint8Array(size);
    out.set(trimmed, size - trimmed.length);
    return out;
  };
  return concat([fixed(r.content), fixed(s.content)]);
}

/** What verify() reads from a SubjectPublicKeyInfo before any key is imported. */
interface SpkiFacts {
  /** The key cache's name for these bytes. */
  readonly base64: string;
  /** Read as an RSA key: why its structure is unreadable, else why it is unsound, else its sizes past the bounds (none: a sound key). */
  readonly rsa: { readonly malformed?: string; readonly unsound?: string; readonly oversized?: OversizedRsaKey };
}

/**
 * SpkiFacts per SubjectPublicKeyInfo array, by the array's identity: the keys of
 * certificates decoded once across documents (certificate.ts) are the same arrays in every
 * document, and base64-encoding and re-reading them for each signature was a tenth of
 * verify()'s own time. A pure function of the bytes; another array, even with equal bytes,
 * is read again. Arrays are treated as immutable once given.
 */
const SPKI_FACTS = new WeakMap<Uint8Array, SpkiFacts>();

function spkiFacts(spki: Uint8Array): SpkiFacts {
  let facts = SPKI_FACTS.get(spki);
  if (!facts) {
    let rsa: SpkiFacts['rsa'];
    try {
      const [, key] = sequence(parseDer(spki), 'SubjectPublicKeyInfo');
      const publicKey = bitString(key).bytes;
      const unsound = unsoundRsaKey(publicKey);
      const oversized = unsound === undefined ? oversizedRsaKey(publicKey) : undefined;
      rsa = unsound !== undefined ? { unsound } : oversized !== undefined ? { oversized } : {};
    } catch (error) {
      rsa = { malformed: (error as Error).message };
    }
    facts = { base64: bytesToBase64(spki), rsa };
    SPKI_FACTS.set(spki, facts);
  }
  return facts;
}

/**
 * Why an RSA key is not used, before any key is imported or any maths runs (the one gate of
 * every RSA check: engine, WebCrypto, by hand). An oversized key is not proven wrong, so it
 * is 'unsupported', with its sizes (`oversized`) for the caller's message.
 */
function refusedRsaKey(facts: SpkiFacts, scheme: string): SignatureCheck | undefined {
  const { malformed, unsound, oversized } = facts.rsa;
  if (malformed !== undefined) return { ok: false, reason: 'malformed', detail: malformed };
  if (unsound !== undefined) return { ok: false, reason: 'invalid', detail: unsound, scheme };
  if (oversized === undefined) return undefined;
  return { ok: false, reason: 'unsupported', detail: `RSA key too large (${oversizedKeyText(oversized)})`, scheme, oversized };
}

/** An oversized key in a few words, for messages: `RSA-16416 > 16384 bit`, `RSA-2048, e 65 bit > 64 bit`. */
export function oversizedKeyText(oversized: OversizedRsaKey): string {
  return oversized.modulusBits > MAX_RSA_MODULUS_BITS
    ? `RSA-${oversized.modulusBits} > ${MAX_RSA_MODULUS_BITS} bit`
    : `RSA-${oversized.modulusBits}, e ${oversized.exponentBits} bit > ${MAX_RSA_EXPONENT_BITS} bit`;
}

/**
 * Keys the engine imported, across validations, by import algorithm and exact SPKI bytes:
 * an engine key is a parsed public key, a pure function of those (the CA keys of a folder
 * were imported again for every document, a tenth of a small PDF's time in node:crypto).
 * Whether a signature verifies is still asked of the key each time. Per engine, so a
 * test that swaps engines never gets another engine's handle.
 */
const ENGINE_KEYS = new WeakMap<object, Map<string, unknown>>();
const MAX_SHARED_ENGINE_KEYS = 1024;

function engineKeyCache(engine: object): Map<string, unknown> {
  let keys = ENGINE_KEYS.get(engine);
  if (!keys) {
    keys = new Map();
    ENGINE_KEYS.set(engine, keys);
  }
  return keys;
}

/** Caches imported keys; one per validation run (WebCrypto keys are not shared across callers). */
export class SignatureVerifier {
  readonly #keys = new Map<string, Promise<CryptoKey>>();
  /** Keys imported by the injected engine (crypto-engine.ts), by the same cache key. */
  readonly #engineKeys = new Map<string, unknown>();

  /** `maxKeys` bounds the imported-key cache of a verifier that lives across documents. */
  constructor(private readonly maxKeys = Number.POSITIVE_INFINITY) {}

  async verify(
    data: Uint8Array,
    signature: Uint8Array,
    algorithm: AlgorithmIdentifier,
    spki: Uint8Array,
    keyAlgorithm: AlgorithmIdentifier,
    options: VerifyOptions = {},
  ): Promise<SignatureCheck> {
    const sha3 = RSA_PKCS1_SHA3[algorithm.oid];
    if (sha3) return verifySha3Pkcs1(data, signature, sha3, spki, keyAlgorithm, options);
    let p: VerifyPlan;
    let scheme: string;
    try {
      p = plan(algorithm, spki, keyAlgorithm);
      scheme = schemeName(p);
    } catch (error) {
      if (error instanceof Unsupported) return { ok: false, reason: 'unsupported', detail: error.message, scheme: error.message };
      if (error instanceof Forbidden) return { ok: false, reason: 'invalid', detail: error.message, scheme: 'RSA-PSS' };
      return { ok: false, reason: 'malformed', detail: (error as Error).message };
    }
    const facts = spkiFacts(spki);
    if (keyAlgorithm.oid === OID_RSA_ENCRYPTION || keyAlgorithm.oid === OID_RSA_PSS) {
      const refused = refusedRsaKey(facts, scheme);
      if (refused) return refused;
    }
    const cacheKey = `${JSON.stringify(p.importAlgorithm)}|${p.spki === spki ? facts.base64 : bytesToBase64(p.spki)}`;
    // The injected engine first: it answers what WebCrypto would, or hands the case back.
    const engine = cryptoEngine();
    if (engine) {
      let handle = this.#engineKeys.get(cacheKey) ?? engineKeyCache(engine).get(cacheKey);
      if (handle === undefined) {
        handle = engine.importKey(p.spki, p.importAlgorithm);
        if (handle !== undefined) {
          if (this.#engineKeys.size >= this.maxKeys) this.#engineKeys.clear();
          this.#engineKeys.set(cacheKey, handle);
          const shared = engineKeyCache(engine);
          if (shared.size >= MAX_SHARED_ENGINE_KEYS) shared.clear();
          shared.set(cacheKey, handle);
        }
      }
      if (handle !== undefined) {
        let sig = signature;
        try {
          if (p.ecSize !== undefined) sig = ecdsaRaw(signature, p.ecSize);
        } catch (error) {
          return { ok: false, reason: 'invalid', detail: (error as Error).message, scheme };
        }
        const ok = engine.verify(handle, p.importAlgorithm, p.verifyAlgorithm, sig, data);
        if (ok !== undefined) return this.#answer(ok, p, sig, data, scheme, options);
      }
    }
    let key: CryptoKey;
    try {
      let pending = this.#keys.get(cacheKey);
      if (!pending) {
        pending = globalThis.crypto.subtle.importKey('spki', exactBuffer(p.spki), p.importAlgorithm, false, ['verify']);
        if (this.#keys.size >= this.maxKeys) this.#keys.clear();
        this.#keys.set(cacheKey, pending);
        // A refused import must not stay cached for the next caller.
        pending.catch(() => this.#keys.delete(cacheKey));
      }
      key = await pending;
    } catch (error) {
      return { ok: false, reason: 'unsupported', detail: `public key not usable: ${(error as Error).message}`, scheme };
    }
    let sig = signature;
    try {
      if (p.ecSize !== undefined) sig = ecdsaRaw(signature, p.ecSize);
    } catch (error) {
      return { ok: false, reason: 'invalid', detail: (error as Error).message, scheme };
    }
    try {
      const ok = await globalThis.crypto.subtle.verify(p.verifyAlgorithm, key, exactBuffer(sig), exactBuffer(data));
      return await this.#answer(ok, p, sig, data, scheme, options);
    } catch (error) {
      return { ok: false, reason: 'invalid', detail: (error as Error).message, scheme };
    }
  }

  async #answer(ok: boolean, p: VerifyPlan, sig: Uint8Array, data: Uint8Array, scheme: string, options: VerifyOptions): Promise<SignatureCheck> {
    if (ok) return { ok: true, scheme };
    const hash = (p.importAlgorithm as { hash?: string }).hash;
    if (options.allowDigestInfoWithoutNull && p.importAlgorithm.name === 'RSASSA-PKCS1-v1_5' && hash && (await digestInfoWithoutNull(data, sig, p.spki, hash))) {
      return { ok: true, scheme, digestInfoWithoutNull: true };
    }
    return { ok: false, reason: 'invalid', detail: 'signature does not verify', scheme };
  }
}

/** e.g. `RSA-2048`, `EC-P-256`, `Ed25519`, or the key algorithm OID. */
export function describePublicKey(keyAlgorithm: AlgorithmIdentifier, publicKey: Uint8Array): string {
  try {
    if (keyAlgorithm.oid === OID_RSA_ENCRYPTION || keyAlgorithm.oid === OID_RSA_PSS) {
      const [modulus] = sequence(parseDer(publicKey), 'RSAPublicKey');
      if (!isUniversal(modulus, UNIVERSAL.INTEGER)) return 'RSA';
      let bytes = modulus.content;
      while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
      const top = bytes[0] ?? 0;
      return `RSA-${(bytes.length - 1) * 8 + (top === 0 ? 0 : Math.floor(Math.log2(top)) + 1)}`;
    }
    if (keyAlgorithm.oid === OID_EC_PUBLIC_KEY && keyAlgorithm.params) {
      const curve = CURVES[oid(parseDer(keyAlgorithm.params))];
      return curve ? `EC-${curve.name}` : 'EC';
    }
    if (keyAlgorithm.oid === OID_ED25519) return 'Ed25519';
    if (keyAlgorithm.oid === '1.2.840.10040.4.1') return 'DSA';
  } catch {
    // fall through to the OID
  }
  return keyAlgorithm.oid;
}

export { encodeTlv };
