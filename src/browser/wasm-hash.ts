/**
 * Incremental hashing over WebAssembly (hash-wasm) for browsers, where node:crypto is not
 * there and the portable JavaScript hashes are 2–3 times slower: on a 100 MB PDF
 * hashing is nearly all the work.
 *
 * A WebAssembly hasher is created asynchronously but HashFactory is synchronous, so
 * hashers are made ahead in a small pool per algorithm and lent out; a hash asked for
 * while the pool is empty falls back to the portable one (same digest, just slower).
 */
import { createSHA1, createSHA256, createSHA384, createSHA512, type IHasher } from 'hash-wasm';
import { portableHashFactory, type DigestAlgorithm, type HashFactory } from '../io/hash.js';

// SHA-3 is rare in documents: it takes the portable path.
const CREATE: Partial<Record<DigestAlgorithm, () => Promise<IHasher>>> = {
  'SHA-1': createSHA1,
  'SHA-256': createSHA256,
  'SHA-384': createSHA384,
  'SHA-512': createSHA512,
};

/**
 * A HashFactory backed by WebAssembly, or the portable one where WebAssembly cannot be
 * instantiated (e.g. a Content-Security-Policy without 'wasm-unsafe-eval').
 * `perAlgorithm` hashers are kept ready for each algorithm (default 4: a signature's ranges,
 * the document's own SHA-256, and timestamps can run at once).
 */
export async function createWasmHashFactory(perAlgorithm = 4): Promise<HashFactory> {
  if (!Number.isInteger(perAlgorithm) || perAlgorithm < 1 || perAlgorithm > 64) throw new TypeError('perAlgorithm must be an integer from 1 to 64');
  const pools = new Map<DigestAlgorithm, IHasher[]>();
  try {
    for (const algorithm of Object.keys(CREATE) as DigestAlgorithm[]) {
      pools.set(algorithm, await Promise.all(Array.from({ length: perAlgorithm }, () => CREATE[algorithm]!())));
    }
  } catch {
    return portableHashFactory;
  }
  return (algorithm) => {
    const pool = pools.get(algorithm);
    const hasher = pool?.pop();
    if (!pool || !hasher) return portableHashFactory(algorithm);
    hasher.init();
    let done = false;
    return {
      update(chunk) {
        if (done) throw new Error('hash already finished');
        hasher.update(chunk);
      },
      digest() {
        if (done) throw new Error('hash already finished');
        done = true;
        const out = hasher.digest('binary').slice();
        pool.push(hasher);
        return out;
      },
    };
  };
}
