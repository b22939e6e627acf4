/**
 * A synchronous crypto engine the platform may inject. WebCrypto answers every digest,
 * key import and verify through a thread pool and a promise; for a small document those
 * hops cost more than the arithmetic (measured: a third of a small signed PDF's wall time
 * was the main thread waiting for them). kyso/node injects node:crypto, which runs the
 * same OpenSSL code on the calling thread. The core never imports an engine, so it stays
 * browser-safe; without one, WebCrypto does everything.
 *
 * An engine gives WebCrypto's answer or none: `undefined` hands the case back to
 * WebCrypto, which then decides (and words any error) exactly as without an engine.
 */
import { portableHashFactory, type HashFactory } from '../io/hash.js';

export type KeyImportAlgorithm = RsaHashedImportParams | EcKeyImportParams | Algorithm;
export type SignatureAlgorithm = RsaPssParams | EcdsaParams | Algorithm;
export type EngineDigest = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface CryptoEngine {
  /** A key handle for `spki`, or undefined when the key is not for this engine (WebCrypto imports it then). */
  importKey(spki: Uint8Array, algorithm: KeyImportAlgorithm): unknown;
  /** WebCrypto's verify() answer for a key this engine imported, or undefined to let WebCrypto decide. */
  verify(key: unknown, imported: KeyImportAlgorithm, algorithm: SignatureAlgorithm, signature: Uint8Array, data: Uint8Array): boolean | undefined;
  digest(algorithm: EngineDigest, data: Uint8Array): Uint8Array;
  /** Streaming hashes for the signed bytes, used when the caller gives no `hashFactory`. */
  readonly hashFactory?: HashFactory;
}

let engine: CryptoEngine | undefined;

/** Installs (or with undefined removes) the engine every later verification uses. */
export function setCryptoEngine(next: CryptoEngine | undefined): void {
  engine = next;
}

export function cryptoEngine(): CryptoEngine | undefined {
  return engine;
}

/** The hashes a verification uses when its options give none: the engine's, else the portable ones. */
export function defaultHashFactory(): HashFactory {
  return engine?.hashFactory ?? portableHashFactory;
}

/** A digest through the engine when one is installed, else WebCrypto. */
export async function digest(algorithm: EngineDigest, data: Uint8Array): Promise<Uint8Array> {
  if (engine) return engine.digest(algorithm, data);
  const copy = new Uint8Array(data.length);
  copy.set(data);
  return new Uint8Array(await globalThis.crypto.subtle.digest(algorithm, copy.buffer));
}
