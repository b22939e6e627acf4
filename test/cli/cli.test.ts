import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { SAMPLES } from '../helpers.js';

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const AT = ['--at', '2026-06-01T00:00:00Z'];
const TRUST = ['--trust', `${SAMPLES}pki`];

describe('kyso verify', () => {
  it('exit 0 and a readable verdict when every document passes', async () => {
    const { code, stdout } = await run('verify', ...TRUST, ...AT, '--lang', 'en', `${SAMPLES}cms/rsa-sha256.txt.p7s`);
    expect(code).toBe(0);
    expect(stdout).toContain('✔');
    expect(stdout).toContain('PASSED (TOTAL_PASSED)');
    expect(stdout).toContain('Nguyễn Văn An');
    expect(stdout).toContain('1 documents: 1 passed, 0 failed, 0 indeterminate, 0 without signature.');
  });

  it('exit 1 when a document failed, with the reason in Vietnamese', async () => {
    const { code, stdout } = await run('verify', ...TRUST, ...AT, '--lang', 'vi', `${SAMPLES}cms/tampered-content.txt.p7s`, `${SAMPLES}cms/rsa-sha256.txt.p7s`);
    expect(code).toBe(1);
    expect(stdout).toContain('KHÔNG HỢP LỆ (TOTAL_FAILED/HASH_FAILURE)');
    expect(stdout).toContain('nội dung đã bị thay đổi sau khi ký');
  });

  it('an edXML package: envelope metadata, the package signature layer and each attachment', async () => {
    const { code, stdout } = await run('verify', ...TRUST, ...AT, '--lang', 'en', `${SAMPLES}edxml/tampered-subject.edxml`);
    expect(code).toBe(0);
    expect(stdout).toContain('edXML package: from Ủy ban nhân dân tỉnh Thử Nghiệm (000.00.00.H99) to Văn phòng Chính phủ (000.00.00.G22); document 123/UBND-VP of 2025-03-01, Công văn');
    expect(stdout).toContain('Subject: V/v phê duyệt dự án ABC');
    expect(stdout).toContain('Package signature: signature value valid but content changed');
    expect(stdout).toContain('Metadata NOT protected by a valid signature: senderOrganId, promulgationDate, documentType, codeNumber, codeNotation, subject');
    expect(stdout).toContain('sig-1 (xmldsig): FAILED (TOTAL_FAILED/HASH_FAILURE)');
    expect(stdout).toMatch(/✔ Attachment 123-UBND-VP\.pdf: PASSED \(TOTAL_PASSED\) \[pdf\]/);
  });

  it('exit 2 when the worst is indeterminate', async () => {
    const { code } = await run('verify', ...TRUST, ...AT, `${SAMPLES}cms/untrusted.txt.p7s`);
    expect(code).toBe(2);
  });

  it('--format json prints the documented shape', async () => {
    const { code, stdout } = await run('verify', ...TRUST, ...AT, '--format', 'json', `${SAMPLES}cms/rsa-sha256.txt.p7s`, `${SAMPLES}cms/expired.txt.p7s`);
    expect(code).toBe(2);
    const output = JSON.parse(stdout) as { kyso: string; validationTime: string; documents: { path: string; indication: string }[] };
    expect(output.kyso).toMatch(/^\d+\.\d+\.\d+/);
    expect(output.validationTime).toBe('2026-06-01T00:00:00.000Z');
    expect(output.documents.map((d) => [d.path.split('/').pop(), d.indication])).toEqual([
      ['rsa-sha256.txt.p7s', 'TOTAL_PASSED'],
      ['expired.txt.p7s', 'INDETERMINATE'],
    ]);
  });

  it('--format jsonl prints one self-describing report per line, in input order', async () => {
    const { code, stdout } = await run('verify', ...TRUST, ...AT, '--format', 'jsonl', `${SAMPLES}cms/rsa-sha256.txt.p7s`, `${SAMPLES}cms/tampered-content.txt.p7s`);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { kyso: string; validationTime: string; path: string; indication: string });
    expect(lines.map((l) => [l.path.split('/').pop(), l.indication, l.validationTime])).toEqual([
      ['rsa-sha256.txt.p7s', 'TOTAL_PASSED', '2026-06-01T00:00:00.000Z'],
      ['tampered-content.txt.p7s', 'TOTAL_FAILED', '2026-06-01T00:00:00.000Z'],
    ]);
  });

  it('a folder: only documents are verified, other files are counted as skipped', async () => {
    const { stdout } = await run('verify', ...TRUST, ...AT, '--lang', 'en', `${SAMPLES}cms`);
    expect(stdout).toMatch(/Skipped \d+ files that are not documents\./);
    expect(stdout).not.toContain('rsa-sha256.txt:');
  });

  it.each([
    [['verify'], 'needs at least one file'],
    [['verify', '--format', 'xml', 'x'], '--format must be one of'],
    [['verify', '--at', 'yesterday', 'x'], 'is not an ISO-8601 time'],
    [['verify', '--bogus', 'x'], 'Unknown option'],
    [['frobnicate'], 'unknown command'],
  ])('usage errors exit 3: %j', async (argv, text) => {
    const { code, stderr } = await run(...argv);
    expect(code).toBe(3);
    expect(stderr).toContain(text);
  });

  it('a missing file is an I/O error, exit 3', async () => {
    const { code, stderr } = await run('verify', ...TRUST, `${SAMPLES}does-not-exist.pdf`);
    expect(code).toBe(3);
    expect(stderr).toContain('cannot read');
  });
});

describe('kyso trust list', () => {
  it('lists the bundled anchors and intermediates', async () => {
    const { code, stdout } = await run('trust', 'list', '--format', 'json');
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { role: string; commonName?: string }[];
    expect(rows.filter((r) => r.role === 'anchor').map((r) => r.commonName)).toEqual(
      expect.arrayContaining(['Vietnam National Root CA', 'Vietnam National Root CA G3', 'RootCA chuyên dùng Chính phủ G2']),
    );
    expect(rows.some((r) => r.role === 'intermediate' && r.commonName === 'CA phục vụ các cơ quan Nhà nước G2')).toBe(true);
  });
});
