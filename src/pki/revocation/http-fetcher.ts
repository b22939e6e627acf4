/**
 * Node-only RevocationFetcher over node:http / node:https: CRLs and CA certificates by
 * GET, OCSP by POST (RFC 6960 Appendix A.1).
 *
 * Warning: the URLs come from certificates, so from whoever made the document. By default
 * only public Internet addresses are fetched from (fetch-policy.ts says which are not
 * public): a name is resolved once, every address it gives must be public, and the
 * connection goes to the address that was checked, so a DNS server that answers differently
 * the second time (rebinding) gains nothing. Each redirect is checked the same way.
 * `allowPrivateNetworks` lifts the address rule, wholly or for the networks it lists (an
 * intranet CA); nothing lifts the rules on the URL's shape (http(s), no user name or
 * password, port 80, 443 or from 1024, at most MAX_URL_LENGTH characters).
 *
 * Bounded: one deadline per request (connect + headers + body, so a server that drips its
 * answer is cut off too), a byte limit checked against Content-Length and while streaming,
 * at most MAX_REDIRECTS redirects. No Accept-Encoding is sent and nothing is decompressed.
 * Successful answers are kept in an in-memory cache (per fetcher) so a folder of documents
 * from the same CA does not hammer it. Errors are FetchError with a `code` and a message
 * naming the URL; a failed connection is not told apart by its cause (refused, reset,
 * unreachable), so that reports do not make kyso a port scanner.
 */
import type { LookupAddress } from 'node:dns';
import type { IncomingMessage } from 'node:http';
import type { LookupFunction } from 'node:net';
import type { RevocationFetcher } from '../types.js';
import { addressBytes, addressRule, checkUrlShape, FetchError } from './fetch-policy.js';

export { FetchError } from './fetch-policy.js';
export type { FetchErrorCode } from './fetch-policy.js';

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
  /**
   * Which addresses besides public Internet ones may be fetched from. Default false: none, so
   * a URL into loopback, a private network (RFC 1918, fc00::/7), link-local space (cloud
   * metadata at 169.254.169.254) or reserved space is refused without a connection, and the
   * report says so (PKI_FETCH_REFUSED_ADDRESS). true allows every address; a list allows the
   * addresses and CIDR prefixes it names (e.g. `['10.20.0.0/16']` for an intranet CA's CRL
   * server), no more. Allow only networks whose servers may be reached by anyone who can
   * hand kyso a document.
   */
  readonly allowPrivateNetworks?: boolean | readonly string[];
  /**
   * Name resolution: the IP addresses of a host name, each checked before one is connected
   * to. Default: the system's resolver (dns.lookup).
   */
  readonly resolve?: (hostname: string) => Promise<readonly string[]>;
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

function systemResolve(hostname: string): Promise<readonly string[]> {
  const dns = process.getBuiltinModule('node:dns');
  return dns.promises.lookup(hostname, { all: true, verbatim: true }).then((found) => found.map((a) => a.address));
}

function refusedAddress(url: URL): FetchError {
  return new FetchError('refused-address', `${url.href} does not lead to a public Internet address, and private networks are not allowed`);
}

/**
 * A `lookup` for node:net that resolves once and hands over only addresses `allowed` accepts:
 * the connection is made to an address that was checked. Any refused address refuses the
 * name (a name that points inside and outside at once is not trusted with either).
 */
function checkedLookup(url: URL, resolve: (hostname: string) => Promise<readonly string[]>, allowed: (address: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const usable = addresses
          .map((address) => ({ address, family: addressBytes(address)?.length === 16 ? 6 : 4 }))
          .filter(({ family }) => !options.family || options.family === family);
        if (usable.length === 0 || !addresses.every(allowed)) {
          callback(refusedAddress(url), '', 4);
          return;
        }
        if (options.all) (callback as (error: null, addresses: LookupAddress[]) => void)(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: Error) => callback(error as NodeJS.ErrnoException, '', 4),
    );
  };
}

/**
 * A failed connection, its cause kept for logs but not told in the message: "refused" against
 * "timed out" port by port is what a scanner wants from a report.
 */
function connectionFailed(method: string, url: URL, error: Error): FetchError {
  return new FetchError('network', `${method} ${url.href} failed: the connection could not be made or broke off`, { cause: error });
}

/** A RevocationFetcher for Node. Pass it as `fetcher` only when the user opted in to network access. */
export function createHttpFetcher(options: HttpFetcherOptions = {}): RevocationFetcher {
  const timeoutMs = positive(options.timeoutMs, HTTP_FETCHER_DEFAULTS.timeoutMs, 'timeoutMs');
  const maxBytes = positive(options.maxBytes, HTTP_FETCHER_DEFAULTS.maxBytes, 'maxBytes');
  const cacheOptions = options.cache === false ? undefined : options.cache === true || options.cache === undefined ? {} : options.cache;
  const maxEntries = cacheOptions ? positive(cacheOptions.maxEntries, HTTP_FETCHER_DEFAULTS.maxEntries, 'cache.maxEntries') : 0;
  const ttlMs = cacheOptions ? positive(cacheOptions.ttlMs, HTTP_FETCHER_DEFAULTS.ttlMs, 'cache.ttlMs') : 0;
  const cache = new Map<string, CacheEntry>();
  const allowed = addressRule(options.allowPrivateNetworks);
  if (options.resolve !== undefined && typeof options.resolve !== 'function') throw new TypeError('resolve must be a function');
  const resolve = options.resolve ?? systemResolve;
  // Everything allowed and the system's resolver: nothing to check, Node's own lookup does.
  const checkAddresses = options.allowPrivateNetworks !== true || options.resolve !== undefined;

  /** The request options that keep the address rule: a literal address is judged here, a name at connection time. */
  const addressOptions = (url: URL): { lookup?: LookupFunction } => {
    if (!checkAddresses) return {};
    const literal = addressBytes(url.hostname) ? url.hostname.replace(/^\[|\]$/g, '') : undefined;
    if (literal !== undefined) {
      if (!allowed(literal)) throw refusedAddress(url);
      return {};
    }
    return { lookup: checkedLookup(url, resolve, allowed) };
  };

  const once = (url: URL, method: 'GET' | 'POST', body: Uint8Array | undefined, headers: Record<string, string>, deadline: number) =>
    new Promise<{ status: number; location?: string; body: Uint8Array }>((resolve, reject) => {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        reject(new FetchError('timeout', `${method} ${url.href} timed out after ${timeoutMs} ms`));
        return;
      }
      let lookup: { lookup?: LookupFunction };
      try {
        lookup = addressOptions(url);
      } catch (error) {
        reject(error);
        return;
      }
      // Loaded at the first request, not at start: most `kyso verify` runs never go online.
      const send = url.protocol === 'https:' ? process.getBuiltinModule('node:https').request : process.getBuiltinModule('node:http').request;
      const req = send(url, { method, headers: body ? { ...headers, 'Content-Length': String(body.length) } : headers, ...lookup });
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
      req.on('error', (error) => finish(error instanceof FetchError ? error : connectionFailed(method, url, error)));
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
        res.on('error', (error) => finish(connectionFailed(method, url, error)));
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
    let target = checkUrlShape(url);
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
      // The place redirected to obeys the same rules as a URL in a certificate.
      target = checkUrlShape(next.href);
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
