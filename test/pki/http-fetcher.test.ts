/**
 * The Node HTTP fetcher against a loopback server the tests start and stop. The
 * fixture certificates point at http://pki.kyso.test/ (a name that never resolves);
 * `toLoopback` maps it to the server, so nothing here can reach the internet.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createHttpFetcher, FetchError } from '../../src/pki/node.js';
import { validateCertificatePath } from '../../src/pki/validate-path.js';
import type { RevocationFetcher } from '../../src/pki/types.js';
import { bytes, certFile, codes, expectStatus, FIXTURES } from './helpers.js';

const pki = (name: string): Uint8Array => (name.endsWith('.pem') ? certFile(`${FIXTURES}pki/${name}`) : bytes(`${FIXTURES}pki/${name}`));
const AT = new Date('2025-06-01T00:00:00Z');
/** The test's own server is on loopback, which the fetcher refuses unless told (test/redteam/online-fetch.test.ts). */
const LOOPBACK = { allowPrivateNetworks: ['127.0.0.1'] } as const;

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;
let routes: Record<string, Handler> = {};
let hits: string[] = [];
let lastOcspRequest: Buffer | undefined;
let server: Server;
let base: string;

const serve = (data: Uint8Array, type = 'application/octet-stream'): Handler => (_req, res) => {
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': data.length });
  res.end(data);
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push(`${req.method} ${req.url}`);
      const handler = routes[req.url ?? ''];
      if (!handler) {
        res.writeHead(404).end();
        return;
      }
      handler(req, res, Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  hits = [];
  lastOcspRequest = undefined;
  routes = {};
});

/** The real fetcher, with the fixtures' host mapped onto the loopback server. */
function toLoopback(fetcher: RevocationFetcher): RevocationFetcher {
  const map = (url: string): string => url.replace('http://pki.kyso.test', base);
  return {
    fetchCrl: (url) => fetcher.fetchCrl(map(url)),
    fetchCertificates: (url) => fetcher.fetchCertificates(map(url)),
    fetchOcsp: (url, request) => fetcher.fetchOcsp(map(url), request),
  };
}

describe('path building and revocation with a fetcher', () => {
  test('a missing intermediate is fetched from the leaf’s AIA caIssuers URL', async () => {
    routes['/ca.cer'] = serve(pki('ca.cer'), 'application/pkix-cert');
    const result = await validateCertificatePath({
      leaf: pki('good.pem'),
      trustAnchors: [pki('root.pem')],
      at: AT,
      revocationMode: 'off',
      fetcher: toLoopback(createHttpFetcher(LOOPBACK)),
    });
    expectStatus(result, 'valid');
    expect(result.path.map((p) => p.source)).toEqual(['leaf', 'fetched', 'anchor']);
    expect(codes(result)).toContain('PKI_ISSUER_FETCHED');
    expect(hits).toEqual(['GET /ca.cer']);
  });

  test('the leaf’s CRL is fetched from its distribution point and finds the revocation', async () => {
    routes['/ca.crl'] = serve(pki('ca.crl'), 'application/pkix-crl');
    const result = await validateCertificatePath({
      leaf: pki('revoked.pem'),
      intermediates: [pki('ca.pem')],
      trustAnchors: [pki('root.pem')],
      at: AT,
      fetcher: toLoopback(createHttpFetcher(LOOPBACK)),
    });
    expectStatus(result, 'revoked', 'REVOKED');
    expect(result.revocation[0]).toMatchObject({ status: 'revoked', method: 'crl', source: 'fetched' });
    expect(hits).toEqual(['POST /ocsp', 'GET /ca.crl']);
  });

  test('OCSP is asked first, with a request openssl reads as one for the leaf’s serial', async () => {
    routes['/ocsp'] = (_req, res, body) => {
      lastOcspRequest = body;
      serve(pki('revoked-revoked.ocsp'), 'application/ocsp-response')(_req, res, body);
    };
    const result = await validateCertificatePath({
      leaf: pki('revoked.pem'),
      intermediates: [pki('ca.pem')],
      trustAnchors: [pki('root.pem')],
      at: AT,
      fetcher: toLoopback(createHttpFetcher(LOOPBACK)),
    });
    expectStatus(result, 'revoked');
    expect(result.revocation[0]).toMatchObject({ method: 'ocsp', source: 'fetched' });
    const dir = mkdtempSync(join(tmpdir(), 'kyso-ocsp-'));
    writeFileSync(join(dir, 'req.der'), lastOcspRequest as Buffer);
    const text = execFileSync('openssl', ['ocsp', '-reqin', join(dir, 'req.der'), '-req_text', '-noverify'], { encoding: 'utf8' });
    expect(text).toMatch(/Serial Number: 11/);
    expect(text).toMatch(/Hash Algorithm: sha1/);
  });

  test('with require, every certificate’s data is fetched: the CA’s from the root’s CRL', async () => {
    routes['/ca.crl'] = serve(pki('ca.crl'));
    routes['/root.crl'] = serve(pki('root.crl'));
    const result = await validateCertificatePath({
      leaf: pki('good.pem'),
      intermediates: [pki('ca.pem')],
      trustAnchors: [pki('root.pem')],
      at: AT,
      revocationMode: 'require',
      fetcher: toLoopback(createHttpFetcher(LOOPBACK)),
    });
    expectStatus(result, 'valid');
    expect(result.revocation.map((r) => [r.status, r.source])).toEqual([
      ['good', 'fetched'],
      ['good', 'fetched'],
    ]);
  });

  test('a server that fails gives a clear message and, with require, revocation-unknown', async () => {
    const result = await validateCertificatePath({
      leaf: pki('good.pem'),
      intermediates: [pki('ca.pem')],
      trustAnchors: [pki('root.pem')],
      at: AT,
      revocationMode: 'require',
      fetcher: toLoopback(createHttpFetcher(LOOPBACK)),
    });
    expectStatus(result, 'revocation-unknown');
    const failure = result.messages.find((m) => m.code === 'PKI_FETCH_FAILED' && m.params?.what === 'CRL');
    expect(failure?.en).toMatch(/answered HTTP 404/);
    // The Vietnamese sentence is Vietnamese throughout (it carried the English `what` and detail).
    expect(failure?.vi).toBe(`Không tải được danh sách chứng thư bị thu hồi (CRL) từ ${String(failure?.params?.url)}: máy chủ trả về mã lỗi HTTP.`);
  });
});

describe('createHttpFetcher limits', () => {
  test('a response slower than the timeout is abandoned with a clear message', async () => {
    routes['/slow'] = () => undefined; // never answers
    const fetcher = createHttpFetcher({ ...LOOPBACK, timeoutMs: 150 });
    const error = await fetcher.fetchCrl(`${base}/slow`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect(error).toMatchObject({ code: 'timeout' });
    expect((error as Error).message).toBe(`GET ${base}/slow timed out after 150 ms`);
  });

  test('a declared Content-Length above maxBytes is refused before reading', async () => {
    routes['/big'] = serve(new Uint8Array(5000));
    const error = await createHttpFetcher({ ...LOOPBACK, maxBytes: 1000 }).fetchCrl(`${base}/big`).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'too-large' });
    expect((error as Error).message).toMatch(/5000 bytes, more than the limit of 1000/);
  });

  test('a chunked body growing past maxBytes is cut off', async () => {
    routes['/stream'] = (_req, res) => {
      res.writeHead(200);
      for (let i = 0; i < 10; i++) res.write(new Uint8Array(500));
      res.end();
    };
    const error = await createHttpFetcher({ ...LOOPBACK, maxBytes: 1000 }).fetchCrl(`${base}/stream`).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'too-large' });
  });

  test('a body of exactly maxBytes is accepted', async () => {
    routes['/exact'] = serve(new Uint8Array(1000));
    expect((await createHttpFetcher({ ...LOOPBACK, maxBytes: 1000 }).fetchCrl(`${base}/exact`)).length).toBe(1000);
  });

  test('redirects to http(s) are followed; to other schemes refused', async () => {
    routes['/moved'] = (_req, res) => res.writeHead(302, { Location: '/exact' }).end();
    routes['/exact'] = serve(new Uint8Array(3));
    routes['/ftp'] = (_req, res) => res.writeHead(302, { Location: 'ftp://pki.kyso.test/x.crl' }).end();
    const fetcher = createHttpFetcher({ ...LOOPBACK, cache: false });
    expect((await fetcher.fetchCrl(`${base}/moved`)).length).toBe(3);
    const error = await fetcher.fetchCrl(`${base}/ftp`).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'redirect' });
    expect((error as Error).message).toMatch(/only http and https are followed/);
  });

  test('a redirect loop stops after three redirects', async () => {
    routes['/loop'] = (_req, res) => res.writeHead(302, { Location: '/loop' }).end();
    const error = await createHttpFetcher(LOOPBACK).fetchCrl(`${base}/loop`).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'redirect' });
    expect(hits).toHaveLength(4);
  });

  test('non-http URLs are refused without a request', async () => {
    const error = await createHttpFetcher(LOOPBACK).fetchCrl('ldap://pki.kyso.test/cn=ca').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'scheme' });
    expect(hits).toEqual([]);
  });

  test('answers are cached per fetcher; cache: false asks every time', async () => {
    routes['/exact'] = serve(new Uint8Array(3));
    const cached = createHttpFetcher(LOOPBACK);
    await cached.fetchCrl(`${base}/exact`);
    await cached.fetchCrl(`${base}/exact`);
    expect(hits).toHaveLength(1);
    const uncached = createHttpFetcher({ ...LOOPBACK, cache: false });
    await uncached.fetchCrl(`${base}/exact`);
    await uncached.fetchCrl(`${base}/exact`);
    expect(hits).toHaveLength(3);
  });

  test('bad options are a TypeError', () => {
    expect(() => createHttpFetcher({ timeoutMs: 0 })).toThrow(TypeError);
    expect(() => createHttpFetcher({ maxBytes: -1 })).toThrow(TypeError);
  });
});
