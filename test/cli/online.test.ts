/**
 * --online: revocation data fetched from the URLs in the certificates, here a loopback
 * server this test starts and stops (the samples' certificates point at 127.0.0.1:18080,
 * an intranet CA's place: --allow-private-networks lets kyso fetch from it).
 * Without --online nothing reaches it, nor with --online alone.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { SAMPLES } from '../helpers.js';

const served: Record<string, string> = {
  '/intermediate.crl': 'ca/intermediate.crl',
  '/root.crl': 'ca/root.crl',
  '/intermediate.cer': 'ca/intermediate.pem',
};
let server: Server;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const file = served[request.url ?? ''];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(readFileSync(SAMPLES + file));
  });
  await new Promise<void>((resolve) => server.listen(18080, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function run(...argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: () => undefined });
  return { code, stdout };
}

describe('kyso verify --online', () => {
  const args = ['verify', '--trust', `${SAMPLES}pki`, '--at', '2026-06-01T00:00:00Z', '--format', 'json', `${SAMPLES}cms/revoked.txt.p7s`];

  it('offline (the default), nothing is fetched and the status is not checked', async () => {
    requests.length = 0;
    const { code, stdout } = await run(...args);
    expect(requests).toEqual([]);
    expect(code).toBe(0);
    const [document] = (JSON.parse(stdout) as { documents: { signatures: { revocation: { status: string }[] }[] }[] }).documents;
    expect(document!.signatures[0]!.revocation.some((r) => r.status === 'revoked')).toBe(false);
  });

  it('with --online, the CRL from the distribution point reveals the revocation', async () => {
    requests.length = 0;
    const { code, stdout } = await run(...args.slice(0, 1), '--online', '--allow-private-networks', ...args.slice(1));
    expect(code).toBe(1);
    expect(requests).toContain('GET /intermediate.crl');
    const [document] = (JSON.parse(stdout) as { documents: { indication: string; subIndication: string; signatures: { revocation: { status: string; source: string }[] }[] }[] }).documents;
    expect(document).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'REVOKED' });
    expect(document!.signatures[0]!.revocation.find((r) => r.status === 'revoked')).toMatchObject({ source: 'fetched' });
  });

  it('with --online alone, the loopback CA is refused and the report says so; the status stays unanswered', async () => {
    requests.length = 0;
    const { code, stdout } = await run(...args.slice(0, 1), '--online', ...args.slice(1));
    expect(requests).toEqual([]);
    const [document] = (JSON.parse(stdout) as { documents: { indication: string; signatures: { messages: { code: string; params?: { url?: string } }[]; revocation: { status: string }[] }[] }[] }).documents;
    expect(document!.indication).not.toBe('TOTAL_FAILED');
    expect(code).toBe(0);
    expect(document!.signatures[0]!.messages.filter((m) => m.code === 'PKI_FETCH_REFUSED_ADDRESS').map((m) => m.params?.url)).toContain('http://127.0.0.1:18080/intermediate.crl');
    expect(document!.signatures[0]!.revocation.some((r) => r.status === 'good' || r.status === 'revoked')).toBe(false);
  });

  it('the text summary says revocation was looked for and not found, not that kyso ran offline', async () => {
    const text = ['verify', '--trust', `${SAMPLES}pki`, '--at', '2026-06-01T00:00:00Z', '--lang', 'en', `${SAMPLES}cms/revoked.txt.p7s`];
    const offline = await run(...text);
    expect(offline.stdout).toContain('Revocation was not checked for 1 valid signature (kyso runs offline)');
    const online = await run(...text.slice(0, 1), '--online', ...text.slice(1));
    expect(online.stdout).not.toContain('kyso runs offline');
    expect(online.stdout).toContain('Revocation could not be checked for 1 valid signature: the revocation data given (--revocation) or fetched (--online) held nothing usable about them.');
  });
});
