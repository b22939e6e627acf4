/**
 * `kyso verify --password / --password-file`: passwords for encrypted PDFs reach every document of
 * the run, on the main thread and in worker threads alike; a password file is read as UTF-8 lines
 * (byte order mark and CR LF removed, spaces kept). Samples: samples/make-pdf-encrypted.sh.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { SAMPLES } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'kyso-passwords-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const USER_PASSWORD_PDF = `${SAMPLES}pdf/encrypted-user-password-signed.pdf`;
const UNSIGNED_RC4_PDF = `${SAMPLES}pdf/encrypted-rc4-128-user-password-unsigned.pdf`;

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['verify', '--no-default-trust', '--trust', `${SAMPLES}pki`, '--at', '2026-06-01T00:00:00Z', '--lang', 'en', '--format', 'jsonl', ...argv], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

/** Each document's verdict and how it was opened, from the JSONL lines. */
function opened(stdout: string): [string, string, unknown][] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type?: string; path?: string; indication?: string; messages?: { code: string; params?: unknown }[] })
    .filter((line) => line.indication !== undefined)
    .map((line) => [line.path!.split('/').pop()!, line.indication!, line.messages?.find((m) => m.code.startsWith('PDF_ENCRYPTED'))?.code]);
}

describe('kyso verify --password', () => {
  it('without a password: INDETERMINATE, exit code 2', async () => {
    const { code, stdout } = await run(USER_PASSWORD_PDF);
    expect(code).toBe(2);
    expect(opened(stdout)).toEqual([['encrypted-user-password-signed.pdf', 'INDETERMINATE', 'PDF_ENCRYPTED_PASSWORD']]);
  });

  it('--password given twice: the second opens it, exit code 0', async () => {
    const { code, stdout } = await run('--password', 'wrong', '--password', 'user-kyso', USER_PASSWORD_PDF);
    expect(code).toBe(0);
    expect(opened(stdout)).toEqual([['encrypted-user-password-signed.pdf', 'TOTAL_PASSED', 'PDF_ENCRYPTED_OPENED_USER_PASSWORD']]);
  });

  it('--password-file: a byte order mark, CR LF and empty lines are not part of the passwords; a space is', async () => {
    const file = join(dir, 'passwords.txt');
    writeFileSync(file, '\uFEFFuser-kyso \r\n\r\nowner-kyso\r\n');
    const { code, stdout } = await run('--password-file', file, USER_PASSWORD_PDF);
    expect(code).toBe(0);
    // "user-kyso " (with its space) is not the user password: the owner password on the next line opens it.
    expect(opened(stdout)).toEqual([['encrypted-user-password-signed.pdf', 'TOTAL_PASSED', 'PDF_ENCRYPTED_OPENED_OWNER_PASSWORD']]);
  });

  it('the passwords reach worker threads too (--jobs 2)', async () => {
    const { code, stdout } = await run('--jobs', '2', '--password', 'user-kyso', USER_PASSWORD_PDF, UNSIGNED_RC4_PDF);
    expect(code).toBe(2);
    expect(opened(stdout)).toEqual([
      ['encrypted-user-password-signed.pdf', 'TOTAL_PASSED', 'PDF_ENCRYPTED_OPENED_USER_PASSWORD'],
      ['encrypted-rc4-128-user-password-unsigned.pdf', 'NO_SIGNATURE', 'PDF_ENCRYPTED_OPENED_USER_PASSWORD'],
    ]);
  });

  it('an unreadable password file or more than 1,000 passwords: exit code 3 with the reason, nothing verified', async () => {
    const missing = await run('--password-file', join(dir, 'missing.txt'), USER_PASSWORD_PDF);
    expect(missing.code).toBe(3);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain(`cannot read ${join(dir, 'missing.txt')}`);
    const many = join(dir, 'many.txt');
    writeFileSync(many, Array.from({ length: 1001 }, (_, n) => `p${n}`).join('\n'));
    const tooMany = await run('--password-file', many, USER_PASSWORD_PDF);
    expect(tooMany.code).toBe(3);
    expect(tooMany.stdout).toBe('');
    expect(tooMany.stderr).toContain('too many passwords: at most 1000');
  });

  it('a password file that is not UTF-8 (Windows-1258) or is not a password file at all: exit code 3, said why', async () => {
    const legacy = join(dir, 'windows-1258.txt');
    // "mật khẩu" in Windows-1258: a, combining dot below (0xF2), ... not UTF-8.
    writeFileSync(legacy, Buffer.from([0x6d, 0xe2, 0xf2, 0x74, 0x20, 0x6b, 0x68, 0xe2, 0xd2, 0x75, 0x0a]));
    const notUtf8 = await run('--password-file', legacy, USER_PASSWORD_PDF);
    expect(notUtf8.code).toBe(3);
    expect(notUtf8.stdout).toBe('');
    expect(notUtf8.stderr).toContain(`${legacy} is not UTF-8 text`);
    const huge = join(dir, 'huge.txt');
    writeFileSync(huge, Buffer.alloc((1 << 20) + 1, 0x61));
    const tooLarge = await run('--password-file', huge, USER_PASSWORD_PDF);
    expect(tooLarge.code).toBe(3);
    expect(tooLarge.stderr).toContain(`${huge} is too large for a password file (at most 1048576 bytes)`);
  });
});

describe('kyso metrics --password', () => {
  async function passedAndIndeterminate(...argv: string[]): Promise<[string, string]> {
    let stdout = '';
    const code = await main(['metrics', '--no-default-trust', '--trust', `${SAMPLES}pki`, '--at', '2026-06-01', '--by', '', '--format', 'csv', ...argv, USER_PASSWORD_PDF], {
      stdout: (t) => (stdout += t),
      stderr: () => undefined,
    });
    expect(code).toBe(0);
    const [header, , total] = stdout.replace(/^\uFEFF/, '').trim().split('\n').map((line) => line.split(','));
    const column = (name: string) => total![header!.indexOf(name)]!;
    return [column('passed'), column('indeterminate')];
  }

  it('counts the encrypted document as passed once its password is given', async () => {
    expect(await passedAndIndeterminate()).toEqual(['0', '1']);
    expect(await passedAndIndeterminate('--password', 'user-kyso')).toEqual(['1', '0']);
  });
});
