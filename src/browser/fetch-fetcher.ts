/**
 * A RevocationFetcher over the browser's fetch(), for pages whose user opted in to online
 * revocation checks.
 *
 * Warning: a browser enforces rules a server-side fetcher does not meet. Most certificate
 * authorities publish CRLs and OCSP over plain http and send no CORS header, so from an
 * https page the request is blocked as mixed content, and from any page the answer is
 * withheld unless the server allows cross-origin reads. Such a failure reaches the report
 * as PKI_FETCH_FAILED (the certificate's status stays unknown); it is never a pass.
 *
 * Bounded like the Node fetcher: one deadline per request and a byte limit checked while
 * the body streams (after the browser's own decompression, so a compression bomb stops at
 * the limit). No cookies or credentials are sent. URLs obey the Node fetcher's rules on
 * their shape (http(s), no user name or password, port 80, 443 or from 1024, at most
 * MAX_URL_LENGTH characters); which addresses a page may reach is left to the browser, which
 * resolves names itself and applies its own rules to requests into private networks (CORS,
 * Private Network Access), so there is no `allowPrivateNetworks` here.
 */
import type { RevocationFetcher } from '../pki/types.js';
import { checkUrlShape, FetchError } from '../pki/revocation/fetch-policy.js';

/** Options of `createFetchFetcher`. Each undefined means the stated default; bad values throw TypeError. */
export interface FetchFetcherOptions {
  /** Deadline per request, default 10 000 ms. */
  readonly timeoutMs?: number;
  /** Largest response body accepted, default 32 MiB (national CRLs run to megabytes). */
  readonly maxBytes?: number;
  /** The fetch to use, default globalThis.fetch (tests pass their own). */
  readonly fetch?: typeof globalThis.fetch;
}

/** The fetch() fetcher's defaults. */
export const FETCH_FETCHER_DEFAULTS = {
  /** Deadline per request, milliseconds. */
  timeoutMs: 10_000,
  /** Largest response body accepted, bytes (32 MiB). */
  maxBytes: 32 * 1024 * 1024,
} as const;

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`${name} must be a positive number`);
  return value;
}

async function readBounded(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new FetchError('too-large', `${url} answered ${declared} bytes, more than the limit of ${maxBytes}`);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw new FetchError('too-large', `${url} sent more than the limit of ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** A RevocationFetcher for browsers. Pass it only when the user opted in to network access. */
export function createFetchFetcher(options: FetchFetcherOptions = {}): RevocationFetcher {
  const timeoutMs = positive(options.timeoutMs, FETCH_FETCHER_DEFAULTS.timeoutMs, 'timeoutMs');
  const maxBytes = positive(options.maxBytes, FETCH_FETCHER_DEFAULTS.maxBytes, 'maxBytes');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));

  const fetchBytes = async (url: string, init: RequestInit): Promise<Uint8Array> => {
    const parsed = checkUrlShape(url);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      let response: Response;
      try {
        response = await doFetch(parsed.href, { ...init, mode: 'cors', credentials: 'omit', cache: 'no-store', redirect: 'follow', signal: controller.signal });
      } catch (error) {
        if (controller.signal.aborted) throw new FetchError('timeout', `${parsed.href} timed out after ${timeoutMs} ms`);
        // The browser does not say which: the network failed, the page is https and the URL http
        // (mixed content), or the server sent no Access-Control-Allow-Origin header (CORS).
        throw new FetchError('network', `the browser refused or could not complete the request (network error, mixed content, or no CORS permission from the server): ${(error as Error).message}`);
      }
      if (!response.ok) throw new FetchError('http-status', `${parsed.href} answered HTTP ${response.status}`);
      try {
        return await readBounded(response, parsed.href, maxBytes);
      } catch (error) {
        // The deadline covers the body too: a server that drips its answer is cut off.
        if (controller.signal.aborted) throw new FetchError('timeout', `${parsed.href} timed out after ${timeoutMs} ms`);
        throw error;
      }
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    fetchCrl: (url) => fetchBytes(url, { method: 'GET' }),
    fetchCertificates: (url) => fetchBytes(url, { method: 'GET' }),
    fetchOcsp: (url, request) =>
      fetchBytes(url, { method: 'POST', headers: { 'Content-Type': 'application/ocsp-request' }, body: request.slice().buffer as ArrayBuffer }),
  };
}
