/**
 * Red team: what a hostile document can make kyso fetch when it runs online
 * (test/fixtures/attacks/online-fetch/, samples/make-attacks-online-fetch.sh). A
 * document-management server verifies uploads with a fetcher, so the URLs in the
 * certificates are chosen by whoever uploaded the document.
 *
 * Found: the Node fetcher fetched from any address (loopback, RFC 1918, cloud metadata at
 * 169.254.169.254, names resolving there, redirects into them), sent the user name and
 * password of a URL, talked to any port, and echoed connection errors ("connect
 * ECONNREFUSED 10.0.0.5:22") into the report: a server-side request forgery with a port
 * scanner's read-out. Nothing bounded a document's fetches as a whole: forty signatures that
 * each name a slow responder held a verification for forty timeouts. A bound that was
 * reached (16 fetches per certificate path) was not reported.
 *
 * Not found: revocation URLs of a path that reaches no trust anchor (the attacker's own) are
 * never fetched, only AIA caIssuers, which finds a missing intermediate.
 *
 * Every server here is one this file starts on 127.0.0.1; names are resolved by a `resolve`
 * hook (no real DNS).
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFetchFetcher } from '../../src/browser.js';
import { createHttpFetcher } from '../../src/pki/node.js';
import { DEFAULT_BUDGET, WorkBudget } from '../../src/pki/budget.js';
import { CertificatePool, MAX_FETCHES, ValidationContext } from '../../src/pki/context.js';
import { documentFetcher } from '../../src/pki/revocation/fetch-budget.js';
import { addressRule, FetchError, fetchNoted, isPublicAddress, MAX_URL_LENGTH } from '../../src/pki/revocation/fetch-policy.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { RevocationFetcher } from '../../src/pki/types.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, messageCodes, sample } from '../helpers.js';

const ATTACKS = fileURLToPath(new URL('../fixtures/attacks/online-fetch/', import.meta.url));
const file = (name: string) => new Uint8Array(readFileSync(`${ATTACKS}${name}`));
const content = () => file('content.txt');
const noDns = async (hostname: string): Promise<readonly string[]> => {
  throw new Error(`no DNS in tests (${hostname})`);
};

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let routes: Record<string, Handler> = {};
let hits: string[] = [];
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(`${req.method} ${req.headers.host} ${req.url}`);
    const handler = routes[req.url ?? ''];
    if (handler) handler(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  routes = {};
  hits = [];
});

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

/** A fetcher that records what it is asked and answers from `answers` (URL → bytes), failing the rest at once. */
function recording(answers: Record<string, Uint8Array> = {}): RevocationFetcher & { asked: string[] } {
  const asked: string[] = [];
  const answer = async (what: string, url: string) => {
    asked.push(`${what} ${url}`);
    const bytes = answers[url];
    if (!bytes) throw new FetchError('http-status', `${url} answered HTTP 404`);
    return bytes;
  };
  return {
    asked,
    fetchCrl: (url) => answer('CRL', url),
    fetchCertificates: (url) => answer('CERT', url),
    fetchOcsp: (url) => answer('OCSP', url),
  };
}

const verdict = (report: DocumentReport) => [report.indication, report.subIndication];

describe('which addresses are public', () => {
  it.each([
    ['127.0.0.1', false],
    ['127.255.255.254', false],
    ['0.0.0.0', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['172.31.255.255', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['224.0.0.1', false],
    ['255.255.255.255', false],
    ['198.18.0.1', false],
    ['192.0.2.1', false],
    ['::', false],
    ['::1', false],
    ['fe80::1', false],
    ['fe80::1%eth0', false],
    ['fc00::1', false],
    ['fd12:3456::1', false],
    ['ff02::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:7f00:1', false],
    ['::ffff:a9fe:a9fe', false],
    ['64:ff9b::a00:1', false],
    ['2002:a00:1::', false],
    ['2001:db8::1', false],
    ['::127.0.0.1', false],
    ['not an address', false],
    ['8.8.8.8', true],
    ['172.32.0.1', true],
    ['203.162.0.1', true],
    ['2001:4860:4860::8888', true],
    ['::ffff:8.8.8.8', true],
    ['64:ff9b::808:808', true],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it('decimal, octal, hex and short IPv4 forms reach the rule as dotted quads (the URL parser turns them)', () => {
    const hosts = ['http://2130706433/', 'http://0x7f.1/', 'http://127.1/', 'http://0177.0.0.1/', 'http://0x7f000001/', 'http://127.0.0.1./', 'http://[::ffff:127.0.0.1]/']
      .map((url) => new URL(url).hostname);
    expect(hosts).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1', '127.0.0.1', '127.0.0.1', '127.0.0.1', '[::ffff:7f00:1]']);
    expect(hosts.some((h) => isPublicAddress(h.replace(/^\[|\]$/g, '')))).toBe(false);
  });

  it('an allow-list opens the networks it names, and no others', () => {
    const allowed = addressRule(['10.20.0.0/16', '127.0.0.1']);
    expect(['10.20.1.2', '127.0.0.1', '::ffff:127.0.0.1', '8.8.8.8'].map(allowed)).toEqual([true, true, true, true]);
    expect(['10.21.0.1', '127.0.0.2', '::1', '169.254.169.254'].map(allowed)).toEqual([false, false, false, false]);
    expect(() => addressRule(['10.0.0.0/33'])).toThrow(TypeError);
    expect(() => addressRule(['intranet'])).toThrow(TypeError);
  });
});

describe('the Node fetcher refuses URLs into the verifier’s own network', () => {
  const URLS = (p: number) => [
    `http://127.0.0.1:${p}/ca.crl`,
    `http://2130706433:${p}/ca.crl`,
    `http://0x7f.1:${p}/ca.crl`,
    `http://127.1:${p}/ca.crl`,
    `http://[::1]:${p}/ca.crl`,
    `http://[::ffff:127.0.0.1]:${p}/ca.crl`,
    `http://0.0.0.0:${p}/ca.crl`,
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.1/ca.crl',
    'http://[fe80::1]/ca.crl',
    'https://[fd00::1]/ca.crl',
    'http://224.0.0.1/ca.crl',
  ];

  it('literal addresses, in every spelling, are refused without a connection', async () => {
    const fetcher = createHttpFetcher({ resolve: noDns });
    for (const url of URLS(port)) expect((await failure(fetcher.fetchCrl(url))).code, url).toBe('refused-address');
    expect(hits).toEqual([]);
  });

  it('a name is resolved once and refused when any of its addresses is not public', async () => {
    for (const addresses of [['127.0.0.1'], ['93.184.216.34', '10.0.0.1'], ['::1'], []]) {
      const fetcher = createHttpFetcher({ resolve: async () => addresses });
      expect((await failure(fetcher.fetchCrl(`http://ca.rtfetch.kyso.test:${port}/ca.crl`))).code, addresses.join()).toBe('refused-address');
    }
    expect(hits).toEqual([]);
  });

  it('the address checked is the address connected to: a name that changes its answer (DNS rebinding) gains nothing', async () => {
    routes['/ca.crl'] = (_req, res) => res.end('crl');
    let lookups = 0;
    // First answer allowed, every later one into the private network.
    const rebinding = async () => (lookups++ === 0 ? ['127.0.0.1'] : ['10.9.9.9']);
    const fetcher = createHttpFetcher({ allowPrivateNetworks: ['127.0.0.1'], resolve: rebinding, cache: false });
    expect(new TextDecoder().decode(await fetcher.fetchCrl(`http://ca.rtfetch.kyso.test:${port}/ca.crl`))).toBe('crl');
    expect(lookups).toBe(1);
    expect(hits).toEqual([`GET ca.rtfetch.kyso.test:${port} /ca.crl`]);
    // The next connection asks again and gets the private address: refused, nothing sent.
    const again = await failure(createHttpFetcher({ allowPrivateNetworks: ['127.0.0.1'], resolve: rebinding, cache: false, timeoutMs: 2000 }).fetchCrl(`http://ca2.rtfetch.kyso.test:${port}/ca.crl`));
    expect(again.code).toBe('refused-address');
    expect(hits).toHaveLength(1);
  });

  it('a redirect from an allowed place into a refused one is not followed', async () => {
    const targets = [`http://127.0.0.2:${port}/x`, `http://[::1]:${port}/x`, 'http://169.254.169.254/latest/meta-data/', `http://internal.rtfetch.kyso.test:${port}/x`];
    for (const [i, target] of targets.entries()) routes[`/r${i}`] = (_req, res) => res.writeHead(302, { Location: target }).end();
    routes['/creds'] = (_req, res) => res.writeHead(302, { Location: `http://user:pw@127.0.0.1:${port}/x` }).end();
    routes['/smtp'] = (_req, res) => res.writeHead(302, { Location: 'http://127.0.0.1:25/x' }).end();
    const resolve = async (name: string) => (name === 'internal.rtfetch.kyso.test' ? ['192.168.0.10'] : []);
    const fetcher = createHttpFetcher({ allowPrivateNetworks: ['127.0.0.1'], resolve });
    for (const i of targets.keys()) expect((await failure(fetcher.fetchCrl(`http://127.0.0.1:${port}/r${i}`))).code).toBe('refused-address');
    expect((await failure(fetcher.fetchCrl(`http://127.0.0.1:${port}/creds`))).code).toBe('refused-url');
    expect((await failure(fetcher.fetchCrl(`http://127.0.0.1:${port}/smtp`))).code).toBe('refused-url');
    expect(hits.map((h) => h.split(' ')[2])).toEqual(['/r0', '/r1', '/r2', '/r3', '/creds', '/smtp']);
  });

  it('user names and passwords, privileged ports and very long URLs are refused whatever the address', async () => {
    const fetcher = createHttpFetcher({ allowPrivateNetworks: true });
    expect((await failure(fetcher.fetchCrl(`http://user:secret@127.0.0.1:${port}/ca.crl`))).code).toBe('refused-url');
    expect((await failure(fetcher.fetchCrl('http://127.0.0.1:22/ca.crl'))).code).toBe('refused-url');
    expect((await failure(fetcher.fetchCrl(`http://127.0.0.1:${port}/${'x'.repeat(MAX_URL_LENGTH)}`))).code).toBe('refused-url');
    expect(hits).toEqual([]);
    // The longest URL allowed is fetched.
    const longest = `http://127.0.0.1:${port}/`;
    const path = `/${'y'.repeat(MAX_URL_LENGTH - longest.length)}`;
    routes[path] = (_req, res) => res.end('ok');
    expect((await fetcher.fetchCrl(`http://127.0.0.1:${port}${path}`)).length).toBe(2);
  });

  it('allowPrivateNetworks: true reaches an intranet CA, as the CLI flag does', async () => {
    routes['/ca.crl'] = (_req, res) => res.end('crl');
    expect((await createHttpFetcher({ allowPrivateNetworks: true }).fetchCrl(`http://127.0.0.1:${port}/ca.crl`)).length).toBe(3);
    expect(() => createHttpFetcher({ allowPrivateNetworks: ['not a network'] })).toThrow(TypeError);
  });
});

describe('what a failed fetch tells the report', () => {
  it('a failed connection is not told apart by its cause (no port scanner), and a response body is never echoed', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const fetcher = createHttpFetcher({ allowPrivateNetworks: true });
    const refused = await failure(fetcher.fetchCrl(`http://127.0.0.1:${closedPort}/ca.crl`));
    expect(refused.code).toBe('network');
    expect(refused.message).toBe(`GET http://127.0.0.1:${closedPort}/ca.crl failed: the connection could not be made or broke off`);
    routes['/secret'] = (_req, res) => res.writeHead(500).end('root:x:0:0:root:/root:/bin/bash');
    const status = await failure(fetcher.fetchCrl(`http://127.0.0.1:${port}/secret`));
    expect(status.message).toBe(`GET http://127.0.0.1:${port}/secret answered HTTP 500`);
  });

  it('a compressed answer is not inflated: gzip bytes come back as sent, within maxBytes', async () => {
    const bomb = gzipSync(new Uint8Array(10_000_000));
    routes['/bomb.crl'] = (_req, res) => res.writeHead(200, { 'Content-Encoding': 'gzip' }).end(bomb);
    expect((await createHttpFetcher({ allowPrivateNetworks: true }).fetchCrl(`http://127.0.0.1:${port}/bomb.crl`)).length).toBe(bomb.length);
    expect(hits).toHaveLength(1);
  });

  it('a server that drips its answer is cut off at the deadline, headers or not', async () => {
    routes['/drip'] = (_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write('x'), 20);
      res.on('close', () => clearInterval(timer));
    };
    const error = await failure(createHttpFetcher({ allowPrivateNetworks: true, timeoutMs: 300 }).fetchCrl(`http://127.0.0.1:${port}/drip`));
    expect(error.code).toBe('timeout');
  });
});

describe('the browser fetcher', () => {
  it('refuses the same URL shapes; addresses are the browser’s to judge', async () => {
    const asked: string[] = [];
    const fetcher = createFetchFetcher({
      fetch: async (url) => {
        asked.push(String(url));
        return new Response(new Uint8Array(1));
      },
    });
    expect((await failure(fetcher.fetchCrl('http://user:secret@ca.example/ca.crl'))).code).toBe('refused-url');
    expect((await failure(fetcher.fetchCrl('http://ca.example:25/ca.crl'))).code).toBe('refused-url');
    expect((await failure(fetcher.fetchCrl(`http://ca.example/${'x'.repeat(MAX_URL_LENGTH)}`))).code).toBe('refused-url');
    expect(asked).toEqual([]);
    expect(await fetcher.fetchCrl('http://127.0.0.1:18080/ca.crl')).toHaveLength(1);
  });
});

describe('documents naming URLs into the network (a CA of the test root)', () => {
  let trust: TrustStore;
  beforeAll(() => {
    trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
  });

  it('AIA into the network is refused: the issuer stays missing (INDETERMINATE, NO_CERTIFICATE_CHAIN_FOUND), and it says so', async () => {
    const report = await verify(file('internal.txt.p7s'), { trust, at: AT, content: content(), revocation: { fetch: createHttpFetcher({ resolve: noDns }) } });
    expect(verdict(report)).toEqual(['INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND']);
    const refused = report.signatures[0]!.messages.filter((m) => m.code === 'PKI_FETCH_REFUSED_ADDRESS');
    expect(refused.map((m) => m.params?.url)).toEqual(['http://0x7f.1/ca.cer']);
    expect(refused[0]!.vi).toContain('không phải địa chỉ công cộng');
  });

  it('OCSP and CRLs into the network are refused: the status is unanswered, never passed as checked nor failed', async () => {
    const withCa = trust.withIntermediates(file('ca.pem'));
    const run = (mode: 'if-available' | 'require') =>
      verify(file('internal.txt.p7s'), { trust: withCa, at: AT, content: content(), revocation: { mode, fetch: createHttpFetcher({ resolve: noDns }) } });
    const soft = await run('if-available');
    expect(verdict(soft)).toEqual(['TOTAL_PASSED', undefined]);
    expect(soft.signatures[0]!.revocation[0]).toMatchObject({ status: 'not-checked' });
    const refusedUrls = soft.signatures[0]!.messages.filter((m) => m.code === 'PKI_FETCH_REFUSED_ADDRESS').map((m) => m.params?.url);
    expect(refusedUrls).toEqual(['http://169.254.169.254/latest/meta-data/', 'http://10.1.2.3/ca.crl', 'http://[fd00::1]/ca.crl', 'http://[::ffff:127.0.0.1]:18080/ca.crl']);
    expect(messageCodes(soft)).toContain('PKI_REVOCATION_NOT_FOUND');
    const required = await run('require');
    expect(verdict(required)).toEqual(['INDETERMINATE', 'TRY_LATER']);
    expect(messageCodes(required)).toContain('PKI_FETCH_REFUSED_ADDRESS');
  });

  it('URLs of refused shapes are reported as such, the long one shortened', async () => {
    const report = await verify(file('shapes.txt.p7s'), {
      trust: trust.withIntermediates(file('ca.pem')),
      at: AT,
      content: content(),
      revocation: { fetch: createHttpFetcher({ resolve: noDns }) },
    });
    const refused = report.signatures[0]!.messages.filter((m) => m.code === 'PKI_FETCH_REFUSED_URL');
    expect(refused.map((m) => String(m.params?.url).slice(0, 40))).toEqual([
      'http://user:secret@ocsp.rtfetch.kyso.tes',
      'http://crl.rtfetch.kyso.test:25/ca.crl',
      'http://crl.rtfetch.kyso.test/xxxxxxxxxxx',
    ]);
    expect(String(refused[2]!.params?.url)).toHaveLength(201);
    expect(verdict(report)).toEqual(['TOTAL_PASSED', undefined]);
  });
});

describe('whose URLs are fetched', () => {
  it('a chain that reaches no anchor: its AIA is asked for the missing issuer, its OCSP and CRL never (the attacker chose them)', async () => {
    const trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
    for (const mode of ['if-available', 'require'] as const) {
      const fetcher = recording({ 'http://attacker.rtfetch.kyso.test/root.cer': file('attacker-root.pem') });
      const report = await verify(file('attacker.txt.p7s'), { trust, at: AT, content: content(), revocation: { mode, fetch: fetcher } });
      expect(verdict(report)).toEqual(['INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND']);
      expect(fetcher.asked).toEqual(['CERT http://attacker.rtfetch.kyso.test/root.cer']);
    }
  });
});

describe('one document’s fetches are bounded', () => {
  const trust = () => TrustStore.from(sample('pki/kyso-test-root.pem'));

  it('forty signatures naming forty OCSP responders and one CRL: the CRL is asked once, 32 requests in all, and the bound is reported', async () => {
    const fetcher = recording();
    const report = await verify(file('many-signers.txt.p7s'), { trust: trust(), at: AT, content: content(), revocation: { fetch: fetcher } });
    expect(report.signatures).toHaveLength(40);
    expect(fetcher.asked).toHaveLength(32);
    expect(fetcher.asked.filter((a) => a.startsWith('CRL'))).toEqual(['CRL http://crl.rtfetch.kyso.test/ca.crl']);
    const limited = report.signatures.filter((s) => s.messages.some((m) => m.code === 'PKI_FETCH_DOCUMENT_LIMIT'));
    expect(limited).toHaveLength(9);
    expect(limited[0]!.messages.find((m) => m.code === 'PKI_FETCH_DOCUMENT_LIMIT')).toMatchObject({ params: { limit: 32, url: 'http://ocsp32.rtfetch.kyso.test/' } });
    // Unanswered, so the soft pass of "no data" (if-available), each reported not-checked; never failed.
    expect(verdict(report)).toEqual(['TOTAL_PASSED', undefined]);
    expect(report.signatures.every((s) => s.revocation[0]?.status === 'not-checked')).toBe(true);
  });

  it('a fetcher that never answers holds a document no longer than its time bound, and later requests fail at once', async () => {
    let started = 0;
    const hanging: RevocationFetcher = {
      fetchCrl: () => {
        started++;
        return new Promise<Uint8Array>(() => undefined);
      },
      fetchCertificates: () => new Promise<Uint8Array>(() => undefined),
      fetchOcsp: () => new Promise<Uint8Array>(() => undefined),
    };
    const bounded = documentFetcher(hanging, { maxFetches: 32, timeMs: 50 });
    expect((await failure(bounded.fetchCrl('http://a.example/1.crl'))).code).toBe('document-time');
    expect((await failure(bounded.fetchCrl('http://a.example/2.crl'))).code).toBe('document-time');
    expect(started).toBe(1);
    // The same request again is the same answer, not another wait.
    expect((await failure(bounded.fetchCrl('http://a.example/1.crl'))).code).toBe('document-time');
    expect(started).toBe(1);
  });

  it('the largest number of requests passes, one more is refused', async () => {
    const bounded = documentFetcher(recording({ 'http://a.example/1': new Uint8Array(1), 'http://a.example/2': new Uint8Array(1) }), { maxFetches: 2, timeMs: 60_000 });
    expect(await bounded.fetchCrl('http://a.example/1')).toHaveLength(1);
    expect(await bounded.fetchCrl('http://a.example/2')).toHaveLength(1);
    expect((await failure(bounded.fetchCrl('http://a.example/3'))).code).toBe('document-fetches');
  });

  it('one certificate path fetches at most MAX_FETCHES URLs; the next is not fetched and the bound is reported once', async () => {
    const fetcher = recording();
    const ctx = new ValidationContext(
      { at: AT, now: AT, usage: 'any', policy: {}, revocationMode: 'require', fetcher, anchorMode: () => 'enforce' },
      new CertificatePool(),
      new WorkBudget(DEFAULT_BUDGET),
      { embeddedCrls: [], embeddedOcsp: [], suppliedCrls: [], suppliedOcsp: [] },
    );
    for (let i = 1; i <= MAX_FETCHES + 2; i++) {
      const url = `http://ca.example/${i}.crl`;
      await fetchNoted(ctx, 'CRL', url, url, () => fetcher.fetchCrl(url));
    }
    expect(fetcher.asked).toHaveLength(MAX_FETCHES);
    const limits = ctx.messages.filter((m) => m.code === 'PKI_FETCH_LIMIT');
    expect(limits).toHaveLength(1);
    expect(limits[0]).toMatchObject({ params: { limit: 16, url: 'http://ca.example/17.crl' } });
  });
});
