import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openFileSource, verifyFiles, type FileResult } from '../../src/node.js';
import { verifyEntries } from '../../src/node/files.js';
import { readAhead, readAlready } from '../../src/node/verify-file.js';
import { walk } from '../../src/node/walk.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import { AT, REPO, SAMPLES } from '../helpers.js';
import { mixedFolder } from './fixture.js';

const folder = mixedFolder();
const temp: string[] = [folder.root];
afterAll(() => temp.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const trust = TrustStore.from(readFileSync(`${SAMPLES}pki/kyso-test-root.pem`, 'utf8'));

function outcome(result: FileResult): string {
  if ('report' in result) return result.report.indication;
  if ('error' in result) return result.error.code;
  return result.skipped;
}

async function collect(results: AsyncIterable<FileResult>): Promise<FileResult[]> {
  const out: FileResult[] = [];
  for await (const result of results) out.push(result);
  return out;
}

describe('verifyFiles', () => {
  it('a mixed folder: every file once, in order, with its verdict, its OS error or why it was skipped', async () => {
    const results = await collect(verifyFiles([folder.root], { trust, at: AT, jobs: 1 }));
    expect(results.map((r) => [relative(folder.root, r.path), outcome(r)])).toEqual(folder.expected);
    const pair = results.find((r) => r.path.endsWith('g-hop-dong.txt.p7s'));
    expect(pair).toMatchObject({ content: join(folder.root, 'g-hop-dong.txt') });
    const photo = results.find((r) => r.path.endsWith('f-photo.jpg'));
    expect(photo && 'report' in photo && photo.report.messages.map((m) => m.code)).toEqual(['DOC_UNKNOWN_FORMAT']);
    const duplicate = results.find((r) => r.path.endsWith('i-link-to-valid.pdf'));
    expect(duplicate).toMatchObject({ sameAs: join(folder.root, 'a-valid.pdf') });
  });

  it('worker threads (jobs 2) give the same results as one at a time on this thread (jobs 1)', async () => {
    const one = await collect(verifyFiles([folder.root, `${SAMPLES}edxml`], { trust, at: AT, jobs: 1 }));
    const two = await collect(verifyFiles([folder.root, `${SAMPLES}edxml`], { trust, at: AT, jobs: 2 }));
    expect(two).toEqual(one);
  });

  it('--include and --exclude globs: files named directly are always verified', async () => {
    const results = await collect(verifyFiles([folder.root, join(folder.root, 'f-photo.jpg')], { trust, at: AT, jobs: 1, include: ['*.pdf'], exclude: ['h-sub'] }));
    const outcomes = Object.fromEntries(results.map((r) => [relative(folder.root, r.path), outcome(r)]));
    expect(outcomes['f-photo.jpg']).toBe('NO_SIGNATURE');
    expect(outcomes['h-sub']).toBe('excluded');
    expect(outcomes['e-truncated.p7s']).toBe('not-included');
    expect(outcomes['a-valid.pdf']).toBe('TOTAL_PASSED');
  });

  it('bad options throw KysoOptionsError before any work; nothing else escapes', async () => {
    await expect(collect(verifyFiles([folder.root], { jobs: 0 }))).rejects.toMatchObject({ code: 'ERR_KYSO_INVALID_OPTIONS' });
    await expect(collect(verifyFiles('x' as unknown as string[]))).rejects.toMatchObject({ code: 'ERR_KYSO_INVALID_OPTIONS' });
  });

  it('an abort stops the run: no file starts after it, the results so far stay', async () => {
    const controller = new AbortController();
    const seen: FileResult[] = [];
    for await (const result of verifyFiles([folder.root], { trust, at: AT, jobs: 1, signal: controller.signal })) {
      seen.push(result);
      if (seen.length === 3) controller.abort();
    }
    expect(seen.length).toBe(3);
  });
});

describe('unreadable files (EACCES through a FileHandle stub: the tests run as root, which reads anything)', () => {
  const denied = Object.assign(new Error("EACCES: permission denied, open 'b-tampered.pdf'"), { code: 'EACCES', errno: -13, syscall: 'open' });

  it('a file that cannot be opened is its own result with the OS error; the files around it are verified', async () => {
    const open = (path: string) => (path.endsWith('b-tampered.pdf') ? Promise.reject(denied) : openFileSource(path));
    const entries = walk([folder.root]);
    const results = await collect(verifyEntries(entries, { options: { trust, at: AT }, jobs: 2, open }));
    expect(results.map((r) => [relative(folder.root, r.path), outcome(r)])).toEqual(folder.expected.map(([path, what]) => [path, path === 'b-tampered.pdf' ? 'EACCES' : what]));
  });

  it('a read that fails halfway (EIO on the handle) is the file’s error, not a verdict', async () => {
    const open = async (path: string) => {
      const file = await openFileSource(path);
      if (!path.endsWith('a-valid.pdf')) return file;
      return { ...file, read: () => Promise.reject(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' })) };
    };
    const results = await collect(verifyEntries(walk([join(folder.root, 'a-valid.pdf'), join(folder.root, 'c-unsigned.pdf')]), { options: { trust, at: AT }, jobs: 1, open }));
    expect(results.map(outcome)).toEqual(['EIO', 'NO_SIGNATURE']);
  });

  it('a detached content that cannot be read is the pair’s error, naming the content file', async () => {
    const open = (path: string) => (path.endsWith('g-hop-dong.txt') ? Promise.reject(denied) : openFileSource(path));
    const results = await collect(verifyEntries(walk([join(folder.root, 'g-hop-dong.txt.p7s')]), { options: { trust, at: AT }, jobs: 1, open }));
    expect(results).toMatchObject([{ path: join(folder.root, 'g-hop-dong.txt.p7s'), error: { code: 'EACCES' } }]);
    expect('error' in results[0]! && results[0].error.message).toContain('g-hop-dong.txt');
  });

  it('on this thread the next file is opened while the one before is verified, and its early failure is its own result', async () => {
    const events: string[] = [];
    const name = (path: string) => relative(folder.root, path);
    const open = async (path: string) => {
      events.push(`open ${name(path)}`);
      if (path.endsWith('b-tampered.pdf')) throw denied;
      const file = await openFileSource(path);
      return {
        ...file,
        close: () => {
          events.push(`close ${name(path)}`);
          return file.close();
        },
      };
    };
    const paths = ['a-valid.pdf', 'b-tampered.pdf', 'c-unsigned.pdf'].map((p) => join(folder.root, p));
    // Walked first: the walk's own lstat calls, slow under load, would otherwise decide
    // whether the next entry is even known before the first file's verification ends.
    const entries = [];
    for await (const entry of walk(paths)) entries.push(entry);
    const results = await collect(verifyEntries(entries, { options: { trust, at: AT }, jobs: 1, open }));
    expect(results.map(outcome)).toEqual(['TOTAL_PASSED', 'EACCES', 'NO_SIGNATURE']);
    expect(events.indexOf('open b-tampered.pdf')).toBeLessThan(events.indexOf('close a-valid.pdf'));
    expect(events.filter((e) => e.startsWith('open'))).toHaveLength(3);
    expect(events.filter((e) => e.startsWith('close'))).toEqual(['close a-valid.pdf', 'close c-unsigned.pdf']);
  });

  it.skipIf(process.getuid?.() === 0)('chmod 000 as a non-root user: EACCES (skipped as root, which reads anything; the stub tests above cover it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyso-eacces-'));
    temp.push(dir);
    copyFileSync(`${SAMPLES}pdf/person-signed.pdf`, join(dir, 'locked.pdf'));
    await chmod(join(dir, 'locked.pdf'), 0o000);
    const results = await collect(verifyFiles([dir], { trust, at: AT, jobs: 1 }));
    expect(results.map(outcome)).toEqual(['EACCES']);
  });
});

describe('files read ahead for a worker thread', () => {
  it('a small file is read whole on the feeding thread, and the worker opens those bytes once, then anything else from disk', async () => {
    const path = `${SAMPLES}cms/rsa-sha256.txt.p7s`;
    const read = await readAhead(path);
    expect(read && Buffer.from(read.bytes).equals(readFileSync(path))).toBe(true);
    expect(read?.size).toBe(readFileSync(path).length);
    const open = readAlready(path, read!);
    const first = await open(path);
    expect(Buffer.from(await first.read(0, first.size)).equals(readFileSync(path))).toBe(true);
    const content = await open(`${SAMPLES}cms/rsa-sha256.txt`);
    expect(Buffer.from(await content.read(0, content.size)).equals(readFileSync(`${SAMPLES}cms/rsa-sha256.txt`))).toBe(true);
    // Asked again, the path is opened from disk: the bytes were handed over once.
    const again = await open(path);
    expect(again.size).toBe(read!.size);
    await Promise.all([first, content, again].map((f) => f.close()));
  });

  it('a large file, a missing one and a folder are left to the worker (which reports its own error)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyso-ahead-'));
    temp.push(dir);
    writeFileSync(join(dir, 'large.pdf'), new Uint8Array(512 * 1024 + 1));
    writeFileSync(join(dir, 'limit.pdf'), new Uint8Array(512 * 1024));
    expect(await readAhead(join(dir, 'large.pdf'))).toBeUndefined();
    expect((await readAhead(join(dir, 'limit.pdf')))?.bytes.length).toBe(512 * 1024);
    expect(await readAhead(join(dir, 'missing.pdf'))).toBeUndefined();
    expect(await readAhead(dir)).toBeUndefined();
    const results = await collect(verifyFiles([join(dir, 'missing.pdf'), join(dir, 'large.pdf')], { trust, at: AT, jobs: 2 }));
    expect(results.map(outcome)).toEqual(['ENOENT', 'NO_SIGNATURE']);
  });
});

describe('walk', () => {
  it('an entry the folder listing calls a plain file or folder gets the real path the OS gives (realpath), so a second path to it is still a duplicate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyso-walk-'));
    temp.push(dir);
    mkdirSync(join(dir, 'real', 'deeper'), { recursive: true });
    copyFileSync(`${SAMPLES}pdf/person-signed.pdf`, join(dir, 'real', 'a.pdf'));
    copyFileSync(`${SAMPLES}pdf/tampered.pdf`, join(dir, 'real', 'deeper', 'b.pdf'));
    symlinkSync('real', join(dir, 'through-link'));
    const entries = [];
    // The file named directly first; then the same files listed in a folder reached through a link, then the folder itself.
    for await (const entry of walk([join(dir, 'real', 'deeper', 'b.pdf'), join(dir, 'through-link'), join(dir, 'real')])) entries.push(entry);
    expect(entries.map((e) => [relative(dir, e.path), e.kind === 'skipped' ? [e.reason, e.sameAs && relative(dir, e.sameAs)].filter(Boolean).join(' ') : e.kind])).toEqual([
      ['real/deeper/b.pdf', 'document'],
      ['through-link/a.pdf', 'document'],
      ['through-link/deeper/b.pdf', 'duplicate real/deeper/b.pdf'],
      ['real', 'duplicate'],
    ]);
  });
});

describe('bounded open files', () => {
  it('2,000 files under a limit of 256 open files (the limit the issue measured 376 failures of 500 under) never fail with EMFILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyso-emfile-'));
    temp.push(dir);
    mkdirSync(join(dir, 'docs'));
    for (let i = 0; i < 1000; i++) {
      copyFileSync(`${SAMPLES}cms/rsa-sha256.txt`, join(dir, 'docs', `${String(i).padStart(4, '0')}.txt`));
      copyFileSync(`${SAMPLES}cms/rsa-sha256.txt.p7s`, join(dir, 'docs', `${String(i).padStart(4, '0')}.txt.p7s`));
    }
    const script = join(dir, 'run.mjs');
    writeFileSync(
      script,
      `import { readFileSync } from 'node:fs';
import { verifyFiles } from ${JSON.stringify(join(REPO, 'dist/node.js'))};
import { TrustStore } from ${JSON.stringify(join(REPO, 'dist/index.js'))};
const trust = TrustStore.from(readFileSync(${JSON.stringify(`${SAMPLES}pki/kyso-test-root.pem`)}, 'utf8'));
const counts = {};
for await (const r of verifyFiles([${JSON.stringify(join(dir, 'docs'))}], { trust, at: new Date('2026-06-01T00:00:00Z'), jobs: 4 })) {
  const key = 'report' in r ? r.report.indication : 'error' in r ? r.error.code : r.skipped;
  counts[key] = (counts[key] ?? 0) + 1;
}
console.log(JSON.stringify(counts));
`,
    );
    // Node holds about 20 descriptors and each worker thread 15 to 30 of its own while it loads its modules (measured); four files in flight hold 8 more.
    const run = spawnSync('bash', ['-c', `ulimit -n 256 && exec "${process.execPath}" "${script}"`], { encoding: 'utf8', timeout: 300_000 });
    expect(run.stderr).toBe('');
    // 1,000 pairs: each signature with its content is one document.
    expect(JSON.parse(run.stdout)).toEqual({ TOTAL_PASSED: 1000 });
  });
});
