import { describe, expect, it } from 'vitest';
import { createFetchFetcher } from '../../src/browser.js';

const body = (bytes: number) => new Uint8Array(bytes).fill(7);

describe('the browser revocation fetcher', () => {
  it('GETs CRLs and POSTs OCSP requests without credentials, and returns the bytes', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetcher = createFetchFetcher({
      fetch: async (url, init) => {
        calls.push({ url: String(url), init: init! });
        return new Response(body(10), { status: 200 });
      },
    });
    expect(await fetcher.fetchCrl('http://ca.example/ca.crl')).toEqual(body(10));
    expect(await fetcher.fetchOcsp('http://ocsp.example/', new Uint8Array([1, 2, 3]))).toEqual(body(10));
    expect(calls.map((c) => [c.url, c.init.method, c.init.credentials, c.init.mode])).toEqual([
      ['http://ca.example/ca.crl', 'GET', 'omit', 'cors'],
      ['http://ocsp.example/', 'POST', 'omit', 'cors'],
    ]);
    expect(new Uint8Array(calls[1]!.init.body as ArrayBuffer)).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('names the likely causes when the browser refuses the request (CORS, mixed content)', async () => {
    const fetcher = createFetchFetcher({ fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(fetcher.fetchCrl('http://ca.example/ca.crl')).rejects.toThrow(/no CORS permission/);
  });

  it('refuses bodies over the limit, declared or streamed', async () => {
    const declared = createFetchFetcher({ maxBytes: 5, fetch: async () => new Response(body(6), { headers: { 'content-length': '6' } }) });
    await expect(declared.fetchCrl('http://ca.example/a.crl')).rejects.toThrow(/more than the limit of 5/);
    const streamed = createFetchFetcher({
      maxBytes: 5,
      fetch: async () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(body(3));
              controller.enqueue(body(3));
              controller.close();
            },
          }),
        ),
    });
    await expect(streamed.fetchCrl('http://ca.example/a.crl')).rejects.toThrow(/more than the limit of 5/);
  });

  it('gives up at the deadline, and refuses HTTP errors and non-http URLs', async () => {
    const hanging = createFetchFetcher({
      timeoutMs: 20,
      fetch: (_url, init) => new Promise((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    });
    await expect(hanging.fetchCrl('http://ca.example/a.crl')).rejects.toThrow(/timed out after 20 ms/);
    const notFound = createFetchFetcher({ fetch: async () => new Response(null, { status: 404 }) });
    await expect(notFound.fetchCrl('http://ca.example/a.crl')).rejects.toThrow(/HTTP 404/);
    await expect(notFound.fetchCrl('ldap://ca.example/a.crl')).rejects.toThrow(/only http and https/);
    expect(() => createFetchFetcher({ timeoutMs: 0 })).toThrow(TypeError);
  });
});
