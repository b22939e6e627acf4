/** `kyso trust add | list | remove` over a user store in a temporary folder, and certificate files as users hand them over. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLES } from '../helpers.js';
import { run } from './run.js';

const work = mkdtempSync(join(tmpdir(), 'kyso-trust-'));
const store = join(work, 'store');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ROOT = `${SAMPLES}pki/kyso-test-root.pem`;
const openssl = (...args: string[]) => execFileSync('openssl', args);

type Row = { role: string; store: string; status: string; commonName?: string; sha256: string };
async function list(...extra: string[]): Promise<Row[]> {
  const { code, stdout } = await run(['trust', 'list', '--format', 'json', '--trust-store', store, ...extra]);
  expect(code).toBe(0);
  return (JSON.parse(stdout) as Row[]).filter((r) => r.store === 'user');
}

describe('kyso trust', () => {
  it('adds a root written by `openssl pkcs7 -print_certs -text` (PEM far from the start of the file) as an anchor, and verify uses it', async () => {
    const p7b = join(work, 'root.p7b');
    openssl('crl2pkcs7', '-nocrl', '-certfile', ROOT, '-out', p7b);
    const printed = join(work, 'root-printed.txt');
    // A text dump first (as users paste from a CA's web page), then openssl's own -print_certs -text output.
    writeFileSync(printed, Buffer.concat([openssl('x509', '-in', ROOT, '-noout', '-text'), openssl('pkcs7', '-in', p7b, '-print_certs', '-text')]));
    expect(readFileSync(printed, 'latin1').indexOf('-----BEGIN CERTIFICATE-----')).toBeGreaterThan(4096);
    const added = await run(['trust', 'add', '--trust-store', store, '--lang', 'en', printed]);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Added trust anchor: kyso test root CA');
    // Without --trust: the user's store is what makes the sample's chain trusted.
    const verified = await run(['verify', '--trust-store', store, '--at', '2026-06-01T00:00:00Z', `${SAMPLES}cms/rsa-sha256.txt.p7s`]);
    expect(verified.code).toBe(0);
  });

  it('adds a CA issued by someone else as an intermediate, from DER and from a DER PKCS#7 bundle', async () => {
    const der = join(work, 'intermediate.cer');
    writeFileSync(der, openssl('x509', '-in', `${SAMPLES}ca/intermediate.pem`, '-outform', 'DER'));
    expect((await run(['trust', 'add', '--trust-store', store, der])).code).toBe(0);
    const bundle = join(work, 'expired.p7b');
    openssl('crl2pkcs7', '-nocrl', '-certfile', `${SAMPLES}ca/expired.pem`, '-outform', 'DER', '-out', bundle);
    expect((await run(['trust', 'add', '--trust-store', store, bundle])).code).toBe(0);
    const rows = await list();
    expect(rows.map((r) => [r.commonName, r.role]).sort()).toEqual([
      ['Phạm Thị Dung', 'intermediate'],
      ['kyso test intermediate CA', 'intermediate'],
      ['kyso test root CA', 'anchor'],
    ].sort());
  });

  it('list marks expired and not-yet-valid certificates', async () => {
    const statuses = async (at: string) => Object.fromEntries((await list('--at', at)).map((r) => [r.commonName, r.status]));
    expect(await statuses('2026-06-01')).toEqual({ 'kyso test root CA': 'valid', 'kyso test intermediate CA': 'valid', 'Phạm Thị Dung': 'expired' });
    expect(Object.values(await statuses('2018-06-01'))).toEqual(['not-yet-valid', 'not-yet-valid', 'not-yet-valid']);
    const text = await run(['trust', 'list', '--trust-store', store, '--lang', 'vi', '--at', '2026-06-01']);
    expect(text.stdout).toMatch(/CA trung gian +người dùng .*Phạm Thị Dung +\[ĐÃ HẾT HẠN\]/);
  });

  it('refuses a private key clearly, in both languages, and adds nothing', async () => {
    const before = await list();
    const en = await run(['trust', 'add', '--trust-store', store, '--lang', 'en', `${SAMPLES}ca/person.key`]);
    expect(en.code).toBe(3);
    expect(en.stderr).toContain('is a private key, not a certificate: a private key never belongs in a trust store');
    const der = join(work, 'person-key.der');
    writeFileSync(der, openssl('pkey', '-in', `${SAMPLES}ca/person.key`, '-outform', 'DER'));
    const vi = await run(['trust', 'add', '--trust-store', store, '--lang', 'vi', der]);
    expect(vi.code).toBe(3);
    expect(vi.stderr).toContain('là khóa bí mật, không phải chứng thư số');
    const verify = await run(['verify', '--trust', `${SAMPLES}ca/person.key`, '--lang', 'en', `${SAMPLES}cms/rsa-sha256.txt.p7s`]);
    expect(verify.code).toBe(3);
    expect(verify.stderr).toContain('is a private key');
    expect(await list()).toEqual(before);
  });

  it('refuses a file with no certificate', async () => {
    const { code, stderr } = await run(['trust', 'add', '--trust-store', store, '--lang', 'en', `${SAMPLES}README.md`]);
    expect(code).toBe(3);
    expect(stderr).toContain('holds no certificate');
  });

  it('removes by fingerprint prefix or by file; an unknown name is exit 3', async () => {
    const root = (await list()).find((r) => r.role === 'anchor');
    const removed = await run(['trust', 'remove', '--trust-store', store, '--lang', 'en', root!.sha256.slice(0, 12)]);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('Removed: kyso test root CA');
    expect((await run(['trust', 'remove', '--trust-store', store, `${SAMPLES}ca/intermediate.pem`])).code).toBe(0);
    expect((await list()).map((r) => r.commonName)).toEqual(['Phạm Thị Dung']);
    expect((await run(['trust', 'remove', '--trust-store', store, 'ABCDEF0123456789'])).code).toBe(3);
  });
});
