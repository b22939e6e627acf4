/**
 * node:crypto as the crypto engine (pki/crypto-engine.ts): the same OpenSSL
 * verification WebCrypto runs in Node, called synchronously. Where Node's WebCrypto
 * would refuse a key (wrong key type, curve mismatch, undecodable SPKI) or a verify call
 * throws, this engine answers nothing and WebCrypto decides, so reports stay word for
 * word the same (test/node/crypto-engine.test.ts compares them on every sample).
 * Digests are digests: any engine gives the same bytes.
 */
import * as nodeCrypto from 'node:crypto';
import { constants, createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { nodeHashFactory } from '../io/node-file.js';
import type { CryptoEngine, EngineDigest, KeyImportAlgorithm, SignatureAlgorithm } from '../pki/crypto-engine.js';

const HASHES: Readonly<Record<string, string>> = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
/** WebCrypto curve names to OpenSSL's, as KeyObject.asymmetricKeyDetails.namedCurve gives them. */
const CURVES: Readonly<Record<string, string>> = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' };

function hashOf(algorithm: { hash?: unknown }): string | undefined {
  const hash = algorithm.hash;
  const name = typeof hash === 'string' ? hash : typeof hash === 'object' && hash !== null ? (hash as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? HASHES[name] : undefined;
}

const oneShot = (nodeCrypto as { hash?: (algorithm: string, data: Uint8Array, encoding: 'buffer') => Buffer }).hash;

export const nodeCryptoEngine: CryptoEngine = {
  // Documents hashed by node:crypto too when verify() is called without a hashFactory: the
  // portable JavaScript SHA-256 was a seventh of a small signed PDF's verification.
  hashFactory: nodeHashFactory,
  importKey(spki: Uint8Array, algorithm: KeyImportAlgorithm): KeyObject | undefined {
    let key: KeyObject;
    try {
      key = createPublicKey({ key: Buffer.from(spki.buffer, spki.byteOffset, spki.byteLength), format: 'der', type: 'spki' });
    } catch {
      return undefined;
    }
    switch (algorithm.name) {
      case 'RSASSA-PKCS1-v1_5':
      case 'RSA-PSS':
        return key.asymmetricKeyType === 'rsa' && hashOf(algorithm as RsaHashedImportParams) ? key : undefined;
      case 'ECDSA': {
        const curve = CURVES[(algorithm as EcKeyImportParams).namedCurve];
        return key.asymmetricKeyType === 'ec' && curve !== undefined && key.asymmetricKeyDetails?.namedCurve === curve ? key : undefined;
      }
      case 'Ed25519':
        return key.asymmetricKeyType === 'ed25519' ? key : undefined;
      default:
        return undefined;
    }
  },

  verify(key: unknown, imported: KeyImportAlgorithm, algorithm: SignatureAlgorithm, signature: Uint8Array, data: Uint8Array): boolean | undefined {
    const keyObject = key as KeyObject;
    try {
      switch (imported.name) {
        case 'RSASSA-PKCS1-v1_5': {
          const hash = hashOf(imported as RsaHashedImportParams);
          return hash ? verify(hash, data, { key: keyObject, padding: constants.RSA_PKCS1_PADDING }, signature) : undefined;
        }
        case 'RSA-PSS': {
          const hash = hashOf(imported as RsaHashedImportParams);
          const saltLength = (algorithm as RsaPssParams).saltLength;
          if (!hash || typeof saltLength !== 'number') return undefined;
          return verify(hash, data, { key: keyObject, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }, signature);
        }
        case 'ECDSA': {
          const hash = hashOf(algorithm as EcdsaParams);
          return hash ? verify(hash, data, { key: keyObject, dsaEncoding: 'ieee-p1363' }, signature) : undefined;
        }
        case 'Ed25519':
          return verify(null, data, keyObject, signature);
        default:
          return undefined;
      }
    } catch {
      return undefined;
    }
  },

  digest(algorithm: EngineDigest, data: Uint8Array): Uint8Array {
    // crypto.hash (Node 20.12+): one call, no Hash object; certificates are fingerprinted
    // several times per document. createHash where it is missing.
    if (oneShot) return oneShot(HASHES[algorithm]!, data, 'buffer');
    const hash = createHash(HASHES[algorithm]!);
    hash.update(data);
    return hash.digest();
  },
};
