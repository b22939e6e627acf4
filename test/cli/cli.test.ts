import { describe, expect, it } from 'vitest';
import type { CliJsonlDocumentLine, CliJsonlLine as CliJsonLine, CliJsonOutput as CliJsonDocument } from '../../src/index.js';
import { SAMPLES } from '../helpers.js';
import { run as runArgv } from './run.js';

const run = (...argv: string[]) => runArgv(argv);
const AT = ['--at', '2026-06-01T00:00:00Z'];
const TRUST = ['--trust', `${SAMPLES}pki`];

describe('kyso verify', () => {
  it('exit 0 and a readable verdict when every document passes', async () => {
    const { code, stdout } = await run('verify', ...TRUST, ...AT, '--lang', 'en', `${SAMPLES}cms/rsa-sha256.txt.p7s`);
    expect(code).toBe(0);
    expect(stdout).toContain('✔');
    expect(stdout).toContain('PASSED (TOTAL_PASSED)');
    expect(stdout).toContain('Nguyễn Văn An');
    // Changed by issue 13: "1 documents" is now a correct English plural.
    expect(stdout).toContain('1 document: 1 passed, 0 failed, 0 indeterminate, 0 without signature.');
    // Changed by issue 13: the offline revocation warning on a valid signature is one line in the summary, not a `!` per document.
    expect(stdout).not.toContain('[PKI_REVOCATION_NOT_FOUND]');
    expect(stdout).toContain('Revocation was not checked for 1 valid signature');
  });

  it('exit 1 when a document failed, with the reason in Vietnamese', async () => {
    const { code, stdout } = await run('verify', ...TRUST, ...AT, '--lang', 'vi', `${SAMPLES}cms/tampered-content.txt.p7s`, `${SAMPLES}cms/rsa-sha256.txt.p7s`);
    expect(code).toBe(1);
    expect(stdout).toContain('KHÔNG HỢP LỆ (TOTAL_FAILED/HASH_FAILURE)');
    expect(stdout).toContain('nội dung đã bị thay đổi sau khi ký');
    expect(stdout).toContain('Tổng cộng 2 văn bản: 1 hợp lệ, 1 không hợp lệ');
    expect(stdout).toContain('Thời điểm kiểm tra: 01/06/2026 07:00 (giờ Việt Nam)');
  });

  it('an edXML package: envelope metadata, the package signature layer and each attachment', async () => {
    const { code, stdout } = await run('verify', ...TRUST, ...AT, '--lang', 'en', `${SAMPLES}edxml/tampered-subject.edxml`);
    expect(code).toBe(0);
    // Changed by issue 13: missing parts are left out instead of `?`, and field names are words, not element names.
    expect(stdout).toContain(
      'edXML package: from Ủy ban nhân dân tỉnh Thử Nghiệm (000.00.00.H99); to Văn phòng Chính phủ (000.00.00.G22); document 123/UBND-VP; dated 2025-03-01; Công văn',
    );
    expect(stdout).toContain('Subject: V/v phê duyệt dự án ABC');
    expect(stdout).toContain('Package signature: signature value valid but the content was changed after signing');
    expect(stdout).toContain('Metadata NOT protected by a valid signature: sender code, date of issue, document type, document number, document notation, subject');
    expect(stdout).toContain('sig-1 (xmldsig): FAILED (TOTAL_FAILED/HASH_FAILURE)');
    expect(stdout).toMatch(/✔ Attachment 123-UBND-VP\.pdf: PASSED \(TOTAL_PASSED\) — PDF/);
  });

  it('Vietnamese values inside Vietnamese sentences: coverage, changes, roles', async () => {
    const { stdout } = await run('verify', ...TRUST, ...AT, '--lang', 'vi', `${SAMPLES}pdf/person-then-organization.pdf`);
    expect(stdout).toContain('Phạm vi ký: toàn bộ phiên bản được ký');
    expect(stdout).toContain('Thay đổi sau khi ký: điền biểu mẫu');
    expect(stdout).toContain('Trường chữ ký SigPerson, trang 1, phiên bản 2/3, lý do: Ky duyet');
    expect(stdout).toContain('Nghị định 30/2020: có chữ ký số của cá nhân; có chữ ký số của cơ quan, tổ chức');
    expect(stdout).not.toMatch(/entire-revision|form-filling|location: \?|nơi ký: \?/);
  });

  it('Decree 30 roles are shown for PDFs only, not for a .p7s or XML', async () => {
    const { stdout } = await run('verify', ...TRUST, ...AT, '--lang', 'en', `${SAMPLES}cms/rsa-sha256.txt.p7s`, `${SAMPLES}xml/organization.xml`);
    expect(stdout).not.toContain('Decree 30');
  });

  it('exit 2 when the worst is indeterminate', async () => {
    const { code } = await run('verify', ...TRUST, ...AT, `${SAMPLES}cms/untrusted.txt.p7s`);
    expect(code).toBe(2);
  });

  it('--format json prints the documented shape, with a summary', async () => {
    const { code, stdout } = await run('verify', ...TRUST, ...AT, '--format', 'json', `${SAMPLES}cms/rsa-sha256.txt.p7s`, `${SAMPLES}cms/expired.txt.p7s`);
    expect(code).toBe(2);
    const output = JSON.parse(stdout) as CliJsonDocument;
    expect(output.kyso).toMatch(/^\d+\.\d+\.\d+/);
    expect(output.validationTime).toBe('2026-06-01T00:00:00.000Z');
    expect(output.validationTimeVietnam).toBe('01/06/2026 07:00');
    expect(output.documents.map((d) => [d.path.split('/').pop(), 'indication' in d ? d.indication : 'error'])).toEqual([
      ['rsa-sha256.txt.p7s', 'TOTAL_PASSED'],
      ['expired.txt.p7s', 'INDETERMINATE'],
    ]);
    expect(output.summary).toEqual({ total: 2, passed: 1, failed: 0, indeterminate: 1, unsigned: 0, skipped: 0, errors: 0, skippedFiles: [], interrupted: false, exitCode: 2 });
  });

  it('--format jsonl prints one self-describing report per line, in input order, then the summary record', async () => {
    const { code, stdout } = await run('verify', ...TRUST, ...AT, '--format', 'jsonl', `${SAMPLES}cms/rsa-sha256.txt.p7s`, `${SAMPLES}cms/tampered-content.txt.p7s`);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as CliJsonLine);
    expect(lines.map((l) => [l.record, 'path' in l ? l.path.split('/').pop() : '', 'indication' in l ? l.indication : '', l.validationTime])).toEqual([
      [undefined, 'rsa-sha256.txt.p7s', 'TOTAL_PASSED', '2026-06-01T00:00:00.000Z'],
      [undefined, 'tampered-content.txt.p7s', 'TOTAL_FAILED', '2026-06-01T00:00:00.000Z'],
      ['summary', '', '', '2026-06-01T00:00:00.000Z'],
    ]);
    expect(lines[2]).toMatchObject({ record: 'summary', total: 2, passed: 1, failed: 1, indeterminate: 0, unsigned: 0, errors: 0, exitCode: 1 });
  });

  it('a folder: every file is reported, a detached pair is one document', async () => {
    const { stdout } = await run('verify', ...TRUST, ...AT, '--lang', 'en', '--format', 'jsonl', `${SAMPLES}cms`);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as CliJsonLine);
    const documents = lines.filter((l): l is CliJsonlDocumentLine => l.record === undefined);
    // Changed by issue 13: files that are not documents were "skipped" unnamed; now each is listed. The pair's content is not listed twice.
    expect(documents.find((d) => d.path.endsWith('/rsa-sha256.txt'))).toBeUndefined();
    expect(documents.find((d) => d.path.endsWith('/rsa-sha256.txt.p7s'))).toMatchObject({ indication: 'TOTAL_PASSED' });
    expect(lines.at(-1)!.record).toBe('summary');
  });

  it.each([
    [['verify'], 'verify needs at least one file or folder'],
    [['verify', '--format', 'xml', 'x'], '--format must be one of: text, json, jsonl, csv, html'],
    [['verify', '--at', 'yesterday', 'x'], 'is not an ISO 8601 time'],
    [['verify', '--at', '01/06/2026', 'x'], 'is not an ISO 8601 time'],
    [['verify', '--at', '1', 'x'], 'is not an ISO 8601 time'],
    [['verify', '--at', '2026-06-01T09:00', 'x'], 'is not an ISO 8601 time'],
    [['verify', '--at', '2026-02-30', 'x'], 'is not an ISO 8601 time'],
    [['verify', '--jobs', '0', 'x'], '--jobs must be an integer from 1 to 256'],
    [['verify', '--bogus', 'x'], 'unknown option: --bogus'],
    [['frobnicate'], 'unknown command: frobnicate'],
    [[], 'no command given'],
  ])('usage errors exit 3: %j', async (argv, text) => {
    const { code, stderr } = await runArgv(argv.length ? [...argv, '--lang', 'en'] : argv);
    expect(code).toBe(3);
    expect(stderr).toContain(text);
  });

  it('--at accepts an ISO date and a date-time with its zone', async () => {
    for (const at of ['2026-06-01', '2026-06-01T07:00:00+07:00', '2026-06-01T00:00Z']) {
      const { code, stdout } = await run('verify', ...TRUST, '--at', at, '--format', 'json', `${SAMPLES}cms/rsa-sha256.txt.p7s`);
      expect(code).toBe(0);
      expect((JSON.parse(stdout) as CliJsonDocument).validationTime).toBe('2026-06-01T00:00:00.000Z');
    }
  });

  it('a missing file gets its own report and exit 3, after the others were verified', async () => {
    // Changed by issue 13: a missing file no longer stops the run with nothing printed for the good file.
    const { code, stdout } = await run('verify', ...TRUST, ...AT, '--format', 'jsonl', `${SAMPLES}cms/rsa-sha256.txt.p7s`, `${SAMPLES}does-not-exist.pdf`);
    expect(code).toBe(3);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as CliJsonLine);
    expect(lines.map((l) => l.record)).toEqual([undefined, 'error', 'summary']);
    expect(lines[1]).toMatchObject({ path: `${SAMPLES}does-not-exist.pdf`, error: { code: 'ENOENT' } });
  });
});

describe('kyso trust list', () => {
  it('lists the bundled anchors and intermediates', async () => {
    const { code, stdout } = await run('trust', 'list', '--format', 'json', '--trust-store', '/nonexistent-kyso-store');
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { role: string; commonName?: string }[];
    expect(rows.filter((r) => r.role === 'anchor').map((r) => r.commonName)).toEqual(
      expect.arrayContaining(['Vietnam National Root CA', 'Vietnam National Root CA G3', 'RootCA chuyên dùng Chính phủ G2']),
    );
    expect(rows.some((r) => r.role === 'intermediate' && r.commonName === 'CA phục vụ các cơ quan Nhà nước G2')).toBe(true);
  });
});
