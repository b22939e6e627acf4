// Peak memory of `kyso verify --format jsonl` over folders of 1,000 and 10,000 files (detached
// pairs copied from samples/), to show it does not grow with the number of files.
// Usage: node bench/folder-memory.mjs [--jobs N] [sizes...]   (run `npm run build` first)
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const jobsAt = args.indexOf('--jobs');
const jobs = jobsAt >= 0 ? args.splice(jobsAt, 2)[1] : undefined;
const sizes = args.map(Number);
for (const files of sizes.length ? sizes : [1000, 10000]) {
  const dir = mkdtempSync(join(tmpdir(), 'kyso-folder-'));
  for (let i = 0; i < files / 2; i++) {
    const name = join(dir, `${String(i).padStart(5, '0')}.txt`);
    copyFileSync(join(root, 'samples/cms/rsa-sha256.txt'), name);
    copyFileSync(join(root, 'samples/cms/rsa-sha256.txt.p7s'), `${name}.p7s`);
  }
  // The child reports its own peak resident set (the main thread; worker threads share the process).
  const started = Date.now();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, join(root, 'bin/kyso.js'), 'verify', '--trust', join(root, 'samples/pki'), '--at', '2026-06-01', '--format', 'jsonl', '--output', '/dev/null', ...(jobs ? ['--jobs', jobs] : []), dir], { encoding: 'utf8' });
  const peakKiB = Number(run.stderr.trim().split('\n').pop());
  console.log(JSON.stringify({ files, jobs: jobs ?? 'default', documents: files / 2, exitCode: run.status, seconds: (Date.now() - started) / 1000, peakRssMiB: +(peakKiB / 1024).toFixed(1) }));
  rmSync(dir, { recursive: true, force: true });
}
