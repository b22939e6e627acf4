/** `kyso verify` on an auditor's mixed folder: every file once, the documented exit code, streaming, formats. */
import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openFileSource } from '../../src/node.js';
import type { CliJsonlLine } from '../../src/index.js';
import { SAMPLES } from '../helpers.js';
import { mixedFolder } from '../node/fixture.js';
import { run } from './run.js';

const folder = mixedFolder();
afterAll(() => rmSync(folder.root, { recursive: true, force: true }));
const ARGS = ['--trust', `${SAMPLES}pki`, '--at', '2026-06-01T00:00:00Z', '--lang', 'en'];

function parse(stdout: string): CliJsonlLine[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as CliJsonlLine);
}

describe('kyso verify on a mixed folder', () => {
  it('one entry per file in input order, skipped files named in the summary, exit 3 for the unreadable one at the end', async () => {
    const { code, stdout } = await run(['verify', ...ARGS, '--format', 'jsonl', folder.root]);
    expect(code).toBe(3);
    const lines = parse(stdout);
    const entries = lines.filter((l) => l.record !== 'summary').map((l) => [relative(folder.root, 'path' in l ? l.path : ''), 'error' in l ? l.error.code : 'indication' in l ? l.indication : '']);
    expect(entries).toEqual(folder.expected.filter(([, what]) => !['hidden', 'symlink-loop', 'duplicate'].includes(what)));
    const summary = lines.at(-1)!;
    expect(summary).toMatchObject({ record: 'summary', total: 8, passed: 3, failed: 2, indeterminate: 0, unsigned: 3, errors: 1, skipped: 3, interrupted: false, exitCode: 3 });
    expect(summary.record === 'summary' && summary.skippedFiles?.map((s) => [relative(folder.root, s.path), s.reason])).toEqual([
      ['.DS_Store', 'hidden'],
      ['h-sub/loop', 'symlink-loop'],
      ['i-link-to-valid.pdf', 'duplicate'],
    ]);
  });

  it('--jobs 1, --jobs 2 and the default (more than 16 files: threads started while the walk still lists files) give the same output', async () => {
    const one = await run(['verify', ...ARGS, '--format', 'jsonl', '--jobs', '1', folder.root, `${SAMPLES}pdf`]);
    const two = await run(['verify', ...ARGS, '--format', 'jsonl', '--jobs', '2', folder.root, `${SAMPLES}pdf`]);
    const byDefault = await run(['verify', ...ARGS, '--format', 'jsonl', folder.root, `${SAMPLES}pdf`]);
    expect(parse(one.stdout).length).toBeGreaterThan(16);
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
    expect(byDefault.code).toBe(one.code);
    expect(byDefault.stdout).toBe(one.stdout);
  });

  it('text: one verdict line per document, reasons indented, every skipped file named; --quiet keeps only what did not pass', async () => {
    const { stdout } = await run(['verify', ...ARGS, folder.root]);
    expect(stdout).toContain(`✘ ${join(folder.root, 'j-dangling.pdf')}: CANNOT READ`);
    expect(stdout).toContain(`? ${join(folder.root, 'f-photo.jpg')}: NO SIGNATURE (NO_SIGNATURE) — format not recognised`);
    expect(stdout).toContain('8 documents: 3 passed, 2 failed, 0 indeterminate, 3 without signature; 1 file could not be read.');
    expect(stdout).toContain('Skipped 3 files:');
    expect(stdout).toContain(`    ${join(folder.root, 'i-link-to-valid.pdf')} (same file as ${join(folder.root, 'a-valid.pdf')})`);
    const quiet = await run(['verify', ...ARGS, '--quiet', folder.root]);
    expect(quiet.stdout).not.toContain('a-valid.pdf: PASSED');
    expect(quiet.stdout).toContain('b-tampered.pdf: FAILED');
    expect(quiet.stdout).toContain('8 documents: 3 passed');
  });

  it('jsonl streams: the first line is written before the last file is verified', async () => {
    let lines = 0;
    let release: () => void = () => undefined;
    const firstLineWritten = new Promise<void>((resolve) => (release = resolve));
    let linesWhenLastOpened = -1;
    const open = async (path: string) => {
      // The last file is opened only once a line is out: if kyso held lines back, this would wait forever.
      if (path.endsWith('g-hop-dong.txt.p7s')) {
        await firstLineWritten;
        linesWhenLastOpened = lines;
      }
      return openFileSource(path);
    };
    const stdout = (text: string) => {
      lines += text.split('\n').length - 1;
      if (lines > 0) release();
    };
    const code = await (await import('../../src/cli/main.js')).main(['verify', ...ARGS, '--format', 'jsonl', '--jobs', '1', join(folder.root, 'a-valid.pdf'), join(folder.root, 'g-hop-dong.txt.p7s')], { stdout, stderr: () => undefined, open });
    expect(code).toBe(0);
    expect(linesWhenLastOpened).toBe(1);
    expect(lines).toBe(3);
  });

  it('Ctrl-C: the run stops, the report is closed with what was done, exit 130', async () => {
    const controller = new AbortController();
    let seen = 0;
    let out = '';
    const code = await (await import('../../src/cli/main.js')).main(['verify', ...ARGS, '--format', 'json', '--jobs', '1', folder.root], {
      stdout: (text) => {
        out += text;
        // The second document written: the user presses Ctrl-C.
        if (text.includes('"path"') && ++seen === 2) controller.abort();
      },
      stderr: () => undefined,
      signal: controller.signal,
    });
    expect(code).toBe(130);
    const json = JSON.parse(out) as { documents: unknown[]; summary: { interrupted: boolean; exitCode: number; total: number } };
    expect(json.summary).toMatchObject({ interrupted: true, exitCode: 130 });
    expect(json.documents.length).toBeGreaterThanOrEqual(2);
    expect(json.documents.length).toBeLessThan(9);
    expect(json.summary.total).toBe(json.documents.length);
  });

  it('csv: one row per signature, UTF-8 with a byte-order mark, formulas defused', async () => {
    const { stdout } = await run(['verify', ...ARGS, '--format', 'csv', `${SAMPLES}pdf/person-then-organization.pdf`, join(folder.root, 'j-dangling.pdf')]);
    expect(stdout.charCodeAt(0)).toBe(0xfeff);
    const rows = stdout.slice(1).trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^path,detached content,attachment,document verdict,/);
    expect(rows.length).toBe(1 + 2 + 1);
    expect(rows[1]).toContain('SigPerson');
    expect(rows[2]).toContain('SigOrganization');
    expect(rows[3]).toContain('ENOENT');
    const { csvCell } = await import('../../src/cli/csv-report.js');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('csv: the documents a file carries get their own rows, named down to the one that failed', async () => {
    const cells = (stdout: string) => stdout.slice(1).trimEnd().split('\r\n').slice(1).map((row) => row.split(','));
    // The edXML package's own signature holds; its verdict fails on the PDF it carries.
    const edxml = cells((await run(['verify', ...ARGS, '--format', 'csv', `${SAMPLES}edxml/attachment-tampered.edxml`])).stdout);
    expect(edxml.map((row) => [row[2], row[3], row[4], row[5], row[6], row[7], row[9], row[10]])).toEqual([
      ['', 'failed', 'TOTAL_FAILED', 'HASH_FAILURE', 'edxml', 'sig-1', 'TOTAL_PASSED', ''],
      ['123-UBND-VP.pdf', 'failed', 'TOTAL_FAILED', 'HASH_FAILURE', 'pdf', 'SigPerson', 'TOTAL_FAILED', 'HASH_FAILURE'],
    ]);
    // A detached pair inside a ZIP: one row naming both entries.
    const zipPair = cells((await run(['verify', ...ARGS, '--format', 'csv', 'test/fixtures/attacks/detached-names/zip-pair.zip'])).stdout);
    expect(zipPair.map((row) => [row[2], row[6], row[7], row[9]])).toEqual([
      ['', 'zip', '', ''],
      ['hop-dong.txt.p7s + hop-dong.txt', 'cms', 'signer-1', 'TOTAL_PASSED'],
    ]);
    // Nested: a detached signature over an unsigned ZIP whose PDF is broken.
    const pair = 'test/fixtures/attacks/detached-pairs/zipped-broken.zip';
    const nested = cells((await run(['verify', ...ARGS, '--format', 'csv', `${pair}.p7s`])).stdout);
    expect(nested.map((row) => [row[1], row[2], row[6], row[7], row[9]])).toEqual([
      [pair, '', 'cms', 'signer-1', 'TOTAL_PASSED'],
      [pair, 'detached-content', 'zip', '', ''],
      [pair, 'detached-content > 123-UBND-VP.pdf', 'pdf', 'SigPerson', 'TOTAL_FAILED'],
    ]);
  });

  it('--output into a folder that does not exist: the user is told in their language which file could not be written (exit 3, not an internal error)', async () => {
    const target = join(folder.root, 'no-such-folder', 'report.jsonl');
    for (const [lang, said] of [
      ['vi', `kyso: không ghi được báo cáo vào ${target}: ENOENT`],
      ['en', `kyso: cannot write the report to ${target}: ENOENT`],
    ] as const) {
      const { code, stdout, stderr } = await run(['verify', ...ARGS.filter((a) => a !== 'en' && a !== '--lang'), '--lang', lang, '--format', 'jsonl', '--output', target, `${SAMPLES}pdf`]);
      expect(code).toBe(3);
      expect(stdout).toBe('');
      expect(stderr.startsWith(said)).toBe(true);
    }
  });

  it('a --content file that cannot be read: its name and the OS error, in the user’s language (exit 3)', async () => {
    const missing = join(folder.root, 'no-such-content.txt');
    for (const [lang, said] of [
      ['vi', `kyso: không đọc được ${missing}: ENOENT`],
      ['en', `kyso: cannot read ${missing}: ENOENT`],
    ] as const) {
      const { code, stdout, stderr } = await run(['verify', ...ARGS.filter((a) => a !== 'en' && a !== '--lang'), '--lang', lang, '--content', missing, join(folder.root, 'g-hop-dong.txt.p7s')]);
      expect(code).toBe(3);
      expect(stdout).toBe('');
      expect(stderr.startsWith(said)).toBe(true);
    }
  });

  it('--output writes the report to a file', async () => {
    const target = join(folder.root, '..', `kyso-out-${process.pid}.jsonl`);
    const { code, stdout } = await run(['verify', ...ARGS, '--format', 'jsonl', '--output', target, `${SAMPLES}pdf/person-signed.pdf`]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const { readFileSync } = await import('node:fs');
    expect(parse(readFileSync(target, 'utf8')).map((l) => l.record)).toEqual([undefined, 'summary']);
    rmSync(target);
  });
});
