/**
 * `kyso metrics` over 100,000 JSONL reports: time and peak memory, to show the count is
 * streamed (memory bounded by the number of groups, not of documents).
 *
 * The reports are the samples' real reports (`kyso verify --format jsonl samples/`),
 * repeated with their facts varied over 500 agencies, the 63 + 34 provinces and 24 months
 * so the groups are as many as a national run would have. Usage:
 *
 *   npm run build && node bench/metrics.mjs [--reports 100000] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const KYSO = join(REPO, 'bin/kyso.js');
const args = process.argv.slice(2);
const count = Number(args[args.indexOf('--reports') + 1] || 0) || 100_000;

const verified = spawnSync(process.execPath, [KYSO, 'verify', '--trust', join(REPO, 'samples/pki'), '--at', '2026-06-01T00:00:00Z', '--format', 'jsonl', join(REPO, 'samples')], {
  encoding: 'utf8',
  maxBuffer: 1 << 30,
});
// Document lines only: the run's closing summary line (and an unreadable file's error line) is no report.
const base = verified.stdout
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line))
  .filter((line) => line.record === 'document' || (line.record === undefined && typeof line.path === 'string'));
if (base.length === 0) throw new Error('no sample reports: run npm run build first');

const folder = mkdtempSync(join(tmpdir(), 'kyso-bench-metrics-'));
const file = join(folder, 'reports.jsonl');
const out = createWriteStream(file);
/** 500 agencies: 100 level-2 units under each of 5 level-1 codes. */
const organ = (i) => `000.00.${String(i % 100).padStart(2, '0')}.H${String(Math.floor((i % 500) / 100) + 10)}`;
const old = ['01', '02', '10', '15', '19', '40', '79', '92', '93', '96'];
for (let i = 0; i < count; i++) {
  const report = base[i % base.length];
  const month = String((i % 12) + 1).padStart(2, '0');
  const year = i % 24 < 12 ? '2025' : '2026';
  const code = old[i % old.length];
  const facts = {
    ...report.facts,
    agency: { scheme: 'organ-id', id: organ(i), key: `organ-id:${organ(i)}`, source: 'edxml-sender', listed: false },
    documentDate: { value: `${year}-${month}-15`, source: 'signature-timestamp', signed: true },
    province: year === '2025' && Number(month) < 7 ? { map: '63', code, name: `Tỉnh ${code}`, key: `63:${code}`, before: code, source: 'organ-id', confirmed: false } : { map: '34', code, name: `Tỉnh ${code}`, key: `34:${code}`, before: code, source: 'organ-id', confirmed: false },
  };
  if (!out.write(`${JSON.stringify({ ...report, path: `corpus/${i}/${report.path.split('/').pop()}`, facts })}\n`)) await new Promise((r) => out.once('drain', r));
}
await new Promise((r) => out.end(r));
const size = statSync(file).size;

// /usr/bin/time -v reports the child's peak resident set; the child is the real CLI.
const started = process.hrtime.bigint();
const run = spawnSync('/usr/bin/time', ['-v', process.execPath, KYSO, 'metrics', '--format', 'json', '--by', 'agency,province,month', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
if (run.status !== 0) throw new Error(`kyso metrics failed: ${run.stderr}`);
const peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1]);
const metrics = JSON.parse(run.stdout);

// The same count over a tenth of the corpus: flat memory means streaming.
const small = join(folder, 'small.jsonl');
spawnSync('sh', ['-c', `head -n ${Math.floor(count / 10)} '${file}' > '${small}'`]);
const smallRun = spawnSync('/usr/bin/time', ['-v', process.execPath, KYSO, 'metrics', '--format', 'json', '--by', 'agency,province,month', small], { encoding: 'utf8', maxBuffer: 1 << 30 });
const smallPeakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(smallRun.stderr)?.[1]);

console.log(`reports: ${count} (${(size / 1e6).toFixed(0)} MB of JSONL), groups: ${metrics.groups.length}, documents counted: ${metrics.total.documents}`);
console.log(`kyso metrics: ${seconds.toFixed(1)} s, ${(count / seconds).toFixed(0)} reports/s, peak RSS ${(peakKb / 1024).toFixed(0)} MB`);
console.log(`a tenth of the corpus (${Math.floor(count / 10)} reports): peak RSS ${(smallPeakKb / 1024).toFixed(0)} MB`);
if (!args.includes('--keep')) rmSync(folder, { recursive: true, force: true });
else console.log(`kept ${file}`);
