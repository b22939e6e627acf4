/**
 * The network bounds of one document. Every signature, timestamp, certificate and URL in a
 * document can ask for a fetch, each up to the fetcher's timeout, so without a bound per
 * document a hostile one (hundreds of signatures, each naming slow servers) holds a
 * verification for hours. `verify` wraps the caller's fetcher in one of these per document.
 *
 * - The same request (method, URL and OCSP request) is made once per document: signatures
 *   from the same CA share their CRL, and an unreachable URL costs one timeout, not one per
 *   signature. A failure is remembered as well as an answer.
 * - At most `maxFetches` distinct requests; further ones fail at once with `document-fetches`.
 * - At most `timeMs` of wall-clock time from the first request: a request still running when it
 *   ends is no longer awaited (`document-time`), and later ones fail at once. A fetcher with its
 *   own timeout (kyso's do) ends the abandoned request within that timeout.
 *
 * Either bound leaves the questions they would have answered unanswered; the revocation rules
 * decide what that means for the verdict (check.ts), never a pass made up from nothing.
 */
import { toHex } from '../../io/hash.js';
import type { RevocationFetcher } from '../types.js';
import { FetchError, type DocumentFetchLimits } from './fetch-policy.js';

export const DOCUMENT_FETCH_LIMITS: DocumentFetchLimits = {
  // Twice MAX_FETCHES (context.ts), the bound of one certificate path: a document with a few
  // signatures and their timestamps, each CA's CRL and OCSP fetched once, stays well within it.
  maxFetches: 32,
  // Six of the fetchers' 10 s timeouts: a document-management server verifying an upload
  // should answer within a minute whatever the document names.
  timeMs: 60_000,
};

/** `fetcher` bounded for one document (see the module comment). */
export function documentFetcher(fetcher: RevocationFetcher, limits: DocumentFetchLimits = DOCUMENT_FETCH_LIMITS): RevocationFetcher {
  const made = new Map<string, Promise<Uint8Array>>();
  let deadline: number | undefined;
  // Set when a wait ran out: a timer may fire a little before Date.now() reaches the deadline.
  let expired = false;

  const bounded = (key: string, fetch: () => Promise<Uint8Array>): Promise<Uint8Array> => {
    const known = made.get(key);
    if (known) return known;
    const now = Date.now();
    deadline ??= now + limits.timeMs;
    const timeUp = () => new FetchError('document-time', `the document's ${limits.timeMs} ms for fetching have run out`, { limits });
    if (made.size >= limits.maxFetches) return Promise.reject(new FetchError('document-fetches', `the document's ${limits.maxFetches} fetches are used up`, { limits }));
    if (expired || now >= deadline) return Promise.reject(timeUp());
    const remaining = deadline - now;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const pending = Promise.race([
      fetch(),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          expired = true;
          reject(timeUp());
        }, remaining);
      }),
    ]).finally(() => clearTimeout(timer));
    made.set(key, pending);
    return pending;
  };

  return {
    fetchCrl: (url) => bounded(`GET ${url}`, () => fetcher.fetchCrl(url)),
    fetchCertificates: (url) => bounded(`GET ${url}`, () => fetcher.fetchCertificates(url)),
    fetchOcsp: (url, request) => bounded(`POST ${url} ${toHex(request)}`, () => fetcher.fetchOcsp(url, request)),
  };
}
