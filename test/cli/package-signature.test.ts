/**
 * The CLI's verdict lines are the library's summarize() lines (one wording, two ways in);
 * an edXML package shows its own signature's verdict on that line, `--package-signature
 * require` makes it part of the verdict; `--content` gives a detached XML signature its
 * content by Reference URI.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliJsonlLine } from '../../src/index.js';
import { summarize } from '../../src/report/summary.js';
import type { DocumentReport } from '../../src/report/types.js';
import { SAMPLES } from '../helpers.js';
import { run } from './run.js';

const ARGS = ['--trust', `${SAMPLES}pki`, '--at', '2026-06-01T00:00:00Z'];

function reports(stdout: string): (DocumentReport & { path: string })[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as CliJsonlLine)
    .filter((line): line is Extract<CliJsonlLine, { indication: unknown }> => line.record === undefined)
    .map((line) => line as unknown as DocumentReport & { path: string });
}

/** Top-level verdict lines of the text output: they start with the mark. */
function verdictLines(stdout: string): string[] {
  return stdout.split('\n').filter((line) => /^[✔✘?] /.test(line));
}

describe('the verdict line is summarize()’s', () => {
  it.each(['vi', 'en'] as const)('for every sample document (%s), attachments included', async (lang) => {
    const folders = ['cms', 'pdf', 'xml', 'edxml'].map((f) => `${SAMPLES}${f}`);
    const json = await run(['verify', ...ARGS, '--format', 'jsonl', ...folders]);
    const text = await run(['verify', ...ARGS, '--format', 'text', '--lang', lang, ...folders]);
    const all = reports(json.stdout);
    expect(all.length).toBeGreaterThan(60);
    const summaries = all.map((report) => summarize(report, { lang, name: report.path }));
    expect(verdictLines(text.stdout)).toEqual(summaries.map((s) => s.line));
    // Signature and attachment verdict lines too: each appears, indented as summarize() indents it.
    const printed = new Set(text.stdout.split('\n'));
    for (const summary of summaries) {
      for (const line of summary.lines.filter((l) => /^\s*(• |[✔✘?] )/.test(l))) expect(printed, line).toContain(line);
    }
    expect(text.code).toBe(json.code);
  });
});

describe('kyso verify --package-signature', () => {
  const tampered = `${SAMPLES}edxml/tampered-subject.edxml`;

  it('a package whose package signature failed shows that failure on its verdict line; the verdict rests on the attachments', async () => {
    const en = await run(['verify', ...ARGS, '--lang', 'en', tampered]);
    expect(verdictLines(en.stdout)).toEqual([`✔ ${tampered}: PASSED (TOTAL_PASSED) — edXML package; package signature: FAILED (TOTAL_FAILED/HASH_FAILURE)`]);
    expect(en.code).toBe(0);
    const vi = await run(['verify', ...ARGS, '--lang', 'vi', tampered]);
    expect(verdictLines(vi.stdout)).toEqual([`✔ ${tampered}: HỢP LỆ (TOTAL_PASSED) — gói edXML; chữ ký số của gói: KHÔNG HỢP LỆ (TOTAL_FAILED/HASH_FAILURE)`]);
  });

  it('require: the failed package signature fails the package, exit 1', async () => {
    const { code, stdout } = await run(['verify', ...ARGS, '--lang', 'en', '--package-signature', 'require', tampered]);
    expect(verdictLines(stdout)).toEqual([`✘ ${tampered}: FAILED (TOTAL_FAILED/HASH_FAILURE) — edXML package; package signature: FAILED (TOTAL_FAILED/HASH_FAILURE)`]);
    expect(stdout).toContain('[DOC_PACKAGE_SIGNATURE_REQUIRED]');
    expect(code).toBe(1);
  });

  it('require: an untrusted or absent package signature is indeterminate, exit 2; a valid one passes, exit 0', async () => {
    const untrusted = `${SAMPLES}edxml/untrusted-keyinfo.edxml`;
    const unsigned = `${SAMPLES}edxml/unsigned.edxml`;
    const report = await run(['verify', ...ARGS, '--lang', 'en', untrusted, unsigned]);
    expect(verdictLines(report.stdout)).toEqual([
      `✔ ${untrusted}: PASSED (TOTAL_PASSED) — edXML package; package signature: INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND`,
      `✔ ${unsigned}: PASSED (TOTAL_PASSED) — edXML package; package signature: absent`,
    ]);
    expect(report.code).toBe(0);
    const required = await run(['verify', ...ARGS, '--lang', 'en', '--package-signature', 'require', untrusted, unsigned]);
    expect(verdictLines(required.stdout)).toEqual([
      `? ${untrusted}: INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND — edXML package; package signature: INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND`,
      `? ${unsigned}: INDETERMINATE/SIG_CONSTRAINTS_FAILURE — edXML package; package signature: absent`,
    ]);
    expect(required.code).toBe(2);
    const valid = await run(['verify', ...ARGS, '--package-signature', 'require', `${SAMPLES}edxml/signed.edxml`]);
    expect(valid.code).toBe(0);
    // A valid package signature (here after the transit rebuild) on a document package that carries
    // no document: the layer passes, the package has nothing signed to pass on (NO_SIGNATURE).
    const empty = reports((await run(['verify', ...ARGS, '--format', 'jsonl', '--package-signature', 'require', `${SAMPLES}edxml/transit/axis-reserialised.edxml`])).stdout);
    expect(empty.map((r) => [r.indication, r.packageSignature?.indication])).toEqual([['NO_SIGNATURE', 'TOTAL_PASSED']]);
  });

  it('json carries the typed layer; csv and html show it beside the verdict', async () => {
    const [line] = reports((await run(['verify', ...ARGS, '--format', 'jsonl', '--package-signature', 'require', tampered])).stdout);
    expect(line!.packageSignature).toMatchObject({ state: 'content-changed', indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE', policy: 'require' });
    const csv = await run(['verify', ...ARGS, '--format', 'csv', '--lang', 'en', tampered]);
    const rows = csv.stdout.slice(1).trimEnd().split('\r\n');
    expect(rows[0]!.split(',').at(-1)).toBe('package signature');
    // The package's own rows carry its layer; the rows of the documents it carries (attachment named) do not.
    const own = rows.slice(1).filter((row) => row.split(',')[2] === '');
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((row) => row.endsWith(',FAILED (TOTAL_FAILED/HASH_FAILURE)'))).toBe(true);
    expect(rows.slice(1).filter((row) => row.split(',')[2] !== '').every((row) => row.endsWith(','))).toBe(true);
    const html = await run(['verify', ...ARGS, '--format', 'html', '--lang', 'vi', tampered]);
    expect(html.stdout).toContain('<small>Chữ ký số của gói: KHÔNG HỢP LỆ (TOTAL_FAILED/HASH_FAILURE)</small>');
  });

  it('a value other than report or require is a usage error', async () => {
    const { code, stderr } = await run(['verify', ...ARGS, '--lang', 'vi', '--package-signature', 'strict', tampered]);
    expect(code).toBe(3);
    expect(stderr).toContain('--package-signature phải là một trong: report, require');
  });
});

describe('kyso verify --content for a detached XML signature', () => {
  // The signature alone in a folder, so that its content is not found beside it.
  const dir = mkdtempSync(join(tmpdir(), 'kyso-content-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const signature = join(dir, 'detached.xml');
  copyFileSync(`${SAMPLES}xml/field/detached.xml`, signature);
  const content = `${SAMPLES}xml/field/cong-van-303.xml`;
  const changed = join(dir, 'changed.xml');
  writeFileSync(changed, 'not the letter that was signed');

  it('without content: indeterminate, the signed data not found', async () => {
    const { code, stdout } = await run(['verify', ...ARGS, '--lang', 'en', signature]);
    expect(verdictLines(stdout)).toEqual([`? ${signature}: INDETERMINATE/SIGNED_DATA_NOT_FOUND — XML`]);
    expect(code).toBe(2);
  });

  it('--content FILE (the URI is its name) and --content URI=FILE pass; other bytes for that URI fail', async () => {
    const byName = await run(['verify', ...ARGS, '--lang', 'en', '--content', content, signature]);
    expect(verdictLines(byName.stdout)).toEqual([`✔ ${signature}: PASSED (TOTAL_PASSED) — XML`]);
    expect(byName.code).toBe(0);
    const byUri = await run(['verify', ...ARGS, '--lang', 'en', '--content', `cong-van-303.xml=${content}`, signature]);
    expect(byUri.code).toBe(0);
    const wrong = await run(['verify', ...ARGS, '--lang', 'en', '--content', `cong-van-303.xml=${changed}`, signature]);
    expect(verdictLines(wrong.stdout)).toEqual([`✘ ${signature}: FAILED (TOTAL_FAILED/HASH_FAILURE) — XML`]);
    expect(wrong.code).toBe(1);
  });

  it('URI=FILE for a .p7s, or an unreadable content file, is exit 3 with the reason', async () => {
    const cms = await run(['verify', ...ARGS, '--lang', 'en', '--content', `x=${SAMPLES}cms/rsa-sha256.txt`, `${SAMPLES}cms/rsa-sha256.txt.p7s`]);
    expect(cms.code).toBe(3);
    expect(cms.stderr).toContain('URI=FILE is for detached XML signatures');
    const missing = await run(['verify', ...ARGS, '--lang', 'en', '--content', join(dir, 'missing.xml'), signature]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('missing.xml');
  });
});
