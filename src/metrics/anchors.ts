/**
 * What each bundled root is (certs/index.json `pki`: government or public), by the
 * SHA-256 of its DER: a fact about the certificate, whichever store supplied it as an
 * anchor. Loaded lazily, like the trust store, so the certificates load once and only
 * when asked for.
 */
import type { AnchorPkiLookup } from '../report/facts.js';

let bundled: Promise<AnchorPkiLookup> | undefined;

/**
 * The lookup from a root's SHA-256 to its PKI (`government` or `public`) for the roots bundled in
 * certs/; undefined for any other certificate. Loads the certificates once, on first call.
 */
export function bundledAnchorPki(): Promise<AnchorPkiLookup> {
  bundled ??= import('../pki/bundled-certs.js').then(({ BUNDLED_CERTIFICATES }) => {
    const map = new Map(BUNDLED_CERTIFICATES.filter((c) => c.role === 'root').map((c) => [c.sha256.toUpperCase(), c.pki]));
    return (sha256: string) => map.get(sha256.toUpperCase());
  });
  return bundled;
}
