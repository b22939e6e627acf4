/**
 * A certificate's SHA-256 fingerprint (upper-case hex), the key every certificate cache
 * and every report uses. One document asks for the same certificate's fingerprint several
 * times (its SignedData, the report's signer and chain, path building, the pinned-CA
 * check), and the decoded CA certificates shared across documents are asked again in every
 * document: the answer is remembered per byte array, by the array's identity (as
 * context.ts's decoded certificates are). A different array, even with equal bytes, is
 * hashed again, so a tampered twin never gets another array's fingerprint. Arrays are
 * treated as immutable once given (a caller that changes a certificate's bytes after
 * passing them gets the earlier fingerprint); the entries go with the arrays.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { cryptoEngine } from './crypto-engine.js';
import { sha256Hex, toHex } from './encoding.js';

const FINGERPRINTS = new WeakMap<Uint8Array, string>();

/** The fingerprint, hashed now: through the injected engine (native) when there is one. */
function hashNow(der: Uint8Array): string {
  const engine = cryptoEngine();
  return toHex(engine ? engine.digest('SHA-256', der) : sha256(der), true);
}

export function certificateFingerprint(der: Uint8Array): string {
  let fingerprint = FINGERPRINTS.get(der);
  if (fingerprint === undefined) {
    fingerprint = hashNow(der);
    FINGERPRINTS.set(der, fingerprint);
  }
  return fingerprint;
}

/** The same fingerprint for callers that may hash asynchronously (WebCrypto when no engine is injected). */
export async function certificateFingerprintAsync(der: Uint8Array): Promise<string> {
  let fingerprint = FINGERPRINTS.get(der);
  if (fingerprint === undefined) {
    fingerprint = await sha256Hex(der);
    FINGERPRINTS.set(der, fingerprint);
  }
  return fingerprint;
}

/**
 * Records the fingerprint of `der` when its bytes were just found equal, byte for byte, to
 * a certificate whose fingerprint was hashed from its own bytes (certificate.ts).
 */
export function adoptFingerprint(der: Uint8Array, fingerprint: string): void {
  if (!FINGERPRINTS.has(der)) FINGERPRINTS.set(der, fingerprint);
}
