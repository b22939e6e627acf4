/**
 * Node-only RevocationFetcher over node:http / node:https: CRLs and CA certificates by
 * GET, OCSP by POST (RFC 6960 Appendix A.1).
 *
 * Bounded: one deadline per request (connect + headers + body), a byte limit checked
 * against Content-Length and while streaming, at most MAX_REDIRECTS redirects and only
 * to http(s) URLs. Successful answers are kept in an in-memory cache (per fetcher) so a
 * folder of documents from the same CA does not hammer it. Errors are FetchError with a
 * `code` and a message naming the URL.
 */
import type { IncomingMessage } from 'node:http';
import type { RevocationFetcher } from '../types.js';

export type FetchErrorCode = 'scheme' | 'timeout' | 'too-large' | 'http-status' | 'redirect' | 'network';

export class FetchError extends Error {
  override readonly name = 'FetchError';
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Bounds of the fetcher's in-memory cache: only successful answers are kept, each for `ttlMs`, the
 * oldest evicted first beyond `maxEntries`.
 */
export interface HttpFetcherCacheOptions {
  /** Default 256. */
  readonly maxEntries?: number;
  /** Default 5 minutes. */
  readonly ttlMs?: number;
}

/**
 * Options of `createHttpFetcher` (online revocation). Each undefined means the stated default; bad
 * values throw TypeError.
 */
export interface HttpFetcherOptions {
  /** Deadline per request, default 10 000 ms. */
  readonly timeoutMs?: number;
  /** Largest response body accepted, default 32 MiB (national CRLs run to megabytes). */
  readonly maxBytes?: number;
  /** In-memory cache of successful responses: true (default), false, or its bounds. */
  readonly cache?: boolean | HttpFetcherCacheOptions;
}

export const HTTP_FETCHER_DEFAULTS = {
  timeoutMs: 10_000,
  maxBytes: 32 * 1024 * 1024,
  maxEntries: 256,
  ttlMs: 5 * 60_000,
} as const;

/** Redirects followed per request (http → https moves of CA sites). */
const MAX_REDIRECTS = 3;

interface CacheEntry {
  readonly expires: number;
  readonly body: Uint8Array;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`${name} must be a positive number`);
  return value;
}

function parseHttpUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchError('scheme', `not a valid URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FetchError('scheme', `only http and https URLs are fetched, not ${parsed.protocol} (${url})`);
  }
  return parsed;
}

/** A RevocationFetcher for Node. Pass it as `fetcher` only when the user opted in to network access. */
export function createHttpFetcher(options: HttpFetcherOptions = {}): RevocationFetcher {
  const timeoutMs = positive(options.timeoutMs, HTTP_FETCHER_DEFAULTS.timeoutMs, 'timeoutMs');
  const maxBytes = positive(options.maxBytes, HTTP_FETCHER_DEFAULTS.maxBytes, 'maxBytes');
  const cacheOptions = options.cache === false ? undefined : options.cache === true || options.cache === undefined ? {} : options.cache;
  const maxEntries = cacheOptions ? positive(cacheOptions.maxEntries, HTTP_FETCHER_DEFAULTS.maxEntries, 'cache.maxEntries') : 0;
  const ttlMs = cacheOptions ? positive(cacheOptions.ttlMs, HTTP_FETCHER_DEFAULTS.ttlMs, 'cache.ttlMs') : 0;
  const cache = new Map<string, CacheEntry>();

  const once = (url: URL, method: 'GET' | 'POST', body: Uint8Array | undefined, headers: Record<string, string>, deadline: number) =>
    new Promise<{ status: number; location?: string; body: Uint8Array }>((resolve, reject) => {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        reject(new FetchError('timeout', `${method} ${url.href} timed out after ${timeoutMs} ms`));
        return;
      }
      // Loaded at the first request, not at start: most `kyso verify` runs never go online.
      const send = url.protocol === 'https:' ? process.getBuiltinModule('node:https').request : process.getBuiltinModule('node:http').request;
      const req = send(url, { method, headers: body ? { ...headers, 'Content-Length': String(body.length) } : headers });
      let settled = false;
      const finish = (error: FetchError | undefined, value?: { status: number; location?: string; body: Uint8Array }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) {
          req.destroy();
          reject(error);
        } else resolve(value as { status: number; body: Uint8Array });
      };
      const timer = setTimeout(() => finish(new FetchError('timeout', `${method} ${url.href} timed out after ${timeoutMs} ms`)), remaining);
      req.on('error', (error) => finish(new FetchError('network', `${method} ${url.href} failed: ${error.message}`, { cause: error })));
      req.on('response', (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (status >= 300 && status < 400 && location) {
          res.resume();
          finish(undefined, { status, location, body: new Uint8Array() });
          return;
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          finish(new FetchError('too-large', `${url.href} answered ${declared} bytes, more than the limit of ${maxBytes}`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            finish(new FetchError('too-large', `${url.href} sent more than the limit of ${maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', (error) => finish(new FetchError('network', `${method} ${url.href} failed: ${error.message}`, { cause: error })));
        res.on('end', () => {
          if (status < 200 || status >= 300) {
            finish(new FetchError('http-status', `${method} ${url.href} answered HTTP ${status}`));
            return;
          }
          finish(undefined, { status, body: new Uint8Array(Buffer.concat(chunks)) });
        });
      });
      req.end(body);
    });

  const fetchBytes = async (url: string, method: 'GET' | 'POST', body: Uint8Array | undefined, headers: Record<string, string>, cacheKey: string) => {
    const cached = cache.get(cacheKey);
    if (cached && cached.expires > Date.now()) return cached.body;
    if (cached) cache.delete(cacheKey);
    const deadline = Date.now() + timeoutMs;
    let target = parseHttpUrl(url);
    for (let redirects = 0; ; redirects++) {
      const response = await once(target, method, body, headers, deadline);
      if (response.location === undefined) {
        if (maxEntries > 0) {
          if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
          cache.set(cacheKey, { expires: Date.now() + ttlMs, body: response.body });
        }
        return response.body;
      }
      if (redirects >= MAX_REDIRECTS) throw new FetchError('redirect', `${url} redirected more than ${MAX_REDIRECTS} times`);
      let next: URL;
      try {
        next = new URL(response.location, target);
      } catch {
        throw new FetchError('redirect', `${target.href} redirected to an invalid URL`);
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new FetchError('redirect', `${target.href} redirected to ${next.protocol} URL, only http and https are followed`);
      }
      target = next;
    }
  };

  return {
    fetchCrl: (url) => fetchBytes(url, 'GET', undefined, { Accept: 'application/pkix-crl, */*' }, `GET ${url}`),
    fetchCertificates: (url) =>
      fetchBytes(url, 'GET', undefined, { Accept: 'application/pkix-cert, application/pkcs7-mime, */*' }, `GET ${url}`),
    fetchOcsp: (url, request) =>
      fetchBytes(
        url,
        'POST',
        request,
        { 'Content-Type': 'application/ocsp-request', Accept: 'application/ocsp-response' },
        `POST ${url} ${Buffer.from(request).toString('base64')}`,
      ),
  };
}
